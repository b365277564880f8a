// WCAG 2.x relative luminance and contrast ratio, for checking the palette (and nothing at runtime).

/** Parses "#rgb" or "#rrggbb"; throws on anything else so a typo in the palette fails loudly. */
export function parseHex(colour: string): [number, number, number] {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  if (short)
    return [short[1]!, short[2]!, short[3]!].map((c) => parseInt(c + c, 16)) as [number, number, number];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (long) return [long[1]!, long[2]!, long[3]!].map((c) => parseInt(c, 16)) as [number, number, number];
  throw new Error(`"${colour}" is not a #rgb or #rrggbb colour`);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseHex(colour);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** From 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
