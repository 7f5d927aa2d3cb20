import { describe, expect, it } from 'vitest';
import { COLLECTION_META_POINT_ID, pointIdFor } from './point-id.js';

describe('pointIdFor', () => {
  it('derives a stable RFC 9562 version-5 UUID per memory id', () => {
    const id = pointIdFor('k3v9x2m0qa7c');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pointIdFor('k3v9x2m0qa7c')).toBe(id);
    expect(pointIdFor('k3v9x2m0qa7d')).not.toBe(id);
    expect(pointIdFor('collection-meta')).not.toBe(COLLECTION_META_POINT_ID);
  });
});
