/**
 * A PNG encoder for images of few colours. A log screenshot is a handful of text colours
 * anti-aliased over flat backgrounds: about 180–250 distinct colours, where resvg always writes
 * 32-bit RGBA. Written as an 8-bit palette image the same pixels take 2.3× (at 2x) to 3.8× (at
 * 1x) fewer bytes. Lossless: images with more than 256 colours (very colourful logs, some job
 * images, large diagrams) or any transparency are refused and written as true colour below.
 *
 * Palette images are compressed by Node's zlib with its run-length strategy (DEFLATE whose
 * matches only repeat the byte before): a log's image is mostly runs of one colour. Over 300 of
 * M's stage images that is 1.4 ns a pixel against 2.0 for the same strategy in the Rust `png`
 * crate compiled to WebAssembly (`@cf-wasm/png`, which wrote them before, and was itself 7.6×
 * quicker than fflate at level 4), for 2% fewer bytes; in M's image worker, 12.9 → 10.1 s of
 * encoding. Hand-written here is only PNG's chunk framing (the specification's four chunks).
 * The bytes are the same on every machine: zlib's run-length strategy looks up no hash (the
 * part of Node's zlib that depends on the CPU's instructions), so what it writes follows from
 * the bytes alone, for a given zlib: the `node` devDependency's, pinned by the lockfile, which
 * the build cache's key covers (and a test pins a digest).
 * True-colour images, rarer, are still written by the crate: their rows are filtered first,
 * which it does in WebAssembly.
 */
import { ColorType, Compression, encode, FilterType } from '@cf-wasm/png/node';
import { constants, crc32, deflateSync } from 'node:zlib';
import { reusedBuffer } from './reused-buffer';

const TABLE_BITS = 10;
const TABLE = 1 << TABLE_BITS;

/** One buffer of palette indices for every image (see ./reused-buffer.ts); `encodePalettePng` copies it. */
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

/** One buffer of filtered rows for every image: see `reusedIndices`. */
const reusedRows = reusedBuffer((length) => new Uint8Array(length));

/** Palette indices (one byte a pixel) and their palette (RGB, three bytes a slot) -> PNG. */
export function encodePalettePng(indices: Uint8Array, width: number, height: number, palette: Uint8Array): Uint8Array {
	// Each row is preceded by its filter type: 0, none, best for palette images (the PNG
	// specification's advice, and measured here).
	const stride = width + 1;
	const rows = reusedRows(stride * height);
	for (let y = 0; y < height; y++) {
		rows[y * stride] = 0;
		rows.set(indices.subarray(y * width, (y + 1) * width), y * stride + 1);
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header[8] = 8; // bits per index
	header[9] = 3; // colour type: palette
	const data = deflateSync(rows, { strategy: constants.Z_RLE, chunkSize: 1 << 16 });
	const chunks: [string, Uint8Array][] = [['IHDR', header], ['PLTE', palette], ['IDAT', data], ['IEND', new Uint8Array(0)]];
	const png = new Uint8Array(chunks.reduce((n, [, body]) => n + 12 + body.length, PNG_SIGNATURE.length));
	png.set(PNG_SIGNATURE);
	let at = PNG_SIGNATURE.length;
	for (const [type, body] of chunks) at = writeChunk(png, at, type, body);
	return png;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Writes a PNG chunk at `at` (length, type, data, the CRC of type and data); returns where it ends. */
function writeChunk(png: Uint8Array, at: number, type: string, body: Uint8Array): number {
	const view = new DataView(png.buffer, png.byteOffset);
	view.setUint32(at, body.length);
	for (let i = 0; i < 4; i++) png[at + 4 + i] = type.charCodeAt(i);
	png.set(body, at + 8);
	view.setUint32(at + 8 + body.length, crc32(png.subarray(at + 4, at + 8 + body.length)));
	return at + 12 + body.length;
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
