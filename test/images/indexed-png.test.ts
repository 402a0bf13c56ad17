import { decode } from '@cf-wasm/png/node';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, encodeRgbaPngQuickly, encodeRgbPng } from '../../src/images/indexed-png';

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
});
