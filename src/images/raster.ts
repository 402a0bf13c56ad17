/**
 * A stage or job image's PNG, painted directly from its shapes and text (`shapes.ts`, `text.ts`)
 * rather than by handing its SVG to resvg (a job image took 29 ms so, 9 painted here):
 * - text is copied in from glyph masks resvg drew once (`glyphs.ts`); laying out and filling
 *   every glyph outline again was most of an image's time;
 * - rectangles and the terminal's rounded frame are filled here, with the same anti-aliased
 *   edges; the status icons and fold marks are drawn by resvg once and reused;
 * - no native buffer per image: resvg's images are freed only when V8 collects their
 *   handles, which it does not hurry to do for memory it cannot see, so a build drawing
 *   thousands of them grew by ~50 MB per image until a collection came.
 * Same fonts, same palette, positions to a quarter pixel: the PNG looks like the SVG drawn whole.
 */
import { Resvg } from '@resvg/resvg-js';
import { charColumns } from './columns';
import { GlyphCache, type GlyphKey, PHASES } from './glyphs';
import { encodeIndexedPng, encodeRgbPng } from './indexed-png';
import { PaletteCanvas } from './palette-canvas';
import { reusedBuffer } from './reused-buffer';
import { cellWidth } from './markup';
import type { ImagePalette } from './palette';
import { MARK_BOXES, type Shape, shapeMarkup } from './shapes';
import { DEFAULT_SIZE, type ImageText, textWidth } from './text';

const glyphs = new GlyphCache();

export interface RasterInput {
	/** Size in SVG px; the PNG is `scale` times that. */
	width: number;
	height: number;
	shapes: readonly Shape[];
	texts: readonly ImageText[];
	palette: ImagePalette;
	/** Colour of text that names none (the SVG's inherited fill). */
	defaultFill: string;
	scale: number;
}

export function rasterPng(input: RasterInput): Uint8Array {
	const width = Math.ceil(input.width * input.scale);
	const height = Math.ceil(input.height * input.scale);
	const indexed = new PaletteCanvas(width, height, ground(input));
	paint(indexed, input);
	const png = indexed.png();
	if (png) return png;
	// More than a palette's colours (a very colourful log, some job images): painted again in RGBA.
	const canvas = new Canvas(width, height);
	paint(canvas, input);
	return encodeIndexedPng(canvas.rgba, width, height) ?? encodeRgbPng(canvas.rgba, width, height);
}

/** The RGBA pixels `rasterPng` paints (for tests: both canvases paint the same pixels). */
export function rasterPixels(input: RasterInput, canvas: 'palette' | 'rgba'): Uint8Array | undefined {
	const width = Math.ceil(input.width * input.scale);
	const height = Math.ceil(input.height * input.scale);
	if (canvas === 'rgba') {
		const rgba = new Canvas(width, height);
		paint(rgba, input);
		return rgba.rgba.slice();
	}
	const indexed = new PaletteCanvas(width, height, ground(input));
	paint(indexed, input);
	return indexed.rgba();
}

/** The colour of a first shape that covers the whole image (stage and job images start with their background). */
function ground({ shapes, width, height }: RasterInput): number | undefined {
	const first = shapes[0];
	return first?.kind === 'rect' && first.x === 0 && first.y === 0 && first.width === width && first.height === height ? hex(first.fill) : undefined;
}

function paint(surface: Surface, input: RasterInput): void {
	for (const shape of input.shapes) paintShape(surface, shape, input.palette, input.scale);
	paintTexts(surface, input.texts, input.defaultFill, input.scale);
}

/** What painting needs of a canvas; colours as 0xRRGGBB. */
interface Surface {
	readonly width: number;
	readonly height: number;
	/** Pixels [x0, x1) of row y set to `rgb`. */
	span(y: number, x0: number, x1: number, rgb: number): void;
	/** `rgb` over pixel (x, y) at coverage `a` (0–1). */
	blend(x: number, y: number, rgb: number, a: number): void;
	/** A premultiplied RGBA pixel (`a` > 0) over pixel (x, y), which is inside the image. */
	over(x: number, y: number, r: number, g: number, b: number, a: number): void;
	/** A glyph mask (0–255 coverage) of colour `rgb`, its top-left corner at (x, y). */
	mask(alpha: Uint8Array, w: number, h: number, x: number, y: number, rgb: number): void;
}

