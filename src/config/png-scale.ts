/**
 * How many pixels a PNG download has for each CSS pixel of its SVG: 1 unless the build is asked
 * for 2 (`pipeline-atlas build --png-scale 2`, which sets ATLAS_PNG_SCALE for Astro and the
 * image workers; a bare `astro build` reads the variable itself).
 *
 * 1 by default, since session 42 (2 before): a PNG is what people paste into tickets, chats and
 * docs, which show it at its pixel size, so at 1x its 12 px log text shows at 12 px where a 2x
 * one shows twice as large or is scaled down. The SVG beside it is the sharp copy at any zoom.
 * A 2x PNG has four times the pixels: at size M, drawing the stage, job and diagram PNGs took
 * ~21 s more CPU of a ~110 s build, and made the site 245 MB larger, 699 MB against 454 (GitHub
 * Pages publishes 1 GB). Teams who want screenshots as sharp as a high-density screen's take 2.
 */
export const PNG_SCALE_VARIABLE = 'ATLAS_PNG_SCALE';

export type PngScale = 1 | 2;

export const DEFAULT_PNG_SCALE: PngScale = 1;

/** `"1"` or `"2"` as a scale; undefined for anything else. */
export function parsePngScale(text: string): PngScale | undefined {
	const trimmed = text.trim();
	return trimmed === '1' ? 1 : trimmed === '2' ? 2 : undefined;
}

/** The scale this build draws PNGs at: ATLAS_PNG_SCALE's, or the default when it is unset. */
export function pngScale(env: NodeJS.ProcessEnv = process.env): PngScale {
	const text = env[PNG_SCALE_VARIABLE];
	if (text === undefined || text.trim() === '') return DEFAULT_PNG_SCALE;
	const scale = parsePngScale(text);
	if (scale === undefined) throw new Error(`${PNG_SCALE_VARIABLE} must be 1 or 2 (pixels per CSS pixel of a PNG download), not ${JSON.stringify(text)}`);
	return scale;
}
