/**
 * A PNG encoder for images of few colours. A log screenshot is a handful of text colours
 * anti-aliased over flat backgrounds: about 180–250 distinct colours, where resvg always writes
 * 32-bit RGBA. Written as an 8-bit palette image the same pixels take 2.3× (at 2x) to 3.8× (at
 * 1x) fewer bytes. Lossless: images with more than 256 colours (very colourful logs, some job
 * images, large diagrams) or any transparency are refused and written as true colour below.
 *
 * The PNG itself is written by the Rust `png` crate compiled to WebAssembly (`@cf-wasm/png`).
 * Palette images use its run-length compression (DEFLATE whose matches only repeat the byte
 * before): a log's image is mostly runs of one colour, and over 29 stage images of 4 Mpx it was
 * 5.5 ms per image against 41.8 for fflate at level 4 and 15.4 for the crate's "fast" mode, for
 * 18% and 7% more bytes. Compression had been half of an image's time. WebAssembly computes
 * the same bytes on every machine, which Node's zlib does not promise (its hashing depends on
 * the CPU's instructions).
 */
import { ColorType, Compression, encode, FilterType } from '@cf-wasm/png/node';
import { reusedBuffer } from './reused-buffer';

const TABLE_BITS = 10;
const TABLE = 1 << TABLE_BITS;

/** One buffer of palette indices for every image (see ./reused-buffer.ts); `encode` copies it. */
const reusedIndices = reusedBuffer((length) => new Uint8Array(length));

/** Opaque RGBA pixels -> palette PNG, or `undefined` when they do not fit a palette. */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Uint8Array | undefined {
	// Whole pixels compare as one number; the view needs 4-byte alignment, which a copy gives.
	// (`new Uint8Array`, not `slice`: a Node Buffer's `slice` is a view at the same offset.)
	const bytes = rgba.byteOffset % 4 === 0 ? rgba : new Uint8Array(rgba);
	const pixels = new Uint32Array(bytes.buffer, bytes.byteOffset, width * height);
	// Colour -> palette slot in an open-addressed table: a Map lookup for each change of colour
	// (every anti-aliased pixel of text) took half the encoding time. 0 marks an empty slot: it is
	// a transparent pixel, which is refused anyway.
	const keys = new Uint32Array(TABLE);
	const slots = new Uint8Array(TABLE);
	const palette = new Uint8Array(256 * 3);
	let colours = 0;
	const indices = reusedIndices(width * height);
	// Run by run: a run of one colour (background, mostly) is found with one comparison per pixel
	// and written with one fill.
	const count = indices.length;
	for (let p = 0; p < count; ) {
		const value = pixels[p]!;
		let end = p + 1;
		while (end < count && pixels[end] === value) end++;
		let h = Math.imul(value, 0x9e3779b1) >>> (32 - TABLE_BITS);
		while (keys[h] !== value && keys[h] !== 0) h = (h + 1) & (TABLE - 1);
		if (keys[h] === 0) {
			if (colours === 256 || bytes[p * 4 + 3] !== 255) return undefined;
			keys[h] = value;
			slots[h] = colours;
			palette.set(bytes.subarray(p * 4, p * 4 + 3), colours * 3);
			colours++;
		}
		if (end - p > 8) indices.fill(slots[h]!, p, end);
		else for (let q = p; q < end; q++) indices[q] = slots[h]!;
		p = end;
	}
	return encodePalettePng(indices, width, height, palette.slice(0, colours * 3));
}

/** Palette indices (one byte a pixel) and their palette (RGB, three bytes a slot) -> PNG. */
export function encodePalettePng(indices: Uint8Array, width: number, height: number, palette: Uint8Array): Uint8Array {
	// No filter: best for palette images (the PNG specification's advice, and measured here).
	return encode(indices, width, height, { color: ColorType.Indexed, palette, compression: Compression.Rle, filter: FilterType.NoFilter });
}

/**
 * Opaque RGBA pixels -> 24-bit PNG, for images of more than 256 colours. Each row is filtered
 * "sub" (the difference from the pixel to the left), which flat backgrounds reduce to zeros.
 */
export function encodeRgbPng(rgba: Uint8Array, width: number, height: number): Uint8Array {
	const rgb = new Uint8Array(width * height * 3);
	for (let p = 0, o = 0; o < rgb.length; p += 4, o += 3) {
		rgb[o] = rgba[p]!;
		rgb[o + 1] = rgba[p + 1]!;
		rgb[o + 2] = rgba[p + 2]!;
	}
	return encode(rgb, width, height, { color: ColorType.RGB, compression: Compression.Fast, filter: FilterType.Sub });
}

/**
 * RGBA pixels (straight alpha, as PNG has it: resvg's are premultiplied, the same only where
 * opaque, as its diagrams over white are) -> 32-bit PNG with run-length compression, for large
 * pictures of more than 256 colours: rows filtered "sub", so flat fills and the alpha channel are
 * runs of zeros.
 * On M's 110 such diagrams (509 Mpx at 2x) 3.4 s against 8.6 s for resvg's own encoder, for
 * 27.3 MB against 14.7 (downloads, not shown on any page).
 */
export function encodeRgbaPngQuickly(rgba: Uint8Array, width: number, height: number): Uint8Array {
	return encode(rgba, width, height, { color: ColorType.RGBA, compression: Compression.Rle, filter: FilterType.Sub });
}