/** One buffer of pixels for every image drawn (see ./reused-buffer.ts), cleared for each. */
const pixelBuffer = reusedBuffer((length) => new Uint32Array(length));
const reusedPixels = (count: number): Uint32Array => pixelBuffer(count).fill(0);

/** Opaque RGBA pixels: the reference canvas, and the one for images of more than a palette's colours. */
class Canvas implements Surface {
	readonly rgba: Uint8Array;
	private readonly words: Uint32Array;

	constructor(
		readonly width: number,
		readonly height: number,
	) {
		this.words = reusedPixels(width * height);
		this.rgba = new Uint8Array(this.words.buffer, 0, width * height * 4);
	}

	span(y: number, x0: number, x1: number, rgb: number): void {
		if (y < 0 || y >= this.height) return;
		const a = Math.max(0, x0);
		const b = Math.min(this.width, x1);
		// Little-endian words: R is the low byte.
		if (b > a) this.words.fill(0xff000000 | ((rgb & 0xff) << 16) | (rgb & 0xff00) | (rgb >> 16), y * this.width + a, y * this.width + b);
	}

	blend(x: number, y: number, rgb: number, a: number): void {
		if (a <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		const o = (y * this.width + x) * 4;
		const k = 1 - a;
		this.rgba[o] = Math.round(this.rgba[o]! * k + (rgb >> 16) * a);
		this.rgba[o + 1] = Math.round(this.rgba[o + 1]! * k + ((rgb >> 8) & 0xff) * a);
		this.rgba[o + 2] = Math.round(this.rgba[o + 2]! * k + (rgb & 0xff) * a);
	}

	over(x: number, y: number, r: number, g: number, b: number, a: number): void {
		const o = (y * this.width + x) * 4;
		const k = (255 - a) / 255;
		this.rgba[o] = Math.round(r + this.rgba[o]! * k);
		this.rgba[o + 1] = Math.round(g + this.rgba[o + 1]! * k);
		this.rgba[o + 2] = Math.round(b + this.rgba[o + 2]! * k);
	}

	mask(alpha: Uint8Array, w: number, h: number, x: number, y: number, rgb: number): void {
		const r = rgb >> 16;
		const g = (rgb >> 8) & 0xff;
		const b = rgb & 0xff;
		const i0 = Math.max(0, -x);
		const i1 = Math.min(w, this.width - x);
		for (let j = Math.max(0, -y), j1 = Math.min(h, this.height - y); j < j1; j++) {
			let o = ((y + j) * this.width + x + i0) * 4;
			for (let i = i0, m = j * w + i0; i < i1; i++, m++, o += 4) {
				const a = alpha[m]!;
				if (a === 0) continue;
				if (a === 255) {
					this.rgba[o] = r;
					this.rgba[o + 1] = g;
					this.rgba[o + 2] = b;
					continue;
				}
				const k = 255 - a;
				this.rgba[o] = (this.rgba[o]! * k + r * a + 127) / 255;
				this.rgba[o + 1] = (this.rgba[o + 1]! * k + g * a + 127) / 255;
				this.rgba[o + 2] = (this.rgba[o + 2]! * k + b * a + 127) / 255;
			}
		}
	}
}

const hex = (colour: string) => parseInt(colour.slice(1, 7), 16);

function paintShape(canvas: Surface, shape: Shape, palette: ImagePalette, scale: number): void {
	switch (shape.kind) {
		case 'rect':
			return paintRect(canvas, shape.x * scale, shape.y * scale, (shape.x + shape.width) * scale, (shape.y + shape.height) * scale, hex(shape.fill));
		case 'frame':
			return paintFrame(canvas, shape, scale);
		case 'icon':
		case 'fold':
		case 'chevron': {
			const box = shape.kind === 'icon' ? { w: shape.size, h: shape.size } : MARK_BOXES[shape.kind];
			const local = shapeMarkup({ ...shape, x: 0, y: 0 }, palette);
			composite(canvas, tileOf(local, box.w, box.h, scale), Math.round(shape.x * scale), Math.round(shape.y * scale));
		}
	}
}

/** A premultiplied RGBA tile over the image, its top-left corner at (x, y). */
function composite(canvas: Surface, tile: Tile, x: number, y: number): void {
	for (let j = 0; j < tile.height; j++) {
		const ty = y + j;
		if (ty < 0 || ty >= canvas.height) continue;
		for (let i = 0; i < tile.width; i++) {
			const tx = x + i;
			if (tx < 0 || tx >= canvas.width) continue;
			const s = (j * tile.width + i) * 4;
			const a = tile.pixels[s + 3]!;
			if (a > 0) canvas.over(tx, ty, tile.pixels[s]!, tile.pixels[s + 1]!, tile.pixels[s + 2]!, a);
		}
	}
}

/** A rectangle with anti-aliased edges where they fall between pixels. */
function paintRect(canvas: Surface, x0: number, y0: number, x1: number, y1: number, rgb: number): void {
	const inX0 = Math.ceil(x0);
	const inX1 = Math.floor(x1);
	for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
		const cy = Math.min(y1, y + 1) - Math.max(y0, y);
		if (inX1 < inX0) {
			// Narrower than a pixel.
			canvas.blend(Math.floor(x0), y, rgb, cy * (x1 - x0));
			continue;
		}
		if (cy >= 1) canvas.span(y, inX0, inX1, rgb);
		else for (let x = inX0; x < inX1; x++) canvas.blend(x, y, rgb, cy);
		if (inX0 > x0) canvas.blend(inX0 - 1, y, rgb, cy * (inX0 - x0));
		if (x1 > inX1) canvas.blend(inX1, y, rgb, cy * (x1 - inX1));
	}
}

