/**
 * The PNG encoder (src/figures/png.ts) and the matrix images built on it (src/figures/pixels.ts),
 * checked by decoding with independent code: node:zlib's CRC-32 and inflate, not the encoder's
 * own tables. Bytes are not snapshotted blindly: the test reads the file back as a PNG decoder
 * would (signature, chunk order and CRCs, IHDR fields, zlib stream, filter bytes, pixels).
 */
import { crc32, inflateSync } from 'node:zlib';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { matrixImageUri, matrixPixels } from '../../../src/figures/pixels';
import { base64, encodePng, pngDataUri } from '../../../src/figures/png';

interface Chunk {
  type: string;
  data: Buffer;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Split a PNG into chunks, checking the signature and every chunk's length and CRC. */
function chunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png);
  expect([...buf.subarray(0, 8)]).toEqual(SIGNATURE);
  const out: Chunk[] = [];
  let o = 8;
  while (o < buf.length) {
    const length = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    expect(o + 12 + length, `${type} runs past the end`).toBeLessThanOrEqual(buf.length);
    const data = buf.subarray(o + 8, o + 8 + length);
    expect(buf.readUInt32BE(o + 8 + length), `CRC of ${type}`).toBe(crc32(buf.subarray(o + 4, o + 8 + length)));
    out.push({ type, data });
    o += 12 + length;
  }
  return out;
}

interface Decoded {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Decode an 8-bit truecolour, non-interlaced PNG with filter type 0 rows (what the encoder writes). */
function decode(png: Uint8Array): Decoded {
  const cs = chunks(png);
  expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = cs[0].data;
  expect(ihdr.length).toBe(13);
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  // bit depth 8, colour type 2 (RGB), compression 0, filter method 0, no interlace
  expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  expect(cs[2].data.length).toBe(0);
  const raw = inflateSync(cs[1].data); // checks the zlib header and the Adler-32 trailer
  const stride = 1 + 3 * width;
  expect(raw.length).toBe(height * stride);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride], `filter byte of row ${y}`).toBe(0);
    rgb.set(raw.subarray(y * stride + 1, (y + 1) * stride), y * width * 3);
  }
  return { width, height, rgb };
}

/** Pixels that differ from their neighbours, so a swapped row, column or channel shows. */
const pattern = (width: number, height: number) => Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + Math.floor(i / (3 * width)) * 11) % 256);

describe('PNG encoder', () => {
  it('writes a PNG that decodes back to its dimensions and pixels', () => {
    const rgb = pattern(5, 3);
    expect(decode(encodePng(5, 3, rgb))).toEqual({ width: 5, height: 3, rgb });
  });

  it('splits image data over several stored deflate blocks when it exceeds 65 535 bytes', () => {
    // 200 × 120 pixels: 120 rows of 601 bytes = 72 120 bytes, two stored blocks
    const rgb = pattern(200, 120);
    const png = encodePng(200, 120, rgb);
    const idat = chunks(png)[1].data;
    expect(idat[2]).toBe(0); // first block: not final
    expect(decode(png).rgb).toEqual(rgb);
  });

  it('encodes a one-pixel image and refuses pixel data of the wrong length, naming both lengths', () => {
    expect(decode(encodePng(1, 1, new Uint8Array([255, 0, 128])))).toEqual({ width: 1, height: 1, rgb: new Uint8Array([255, 0, 128]) });
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow('encodePng: expected 12 bytes, got 11');
  });

  it('writes base64 as the standard alphabet with padding, for every remainder', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) % 256);
      expect(base64(bytes), `${n} bytes`).toBe(Buffer.from(bytes).toString('base64'));
    }
    const uri = pngDataUri(2, 1, new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    expect(decode(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64')).rgb).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
  });
});

describe('matrix images', () => {
  const rows = [
    [-2.5, 0, 2.5],
    [-9, 9, 1],
  ];

  it('map the ends of the range to RdBu red and blue and zero to its middle, clamping beyond the limit', () => {
    const px = matrixPixels(rows, 2.5);
    const at = (r: number, c: number) => [...px.subarray((r * 3 + c) * 3, (r * 3 + c) * 3 + 3)];
    const rdbu = (t: number) => /rgb\((\d+), (\d+), (\d+)\)/.exec(interpolateRdBu(t))!.slice(1).map(Number);
    expect(at(0, 0)).toEqual(rdbu(0)); // −limit: the dark red end
    expect(at(0, 0)).toEqual([103, 0, 31]);
    expect(at(0, 2)).toEqual(rdbu(1)); // +limit: the dark blue end
    expect(at(0, 2)).toEqual([5, 48, 97]);
    expect(at(0, 1)).toEqual(rdbu(0.5)); // zero: the pale middle
    expect(at(1, 0)).toEqual(at(0, 0));
    expect(at(1, 1)).toEqual(at(0, 2));
  });

  it('become a PNG with one pixel per cell, row by row', () => {
    const uri = matrixImageUri(rows, 2.5);
    const png = Buffer.from(uri.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(decode(png)).toEqual({ width: 3, height: 2, rgb: matrixPixels(rows, 2.5) });
  });
});
