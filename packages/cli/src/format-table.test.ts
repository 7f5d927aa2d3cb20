import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('pads columns by display width, a wide character counting as two', () => {
    expect(
      formatTable([
        ['name', 'n'],
        ['寿司', '1'],
        ['tea', '22'],
      ]).split('\n'),
    ).toEqual(['name  n', '寿司  1', 'tea   22']);
  });

  it('leaves the last column unpadded', () => {
    expect(
      formatTable([
        ['a', 'long text'],
        ['bb', 'x'],
      ]),
    ).toBe('a   long text\nbb  x');
  });
});