/**
 * A rounded rectangle, filled, with a 1 px (× scale) outline centred on its edge if it has one. Coverage of
 * each pixel near the edge comes from its centre's distance to the edge; the inside is filled
 * a row at a time.
 */
function paintFrame(canvas: Surface, f: Extract<Shape, { kind: 'frame' }>, scale: number): void {
	const fill = hex(f.fill);
	const stroke = f.stroke === undefined ? undefined : hex(f.stroke);
	const half = scale / 2;
	const r = f.radius * scale;
	const x0 = f.x * scale;
	const y0 = f.y * scale;
	const x1 = (f.x + f.width) * scale;
	const y1 = (f.y + f.height) * scale;
	const cx = (x0 + x1) / 2;
	const cy = (y0 + y1) / 2;
	const hw = (x1 - x0) / 2 - r;
	const hh = (y1 - y0) / 2 - r;
	const reach = half + 1;
	const at = (x: number, y: number) => {
		const qx = Math.abs(x + 0.5 - cx) - hw;
		const qy = Math.abs(y + 0.5 - cy) - hh;
		const d = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
		canvas.blend(x, y, fill, Math.min(1, Math.max(0, 0.5 - d)));
		if (stroke !== undefined) canvas.blend(x, y, stroke, Math.min(1, Math.max(0, half + 0.5 - Math.abs(d))));
	};
	const left = Math.floor(x0 - reach);
	const right = Math.ceil(x1 + reach);
	const band = Math.ceil(r + reach);
	// Pixels whose centre lies between the corners' centres: on a row above or below the frame's
	// straight middle, their distance to the edge is the row's alone.
	const straight0 = Math.max(left, Math.ceil(cx - hw - 0.5));
	const straight1 = Math.min(right, Math.floor(cx + hw - 0.5) + 1);
	for (let y = Math.floor(y0 - reach); y < Math.ceil(y1 + reach); y++) {
		if (y < y0 + band - reach || y >= y1 - band + reach) {
			// Near the top or bottom edge (corners included): every pixel by its distance, the
			// straight part once for the row (the same distance, without a square root per pixel).
			const qy = Math.abs(y + 0.5 - cy) - hh;
			if (qy < 0 || straight1 <= straight0) {
				for (let x = left; x < right; x++) at(x, y);
				continue;
			}
			const d = qy - r;
			const fillCover = Math.min(1, Math.max(0, 0.5 - d));
			const strokeCover = Math.min(1, Math.max(0, half + 0.5 - Math.abs(d)));
			for (let x = left; x < straight0; x++) at(x, y);
			for (let x = straight0; x < straight1; x++) {
				canvas.blend(x, y, fill, fillCover);
				if (stroke !== undefined) canvas.blend(x, y, stroke, strokeCover);
			}
			for (let x = straight1; x < right; x++) at(x, y);
			continue;
		}
		// Between them only the side edges need care.
		const inner0 = Math.ceil(x0 + reach);
		const inner1 = Math.floor(x1 - reach);
		for (let x = left; x < inner0; x++) at(x, y);
		canvas.span(y, inner0, inner1, fill);
		for (let x = inner1; x < right; x++) at(x, y);
	}
}

