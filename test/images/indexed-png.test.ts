import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { decode } from '@cf-wasm/png/node';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, encodePalettePng, encodeRgbaPngQuickly, encodeRgbPng } from '../../src/images/indexed-png';

/** Opaque RGBA of `width` × `height` pixels whose colours come from `colour(index)`. */
function image(width: number, height: number, colour: (p: number) => number): Uint8Array {
	const rgba = new Uint8Array(width * height * 4);
	for (let p = 0; p < width * height; p++) {
		const c = colour(p);
		rgba.set([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 255], p * 4);
	}
	return rgba;
}

/** The decoded PNG's pixels as RGB, beside the colour type it was written with. */
function pixels(png: Uint8Array): { rgb: number[]; colourType: number } {
	const decoded = decode(png);
	return { rgb: [...decoded.image], colourType: png[25]! };
}

const rgbOf = (rgba: Uint8Array) => [...rgba].filter((_, i) => i % 4 !== 3);

describe('encodeIndexedPng', () => {
	it('keeps every pixel, in runs of every length (1, a few, long) and across rows', () => {
		// Runs of 1..12 pixels, then a long one, of 5 colours: both ways of writing a run.
		const runs = [1, 2, 3, 8, 9, 12, 40, 1, 1, 300];
		const colourAt: number[] = [];
		for (const [i, run] of runs.entries()) for (let k = 0; k < run; k++) colourAt.push([0xffffff, 0x24292e, 0xc21f2b, 0x116329, 0x0550ae][i % 5]!);
		const rgba = image(29, 13, (p) => colourAt[p % colourAt.length]!);
		const png = encodeIndexedPng(rgba, 29, 13)!;
		expect(pixels(png)).toEqual({ rgb: rgbOf(rgba), colourType: 3 });
	});

	it('reads pixels that do not start on a 4-byte boundary', () => {
		const rgba = image(7, 5, (p) => (p % 3 === 0 ? 0x123456 : 0xfedcba));
		const shifted = new Uint8Array(rgba.length + 1).subarray(1);
		shifted.set(rgba);
		expect(pixels(encodeIndexedPng(shifted, 7, 5)!)).toEqual({ rgb: rgbOf(rgba), colourType: 3 });
		// A Node Buffer too (resvg's pixels are one), whose `slice` is a view at the same offset.
		expect(pixels(encodeIndexedPng(Buffer.from(shifted.buffer, 1, rgba.length), 7, 5)!)).toEqual({ rgb: rgbOf(rgba), colourType: 3 });
	});

	it('refuses more than 256 colours and any transparency, which the true-colour encoder takes', () => {
		const many = image(300, 2, (p) => p * 97);
		expect(encodeIndexedPng(many, 300, 2)).toBeUndefined();
		expect(pixels(encodeRgbPng(many, 300, 2))).toEqual({ rgb: rgbOf(many), colourType: 2 });
		const seeThrough = image(4, 4, () => 0xffffff);
		seeThrough[4 * 9 + 3] = 128;
		expect(encodeIndexedPng(seeThrough, 4, 4)).toBeUndefined();
	});

	it('writes many colours and transparency quickly, every pixel kept', () => {
		// Flat rows with a few hundred colours scattered, one of them see-through: a large diagram.
		const rgba = image(400, 30, (p) => (p % 37 === 0 ? p * 131 : 0xffffff));
		rgba[4 * 77 + 3] = 40;
		const png = encodeRgbaPngQuickly(rgba, 400, 30);
		const decoded = decode(png);
		expect([png[25], [...decoded.image]]).toEqual([6, [...rgba]]);
		expect(png.length).toBeLessThan(rgba.length / 4);
		expect(encodeRgbaPngQuickly(rgba.slice(), 400, 30)).toEqual(png);
	});

	it('gives the same bytes for the same pixels', () => {
		const rgba = image(64, 64, (p) => ((p >> 3) % 7) * 0x102030);
		expect(encodeIndexedPng(rgba, 64, 64)).toEqual(encodeIndexedPng(rgba.slice(), 64, 64));
	});

	it('gives the bytes it gave when written, on any machine (zlib must not depend on the CPU)', () => {
		// A screenshot's shape: flat rows, and rows of text-like bursts of a few colours. Should
		// this fail after Node was updated, its zlib writes other bytes: check that the pixels
		// still hold and take the new digest; on another machine alone, the bytes are not
		// deterministic, which builds promise.
		const rgba = image(333, 120, (p) => (Math.floor(p / 333) % 9 < 5 && ((p * 7919) >> 4) % 5 === 0 ? [0x24292e, 0xc21f2b, 0x7d8590][p % 3]! : 0xf6f8fa));
		const png = encodeIndexedPng(rgba, 333, 120)!;
		expect(pixels(png)).toEqual({ rgb: rgbOf(rgba), colourType: 3 });
		expect(createHash('sha256').update(png).digest('hex')).toBe('a6cf7a73324b98f37e0466c84576adb1a91e85e9813ac5a2499d95c61c917a68');
	});
});

describe('encodePalettePng', () => {
	/** The PNG's chunks, in order, each checked against its CRC. */
	function chunks(png: Uint8Array): { type: string; body: Buffer }[] {
		const bytes = Buffer.from(png);
		expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const out: { type: string; body: Buffer }[] = [];
		for (let at = 8; at < bytes.length; ) {
			const length = bytes.readUInt32BE(at);
			const type = bytes.toString('latin1', at + 4, at + 8);
			expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
			out.push({ type, body: bytes.subarray(at + 8, at + 8 + length) });
			at += 12 + length;
		}
		return out;
	}

	it('writes the header, the palette, the rows unfiltered and the end, each chunk with its CRC', () => {
		const indices = Uint8Array.from({ length: 5 * 3 }, (_, i) => i % 4);
		const palette = Uint8Array.of(255, 255, 255, 0, 0, 0, 200, 30, 40, 1, 2, 3);
		const found = chunks(encodePalettePng(indices, 5, 3, palette));
		expect(found.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
		// 5 × 3, 8 bits an index, palette colour type, no interlacing.
		expect([...found[0]!.body]).toEqual([0, 0, 0, 5, 0, 0, 0, 3, 8, 3, 0, 0, 0]);
		expect([...found[1]!.body]).toEqual([...palette]);
		expect([...inflateSync(found[2]!.body)]).toEqual([0, 0, 1, 2, 3, 0, 0, 1, 2, 3, 0, 1, 0, 2, 3, 0, 1, 2]);
		expect(found[3]!.body.length).toBe(0);
	});

	it('decodes to its pixels when the rows are long and the image is large', () => {
		const width = 1501;
		const height = 700;
		const indices = Uint8Array.from({ length: width * height }, (_, p) => (p % width < 900 ? 0 : (p * 31) % 7));
		const palette = Uint8Array.from({ length: 7 * 3 }, (_, i) => i * 11);
		const decoded = decode(encodePalettePng(indices, width, height, palette));
		const expected = new Uint8Array(width * height * 3);
		for (let p = 0; p < indices.length; p++) expected.set(palette.subarray(indices[p]! * 3, indices[p]! * 3 + 3), p * 3);
		expect([decoded.width, decoded.height]).toEqual([width, height]);
		expect(Buffer.from(decoded.image).equals(Buffer.from(expected))).toBe(true);
	});
});
