/**
 * Image SVG -> PNG with resvg, drawn only with fonts of the `dejavu-fonts-ttf` package (never the
 * machine's) so every machine produces the same bytes. DejaVu Sans joins the four Sans Mono faces
 * for the symbols Mono lacks; resvg falls back to it per glyph.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { dejaVuSans } from '../diagram/render';
import { encodeIndexedPng } from './indexed-png';

/**
 * PNGs are drawn at twice the SVG's size by default: the 12 px log text stays sharp on
 * high-density screens and when zoomed, as a screenshot from such a screen would be.
 */
export const PNG_SCALE = 2;

const FACES = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf', 'DejaVuSans.ttf'];

let fontFiles: string[] | undefined;

/** The font files images are drawn with, found once next to the diagrams' DejaVu Sans. */
export function imageFontFiles(): string[] {
	if (fontFiles) return fontFiles;
	const dir = dirname(dejaVuSans());
	const files = FACES.map((face) => join(dir, face));
	const missing = files.find((f) => !existsSync(f));
	if (missing) throw new Error(`${missing} not found: is dejavu-fonts-ttf installed?`);
	return (fontFiles = files);
}

/** resvg's font settings for image text: the package's DejaVu faces, nothing of the machine's. */
export function imageFonts() {
	return {
		loadSystemFonts: false,
		fontFiles: imageFontFiles(),
		defaultFontFamily: 'DejaVu Sans Mono',
		monospaceFamily: 'DejaVu Sans Mono',
		sansSerifFamily: 'DejaVu Sans',
	};
}

/** PNG of an image SVG at `scale` times its size, on `background`. */
export function imagePng(svg: string, background: string, scale = PNG_SCALE): Uint8Array {
	const resvg = new Resvg(svg, {
		font: imageFonts(),
		fitTo: { mode: 'zoom', value: scale },
		background,
		logLevel: 'off',
	});
	const image = resvg.render();
	return encodeIndexedPng(image.pixels, image.width, image.height) ?? new Uint8Array(image.asPng());
}