interface Tile {
	width: number;
	height: number;
	/** Premultiplied RGBA. */
	pixels: Uint8Array;
}

const tiles = new Map<string, Tile>();

/** Small marks drawn by resvg once per look and scale. */
function tileOf(markup: string, w: number, h: number, scale: number): Tile {
	const key = `${scale}|${markup}`;
	let tile = tiles.get(key);
	if (!tile) {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${markup}</svg>`;
		const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: false }, logLevel: 'off' }).render();
		tile = { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
		tiles.set(key, tile);
	}
	return tile;
}

interface Placement {
	key: GlyphKey;
	x: number;
	y: number;
	rgb: number;
}

function paintTexts(canvas: Surface, texts: readonly ImageText[], defaultFill: string, scale: number): void {
	const placements: Placement[] = [];
	const lines: { x0: number; x1: number; y: number; thickness: number; rgb: number }[] = [];
	for (const text of texts) {
		const size = text.size ?? DEFAULT_SIZE;
		const px = size * scale;
		const advance = cellWidth(size);
		let pen = text.anchor === 'end' ? text.x - textWidth(text) : text.x;
		const baseline = Math.round(text.y * scale);
		for (const span of text.spans) {
			if (span.x !== undefined) pen = span.x;
			const rgb = hex(span.fill ?? text.fill ?? defaultFill);
			const bold = span.bold ?? text.bold ?? false;
			const italic = span.italic ?? text.italic ?? false;
			const start = pen;
			for (const ch of span.text) {
				if (ch !== ' ') {
					const at = pen * scale;
					let whole = Math.floor(at);
					let phase = Math.round((at - whole) * PHASES);
					if (phase === PHASES) (whole += 1), (phase = 0);
					placements.push({ key: { char: ch, px, bold, italic, phase }, x: whole, y: baseline, rgb });
				}
				pen += charColumns(ch.codePointAt(0)!) * advance;
			}
			// Where DejaVu Sans Mono puts them: underline 0.18 em below the baseline, strike-through
			// 0.26 em above it, both about 0.07 em thick.
			const thickness = Math.max(1, Math.round(0.07 * px));
			const x0 = Math.round(start * scale);
			const x1 = Math.round(pen * scale);
			if (span.underline) lines.push({ x0, x1, y: baseline + Math.round(0.18 * px), thickness, rgb });
			if (span.strike) lines.push({ x0, x1, y: baseline - Math.round(0.26 * px), thickness, rgb });
		}
	}
	const masks = glyphs.masksFor(placements.map((p) => p.key));
	placements.forEach((p, i) => {
		const m = masks[i]!;
		if (m.width > 0) canvas.mask(m.alpha, m.width, m.height, p.x + m.left, p.y + m.top, p.rgb);
	});
	for (const l of lines) for (let y = l.y; y < l.y + l.thickness; y++) canvas.span(y, l.x0, l.x1, l.rgb);
}
