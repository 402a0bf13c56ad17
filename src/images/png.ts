/**
 * The fonts image PNGs are drawn with (their scale is ../config/png-scale.ts's): resvg draws
 * their glyphs (see `glyphs.ts`) with only those of the `dejavu-fonts-ttf` package, never the
 * machine's, so every machine produces the same bytes. DejaVu Sans joins the four Sans Mono
 * faces for the symbols Mono lacks; resvg falls back to it per glyph.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dejaVuSans } from '../diagram/render';

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
