import { describe, expect, it } from 'vitest';
import { beToCe, ceToBe } from '../../domain/buddhist-era.ts';

describe('Buddhist Era years', () => {
  it('converts the letter year both ways (2560 BE = 2017 CE)', () => {
    expect(ceToBe(2017)).toBe(2560);
    expect(beToCe(2560)).toBe(2017);
  });

  it('converts the leap year 2020 to 2563 and back', () => {
    expect(ceToBe(2020)).toBe(2563);
    expect(beToCe(ceToBe(2020))).toBe(2020);
  });
});
