/**
 * The canvas stage and job images are painted on: a palette index per pixel instead of four
 * bytes of RGBA. A log screenshot is a few hundred colours at most (text anti-aliased over flat
 * backgrounds), and its PNG is written as a palette image anyway (see ./indexed-png.ts): painted
 * in RGBA, the 16 MB of a 2x stage image were cleared, filled and then read again pixel by pixel
 * to find each one's palette slot, a third of the image's time. Here each colour gets its slot
 * when it is painted, and the indices go to the encoder as they are.
 *
 * Every colour is computed as the RGBA canvas computes it (`Canvas` in ./raster.ts), from the
 * colour already there, so the pixels are the same (a test holds the two to it). An image that
 * needs more colours than a palette holds says so (`png()` is undefined) and is painted in RGBA.
 */
import { encodePalettePng } from './indexed-png';
import { reusedBuffer } from './reused-buffer';

const TABLE_BITS = 10;
const TABLE = 1 << TABLE_BITS;
/** A palette's slots. Slot 0 is what the canvas starts as: the image's background, or black (as RGBA's cleared pixels are) for pixels left unpainted. */
const SLOTS = 256;
/** Glyph masks hold 16 coverage levels (0, 17, … 255: see ./glyphs.ts). */
const LEVEL = 17;

/** One buffer of indices for every image (see ./reused-buffer.ts). */
const indexBuffer = reusedBuffer((length) => new Uint8Array(length));
const clearedIndices = (count: number): Uint8Array => indexBuffer(count).fill(0);

export class PaletteCanvas {
	private readonly pixels: Uint8Array;
	/** Colour of each slot, 0xRRGGBB. */
	private readonly colours = new Int32Array(SLOTS);
	private count = 1;
	private full = false;
	/** Colour -> slot, open addressing; -1 is an empty entry. */
	private readonly keys = new Int32Array(TABLE).fill(-1);
	private readonly slots = new Uint8Array(TABLE);
	/** For each text colour, (slot under it, coverage level) -> slot of the blend: text is mostly drawn over a few backgrounds. */
	private readonly blends = new Map<number, Int16Array>();

	/**
	 * `ground`: the colour of a rectangle the image starts with over all of it, if it does (slot
	 * 0, given by clearing). The PNG encoder's run-length mode codes small indices shortest, and
	 * the background is most of an image: given slot 1, the PNGs were 2.6% larger.
	 */
	constructor(
		readonly width: number,
		readonly height: number,
		private readonly ground?: number,
	) {
		this.pixels = clearedIndices(width * height);
		if (ground !== undefined) {
			this.count = 0;
			this.slot(ground);
		}
	}

	/** The slot of a colour, given one when new; 0 once the palette is full (the image is then painted in RGBA). */
	private slot(rgb: number): number {
		let h = Math.imul(rgb, 0x9e3779b1) >>> (32 - TABLE_BITS);
		for (;;) {
			const key = this.keys[h]!;
			if (key === rgb) return this.slots[h]!;
			if (key === -1) break;
			h = (h + 1) & (TABLE - 1);
		}
		if (this.count === SLOTS) {
			this.full = true;
			return 0;
		}
		this.keys[h] = rgb;
		this.slots[h] = this.count;
		this.colours[this.count] = rgb;
		return this.count++;
	}

	span(y: number, x0: number, x1: number, rgb: number): void {
		if (y < 0 || y >= this.height) return;
		const a = Math.max(0, x0);
		const b = Math.min(this.width, x1);
		if (b > a) this.pixels.fill(this.slot(rgb), y * this.width + a, y * this.width + b);
	}

