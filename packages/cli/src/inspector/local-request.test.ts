import { describe, expect, it } from 'vitest';
import { isLocalRequest } from './local-request.js';

describe('isLocalRequest', () => {
  it('accepts the inspector own host names on its port, with or without its origin', () => {
    for (const host of ['127.0.0.1:4040', 'localhost:4040', '[::1]:4040', 'LOCALHOST:4040'])
      expect(isLocalRequest({ host }, 4040)).toBe(true);
    expect(
      isLocalRequest(
        { host: '127.0.0.1:4040', origin: 'http://127.0.0.1:4040', 'sec-fetch-site': 'same-origin' },
        4040,
      ),
    ).toBe(true);
    expect(isLocalRequest({ host: 'localhost:4040', 'sec-fetch-site': 'none' }, 4040)).toBe(true);
  });

  it('refuses other hosts (DNS rebinding), other ports, other origins and cross-site requests', () => {
    expect(isLocalRequest({ host: 'evil.example:4040' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1.evil.example:4040' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4041' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1' }, 4040)).toBe(false);
    expect(isLocalRequest({}, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4040', origin: 'http://evil.example' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4040', origin: 'http://127.0.0.1:4041' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4040', origin: 'null' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4040', 'sec-fetch-site': 'cross-site' }, 4040)).toBe(false);
    expect(isLocalRequest({ host: '127.0.0.1:4040', 'sec-fetch-site': 'same-site' }, 4040)).toBe(false);
  });
});
