/**
 * Glyph masks for drawing image text without laying it out again for every image.
 *
 * resvg turns each character of an SVG's text into an outline and fills it: for a log
 * screenshot of thousands of characters that was about 60% of the time an image took, the same
 * few dozen glyphs drawn over and over. Here resvg draws each glyph once (per face, pixel size
 * and quarter-pixel offset), with the same fonts and the same fallback as for a whole image,
 * into a sheet of many glyphs at a time; its coverage is kept as a mask and copied where the
 * character goes. Hand-written: no package draws text from cached glyphs without a browser or
 * a native canvas, and resvg (already the PNG path) exposes no glyph cache.
 */
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY, xmlText } from './markup';
import { imageFonts } from './png';

/** Coverage of one glyph, cropped to its ink; `left`/`top` from the pen position on the baseline. */
export interface GlyphMask {
	width: number;
	height: number;
	left: number;
	top: number;
	alpha: Uint8Array;
}

export interface GlyphKey {
	char: string;
	/** Size in device pixels. */
	px: number;
	bold: boolean;
	italic: boolean;
	/** Pen position's offset within the pixel, in quarters (0–3). */
	phase: number;
}

/** Pen offsets kept apart: a quarter pixel is below what the eye tells from the exact position. */
export const PHASES = 4;
/**
 * Coverage levels kept: 16 are beyond what the eye tells apart at these sizes, and keep an
 * image of a few text colours within a PNG palette's 256 colours.
 */
const LEVELS = 16;

const EMPTY: GlyphMask = { width: 0, height: 0, left: 0, top: 0, alpha: new Uint8Array(0) };

/** Masks by character, one table per face, size and phase (see `tableOf`). */
type Table = Map<string, GlyphMask>;

/** Masks drawn so far in this process, by face, size, phase and character. */
export class GlyphCache {
	/**
	 * By size, then by weight, slant and phase together (16 tables), then by character: a stage
	 * image looks up thousands of glyphs, and a string key made for each (`26|b|2|x`) was half
	 * of the lookups' time and most of their garbage.
	 */
	private readonly tables = new Map<number, Table[]>();
	/** Faces (size, weight, slant) whose printable ASCII is drawn: see `masksFor`. */
	private readonly faces = new Set<string>();
	private count = 0;

	get size(): number {
		return this.count;
	}

	private tableOf(k: GlyphKey): Table {
		let bySize = this.tables.get(k.px);
		if (!bySize) {
			bySize = Array.from({ length: 4 * PHASES }, () => new Map<string, GlyphMask>());
			this.tables.set(k.px, bySize);
		}
		return bySize[((k.bold ? 2 : 0) + (k.italic ? 1 : 0)) * PHASES + k.phase]!;
	}

	/** The mask of every key, drawing those not seen before in one sheet. */
	masksFor(keys: readonly GlyphKey[]): GlyphMask[] {
		const out: (GlyphMask | undefined)[] = new Array(keys.length);
		let missing: GlyphKey[] | undefined;
		for (let i = 0; i < keys.length; i++) {
			const k = keys[i]!;
			const found = this.tableOf(k).get(k.char);
			if (found) out[i] = found;
			else (missing ??= []).push(k);
		}
		if (!missing) return out as GlyphMask[];
		// The same key may be missing more than once: drawn once.
		const unique = new Map(missing.map((k) => [`${k.px}|${k.bold}|${k.italic}|${k.phase}|${k.char}`, k]));
		// A face met for the first time gets all of printable ASCII at every phase in the same
		// sheet: images kept missing a few glyphs each, and every sheet is a resvg run with its own
		// font lookups. Drawing M's 7,918 images in one process took 320 sheets (2.8 s), now 19 (0.8 s);
		// the first 127 stage images took half as long.
		for (const k of missing) {
			const face = `${k.px}|${k.bold}|${k.italic}`;
			if (this.faces.has(face)) continue;
			this.faces.add(face);
			for (let phase = 0; phase < PHASES; phase++) {
				for (let code = 0x21; code < 0x7f; code++) {
					const key = { char: String.fromCharCode(code), px: k.px, bold: k.bold, italic: k.italic, phase };
					if (!this.tableOf(key).has(key.char)) unique.set(`${face}|${phase}|${key.char}`, key);
				}
			}
		}
		this.draw([...unique.values()]);
		return keys.map((k, i) => out[i] ?? this.tableOf(k).get(k.char)!);
	}

