// WCAG AA for every colour pair Steward draws, in Phorge's light and dark themes.
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, relativeLuminance } from '../../src/ui/contrast';
import { MINIMUM, PAIRS, PALETTES, TOKENS, type ThemeName } from '../../src/ui/palette';

describe('contrast arithmetic', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#767676', '#ffffff', 4.54],
  ])('%s on %s is %s:1', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
  });

  it('reads short and long hex and rejects anything else', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('#1A5A96')).toEqual([26, 90, 150]);
    expect(() => parseHex('rgb(0,0,0)')).toThrow(/not a #rgb or #rrggbb colour/);
    expect(relativeLuminance('#000')).toBe(0);
  });
});

describe.each(['light', 'dark'] as ThemeName[])('%s palette', (theme) => {
  const palette = PALETTES[theme];

  it('defines every token as a hex colour', () => {
    for (const token of TOKENS) expect(() => parseHex(palette[token]), token).not.toThrow();
  });

  it.each(PAIRS.map((pair) => [`${pair.fg} on ${pair.bg} (${pair.where})`, pair] as const))(
    '%s meets AA',
    (_, pair) => {
      const ratio = contrastRatio(palette[pair.fg], palette[pair.bg]);
      expect(
        ratio,
        `${theme}: ${pair.fg} ${palette[pair.fg]} on ${pair.bg} ${palette[pair.bg]} is ${ratio.toFixed(2)}:1, ` +
          `needs ${MINIMUM[pair.kind]}:1 for ${pair.kind} (${pair.where})`,
      ).toBeGreaterThanOrEqual(MINIMUM[pair.kind]);
    },
  );
});
