// Draws the toolbar and store icons (a shield with a check) into public/icons/*.png.
// Run once when the design changes: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

type Rgba = [number, number, number, number];

function insideShield(x: number, y: number): boolean {
  // Unit square coordinates. Flat top with rounded shoulders, straight sides, curved point at the bottom.
  if (y < 0.08 || y > 0.95) return false;
  const halfWidth = y < 0.55 ? 0.4 : 0.4 * Math.sqrt(Math.max(0, 1 - ((y - 0.55) / 0.4) ** 2));
  if (Math.abs(x - 0.5) > halfWidth) return false;
  const cornerR = 0.1;
  const cx = x < 0.5 ? 0.1 + cornerR : 0.9 - cornerR;
  if (y < 0.08 + cornerR && Math.abs(x - 0.5) > 0.4 - cornerR) {
    return Math.hypot(x - cx, y - (0.08 + cornerR)) <= cornerR;
  }
  return true;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onCheck(x: number, y: number, stroke: number): boolean {
  return (
    distanceToSegment(x, y, 0.3, 0.5, 0.45, 0.65) < stroke ||
    distanceToSegment(x, y, 0.45, 0.65, 0.72, 0.34) < stroke
  );
}

function colourAt(x: number, y: number, size: number): Rgba {
  if (!insideShield(x, y)) return [0, 0, 0, 0];
  const stroke = size <= 16 ? 0.075 : 0.06;
  if (onCheck(x, y, stroke)) return [255, 255, 255, 255];
  return y < 0.3 ? [214, 51, 108, 255] : [61, 58, 140, 255];
}

function render(size: number): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, size);
          const a = c[3] / 255;
          acc[0]! += c[0] * a;
          acc[1]! += c[1] * a;
          acc[2]! += c[2] * a;
          acc[3]! += c[3];
        }
      }
      const n = samples * samples;
      const alpha = acc[3]! / n;
      const cover = alpha / 255 || 1;
      row.set(
        [acc[0]! / n / cover, acc[1]! / n / cover, acc[2]! / n / cover, alpha].map(Math.round),
        1 + px * 4,
      );
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(`public/icons/${size}.png`, render(size));
}
console.log('wrote public/icons/{16,32,48,128}.png');