	/** The mask of one key (drawn alone when new: prefer `masksFor` for many). */
	mask(key: GlyphKey): GlyphMask {
		return this.masksFor([key])[0]!;
	}

	private draw(keys: GlyphKey[]): void {
		// Sheets of one pixel size; the cell leaves room for glyphs wider than their advance
		// (italics, fallback glyphs, combining marks that reach back into the cell before).
		const bySize = new Map<number, GlyphKey[]>();
		for (const k of keys) {
			const group = bySize.get(k.px);
			if (group) group.push(k);
			else bySize.set(k.px, [k]);
		}
		for (const [px, group] of bySize) {
			const cellW = Math.ceil(px * 4);
			const cellH = Math.ceil(px * 2.2);
			const penX = Math.ceil(px * 1.5);
			const baseline = Math.ceil(px * 1.4);
			// As narrow as its glyphs need: resvg draws and hands over every pixel of the sheet.
			const perRow = Math.max(1, Math.min(group.length, Math.floor(4096 / cellW)));
			const rows = Math.ceil(group.length / perRow);
			const texts = group.map((k, i) => {
				const x = (i % perRow) * cellW + penX + k.phase / PHASES;
				const y = Math.floor(i / perRow) * cellH + baseline;
				const style = `${k.bold ? ' font-weight="bold"' : ''}${k.italic ? ' font-style="italic"' : ''}`;
				return `<text x="${x}" y="${y}"${style}>${xmlText(k.char)}</text>`;
			});
			const width = perRow * cellW;
			const height = rows * cellH;
			const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT_FAMILY}" font-size="${px}" fill="#fff" xml:space="preserve">${texts.join('')}</svg>`;
			// The same fonts and fallback as a whole image drawn by resvg (`imageFonts`).
			const image = new Resvg(svg, { font: imageFonts(), logLevel: 'off' }).render();
			const pixels = image.pixels;
			group.forEach((k, i) => {
				const x0 = (i % perRow) * cellW;
				const y0 = Math.floor(i / perRow) * cellH;
				this.tableOf(k).set(k.char, crop(pixels, width, x0, y0, cellW, cellH, penX, baseline));
				this.count++;
			});
		}
	}
}

/** The inked part of one cell of the sheet, coverage quantised to `LEVELS`. */
function crop(rgba: Uint8Array, sheetW: number, x0: number, y0: number, w: number, h: number, penX: number, baseline: number): GlyphMask {
	let minX = w;
	let minY = h;
	let maxX = -1;
	let maxY = -1;
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			if (quantise(rgba[((y0 + y) * sheetW + x0 + x) * 4 + 3]!) === 0) continue;
			if (x < minX) minX = x;
			if (x > maxX) maxX = x;
			if (y < minY) minY = y;
			if (y > maxY) maxY = y;
		}
	}
	if (maxX < 0) return EMPTY;
	const width = maxX - minX + 1;
	const height = maxY - minY + 1;
	const alpha = new Uint8Array(width * height);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) alpha[y * width + x] = quantise(rgba[((y0 + minY + y) * sheetW + x0 + minX + x) * 4 + 3]!);
	return { width, height, left: minX - penX, top: minY - baseline, alpha };
}

function quantise(a: number): number {
	return Math.round((a * (LEVELS - 1)) / 255) * (255 / (LEVELS - 1));
}