	blend(x: number, y: number, rgb: number, a: number): void {
		if (a <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		const o = y * this.width + x;
		const under = this.colours[this.pixels[o]!]!;
		const k = 1 - a;
		// `& 255`: what storing into the RGBA canvas's bytes does.
		const r = Math.round((under >> 16) * k + (rgb >> 16) * a) & 255;
		const g = Math.round(((under >> 8) & 0xff) * k + ((rgb >> 8) & 0xff) * a) & 255;
		const b = Math.round((under & 0xff) * k + (rgb & 0xff) * a) & 255;
		this.pixels[o] = this.slot((r << 16) | (g << 8) | b);
	}

	over(x: number, y: number, r: number, g: number, b: number, a: number): void {
		const o = y * this.width + x;
		const under = this.colours[this.pixels[o]!]!;
		const k = (255 - a) / 255;
		const red = Math.round(r + (under >> 16) * k) & 255;
		const green = Math.round(g + ((under >> 8) & 0xff) * k) & 255;
		const blue = Math.round(b + (under & 0xff) * k) & 255;
		this.pixels[o] = this.slot((red << 16) | (green << 8) | blue);
	}

	mask(alpha: Uint8Array, w: number, h: number, x: number, y: number, rgb: number): void {
		let known = this.blends.get(rgb);
		if (!known) {
			known = new Int16Array(SLOTS * 16).fill(-1);
			this.blends.set(rgb, known);
		}
		let solid = -1;
		const i0 = Math.max(0, -x);
		const i1 = Math.min(w, this.width - x);
		for (let j = Math.max(0, -y), j1 = Math.min(h, this.height - y); j < j1; j++) {
			let o = (y + j) * this.width + x + i0;
			for (let i = i0, m = j * w + i0; i < i1; i++, m++, o++) {
				const a = alpha[m]!;
				if (a === 0) continue;
				if (a === 255) {
					if (solid < 0) solid = this.slot(rgb);
					this.pixels[o] = solid;
					continue;
				}
				const under = this.pixels[o]!;
				if (a % LEVEL !== 0) {
					this.pixels[o] = this.slot(maskBlend(this.colours[under]!, rgb, a));
					continue;
				}
				const key = (under << 4) | (a / LEVEL);
				let slot = known[key]!;
				if (slot < 0) {
					slot = this.slot(maskBlend(this.colours[under]!, rgb, a));
					known[key] = slot;
				}
				this.pixels[o] = slot;
			}
		}
	}

	/** The image as a palette PNG, or undefined when its colours did not fit a palette. */
	png(): Uint8Array | undefined {
		if (this.full) return undefined;
		const palette = new Uint8Array(this.count * 3);
		for (let i = 0; i < this.count; i++) {
			const c = this.colours[i]!;
			palette[i * 3] = c >> 16;
			palette[i * 3 + 1] = (c >> 8) & 0xff;
			palette[i * 3 + 2] = c & 0xff;
		}
		return encodePalettePng(this.pixels, this.width, this.height, palette);
	}

	/** The pixels as RGBA (for tests), or undefined when the palette was full. */
	rgba(): Uint8Array | undefined {
		if (this.full) return undefined;
		const out = new Uint8Array(this.pixels.length * 4);
		for (let p = 0; p < this.pixels.length; p++) {
			const c = this.colours[this.pixels[p]!]!;
			out[p * 4] = c >> 16;
			out[p * 4 + 1] = (c >> 8) & 0xff;
			out[p * 4 + 2] = c & 0xff;
			out[p * 4 + 3] = this.pixels[p] === 0 && this.ground === undefined ? 0 : 255;
		}
		return out;
	}
}

/** Text of colour `rgb` at coverage `a` (1–254) over `under`, rounded as the RGBA canvas stores it. */
function maskBlend(under: number, rgb: number, a: number): number {
	const k = 255 - a;
	const r = (((under >> 16) * k + (rgb >> 16) * a + 127) / 255) & 255;
	const g = ((((under >> 8) & 0xff) * k + ((rgb >> 8) & 0xff) * a + 127) / 255) & 255;
	const b = (((under & 0xff) * k + (rgb & 0xff) * a + 127) / 255) & 255;
	return (r << 16) | (g << 8) | b;
}
