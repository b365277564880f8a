import { describe, expect, it } from 'vitest';
import { UBN_PRIORITY } from '../../src/core/model';

describe('model', () => {
  it('names Unbreak Now! by its Maniphest value', () => {
    expect(UBN_PRIORITY).toBe(100);
  });
});
