import path from 'node:path';
import { ResonantError } from '@resonant/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_PORT, readServerConfig } from './read-server-config.js';

const base = { homeDirectory: '/home/ada', cwd: '/work' };

describe('readServerConfig', () => {
  it('defaults to stdio, a store under the home directory and no default namespace', () => {
    expect(readServerConfig({ ...base, argv: [], env: {} })).toEqual({
      path: path.join('/home/ada', '.resonant', 'memory.db'),
      defaultNamespace: undefined,
      namespaceScope: undefined,
      transport: { kind: 'stdio' },
      action: 'serve',
    });
  });

  it('reads the environment, resolving a relative RESONANT_PATH against the working directory', () => {
    const config = readServerConfig({
      ...base,
      argv: [],
      env: {
        RESONANT_PATH: 'data/m.db',
        RESONANT_NAMESPACE: 'user:ada',
        RESONANT_TRANSPORT: 'http',
        RESONANT_HTTP_PORT: '9000',
      },
    });
    expect(config).toMatchObject({
      path: path.resolve('/work', 'data/m.db'),
      defaultNamespace: 'user:ada',
      transport: { kind: 'http', host: '127.0.0.1', port: 9000 },
    });
  });

  it('reads the namespace scope from RESONANT_NAMESPACE_SCOPE or --scope, the flag first', () => {
    expect(readServerConfig({ ...base, argv: [], env: { RESONANT_NAMESPACE_SCOPE: 'user:ada' } }).namespaceScope).toBe(
      'user:ada',
    );
    expect(
      readServerConfig({ ...base, argv: ['--scope', 'user:bo'], env: { RESONANT_NAMESPACE_SCOPE: 'user:ada' } })
        .namespaceScope,
    ).toBe('user:bo');
  });

  it('accepts a default namespace inside the scope', () => {
    expect(
      readServerConfig({ ...base, argv: ['--scope', 'user:ada'], env: { RESONANT_NAMESPACE: 'user:ada/agent:mika' } }),
    ).toMatchObject({ defaultNamespace: 'user:ada/agent:mika', namespaceScope: 'user:ada' });
  });

  it('lets flags override the environment', () => {
    const config = readServerConfig({
      ...base,
      argv: ['--path', '/tmp/x.db', '--namespace', 'flag', '--http'],
      env: { RESONANT_PATH: '/elsewhere.db', RESONANT_NAMESPACE: 'env' },
    });
    expect(config).toMatchObject({
      path: '/tmp/x.db',
      defaultNamespace: 'flag',
      transport: { kind: 'http', port: DEFAULT_HTTP_PORT },
    });
  });

  it('treats blank variables as unset', () => {
    expect(
      readServerConfig({ ...base, argv: [], env: { RESONANT_NAMESPACE: '  ', RESONANT_TRANSPORT: '' } }),
    ).toMatchObject({ defaultNamespace: undefined, transport: { kind: 'stdio' } });
  });

  it.each([
    [['--bogus'], {}],
    [[], { RESONANT_TRANSPORT: 'carrier-pigeon' }],
    [['--http', '--port', '70000'], {}],
    [['--http', '--port', '12ab'], {}],
    [['--namespace', 'user:bo', '--scope', 'user:ada'], {}],
    [['--http'], { RESONANT_NAMESPACE: 'user:adam', RESONANT_NAMESPACE_SCOPE: 'user:ada' }],
  ])('rejects %j %j with invalid_input', (argv, env) => {
    let caught: unknown;
    try {
      readServerConfig({ ...base, argv, env });
    } catch (error) {
      caught = error;
    }
    expect(ResonantError.isInstance(caught) && caught.code).toBe('invalid_input');
  });
});
