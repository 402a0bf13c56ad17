import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { PALETTES } from '../../src/images/palette';
import { jobImage, jobRaster } from '../../src/images/job-image';
import { stepImage, stepRaster } from '../../src/images/step-image';
import { encodeIndexedPng } from '../../src/images/indexed-png';
import { type RasterInput, rasterPixels, rasterPng } from '../../src/images/raster';
import { imagePng, makeStep, RUN } from './support';

/** Pixels of a PNG, decoded by resvg (an SVG showing it at its own size). */
function pixels(png: Uint8Array, width: number, height: number): Uint8Array {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
	return new Resvg(svg).render().pixels;
}

/** Mean difference per channel (0–255), and the share of pixels that differ a lot. */
function difference(a: Uint8Array, b: Uint8Array): { mean: number; far: number } {
	let sum = 0;
	let far = 0;
	for (let i = 0; i < a.length; i += 4) {
		const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
		sum += d;
		if (d > 150) far++;
	}
	return { mean: sum / (a.length / 4) / 3, far: far / (a.length / 4) };
}

const LOG = [
	'$ npm test',
	'\x1b[1m\x1b[32m✓\x1b[0m parses configs \x1b[2m(12 ms)\x1b[0m',
	'\x1b[31mnpm ERR!\x1b[0m code ELIFECYCLE — café, naïve, 日本',
	'\x1b[4munderlined\x1b[0m and \x1b[9mstruck\x1b[0m and \x1b[7minverse\x1b[0m and \x1b[3mitalic\x1b[0m',
	'\x1b[41;97m FAIL \x1b[0m src/a.test.ts › {}[]|\\/<>&"\'',
	`${'long line '.repeat(30)}`,
	'\ttab\tstops\t|',
];

/** A failed step with a section and marked lines: tinted rows, icons and folds besides the text. */
const FAILED_STEP = makeStep({
	status: 'failed',
	lines: LOG,
	sections: [{ title: 'Run tests', start: 1, end: 4 }],
	marks: [
		{ line: 2, level: 'error' },
		{ line: 3, level: 'warning' },
	],
});

/** A job with tinted first, middle and last rows, every status icon, and a header. */
const JOB_RUN = {
	...RUN,
	status: 'failed',
	durationMs: 90_000,
	branch: 'main',
	commit: '1a2b3c4d5e',
	number: 7,
	workflow: 'CI',
	message: 'Fix things',
	steps: [
		{ index: 1, name: 'Set up job', status: 'failed', exitCode: 1, durationMs: 2_000 },
		{ index: 2, name: 'Run npm ci — café', status: 'success', durationMs: 64_000 },
		{ index: 3, name: 'Run npm test', status: 'timedout', durationMs: 3_723_000 },
		{ index: 4, name: 'Upload coverage', status: 'skipped' },
		{ index: 5, name: 'Post job cleanup', status: 'failed', exitCode: 2 },
	],
} as const;

describe('stage PNGs painted from their shapes and glyphs', () => {
	for (const theme of ['light', 'dark'] as const) {
		it(`look like resvg drawing the same SVG (${theme})`, () => {
			const image = stepImage({ run: RUN, step: FAILED_STEP, theme });
			const reference = imagePng(image.svg, PALETTES[theme].page, image.scale);
			const w = image.width * image.scale;
			const h = image.height * image.scale;
			const { mean, far } = difference(pixels(image.png, w, h), pixels(reference, w, h));
			// Anti-aliasing differs by a level here and there; a misplaced line, glyph or colour
			// would show as far more than this.
			expect(mean).toBeLessThan(1.5);
			expect(far).toBeLessThan(0.005);
		});
	}

	for (const theme of ['light', 'dark'] as const) {
		it(`job PNGs look like resvg drawing the same SVG too (${theme}): tinted first, middle and last rows, icons, folds, header`, () => {
			for (const scale of [1, 2] as const) {
				const image = jobImage({ run: JOB_RUN, theme, scale });
				const reference = imagePng(image.svg, PALETTES[theme].page, scale);
				const w = image.width * scale;
				const h = image.height * scale;
				const { mean, far } = difference(pixels(image.png, w, h), pixels(reference, w, h));
				expect(mean).toBeLessThan(1.5);
				expect(far).toBeLessThan(0.005);
			}
		});
	}

	it('text in the wrong place would be caught: the same comparison against another log fails', () => {
		const image = stepImage({ run: RUN, step: makeStep({ lines: LOG }), theme: 'light' });
		const other = stepImage({ run: RUN, step: makeStep({ lines: LOG.map((l) => ` ${l}`) }), theme: 'light' });
		const w = image.width * image.scale;
		const h = image.height * image.scale;
		expect(difference(pixels(image.png, w, h), pixels(other.png, w, h)).far).toBeGreaterThan(0.005);
	});

	it('draws at 1x as well, and a colourful log (over 256 colours) as a true-colour PNG', () => {
		const rainbow = Array.from({ length: 40 }, (_, i) => Array.from({ length: 16 }, (_, k) => `\x1b[38;5;${(i * 16 + k) % 256}m██ab`).join(''));
		for (const scale of [1, 2] as const) {
			const image = stepImage({ run: RUN, step: makeStep({ lines: rainbow }), theme: 'dark', scale });
			const reference = imagePng(image.svg, PALETTES.dark.page, scale);
			const w = image.width * scale;
			const h = image.height * scale;
			expect(image.png[25]).toBe(2);
			const { mean, far } = difference(pixels(image.png, w, h), pixels(reference, w, h));
			expect(mean).toBeLessThan(2);
			expect(far).toBeLessThan(0.01);
		}
	});

	describe('painted on a palette canvas', () => {
		/** The RGBA canvas's pixels and the palette canvas's, compared: every colour, or the first that differs. */
		function compare(input: RasterInput): { pixels: number; unpainted: number; firstDifference?: number } {
			const rgba = rasterPixels(input, 'rgba')!;
			const indexed = rasterPixels(input, 'palette')!;
			expect(indexed).toBeDefined();
			let unpainted = 0;
			for (let i = 0; i < rgba.length; i += 4) {
				if (rgba[i + 3] !== 255) unpainted++;
				if (rgba[i] !== indexed[i] || rgba[i + 1] !== indexed[i + 1] || rgba[i + 2] !== indexed[i + 2]) return { pixels: rgba.length / 4, unpainted, firstDifference: i / 4 };
			}
			return { pixels: rgba.length / 4, unpainted };
		}

		it('paints exactly the pixels the RGBA canvas paints: text over tinted rows, frames, icons, underlines, both themes and scales', () => {
			for (const theme of ['light', 'dark'] as const) {
				for (const scale of [1, 2] as const) {
					// The job image at 2x: its colours fit a palette, but not with those painted over on the
					// way there (the canvas keeps every colour it made), so it goes to the RGBA canvas.
					for (const input of [stepRaster({ run: RUN, step: FAILED_STEP, theme, scale }), ...(scale === 1 ? [jobRaster({ run: JOB_RUN, theme, scale })] : [])]) {
						const { pixels, unpainted, firstDifference } = compare(input);
						expect(pixels).toBeGreaterThan(10_000);
						expect(firstDifference).toBeUndefined();
						// Every pixel is painted (the image's background covers it): none is left to the canvases' clearing.
						expect(unpainted).toBe(0);
					}
				}
			}
		});

		it('paints another log differently: what the comparison compares is the painting', () => {
			const input = stepRaster({ run: RUN, step: makeStep({ lines: LOG }), theme: 'light' });
			const other = stepRaster({ run: RUN, step: makeStep({ lines: LOG.map((l) => `\x1b[35m${l}`) }), theme: 'light' });
			const a = rasterPixels(input, 'palette')!;
			const b = rasterPixels(other, 'palette')!;
			expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
		});

		it('gives way to the RGBA canvas for a log of more colours than a palette holds, and the PNG is the same either way', () => {
			const rainbow = Array.from({ length: 40 }, (_, i) => Array.from({ length: 16 }, (_, k) => `\x1b[38;5;${(i * 16 + k) % 256}m██ab`).join(''));
			const input = stepRaster({ run: RUN, step: makeStep({ lines: rainbow }), theme: 'dark', scale: 1 });
			expect(rasterPixels(input, 'palette')).toBeUndefined();
			expect(rasterPixels(input, 'rgba')).toBeDefined();
			const png = rasterPng(input);
			// True colour, from the RGBA canvas.
			expect(png[25]).toBe(2);
			expect(Buffer.from(rasterPng(input)).equals(Buffer.from(png))).toBe(true);
		});

		it('writes a palette PNG for an ordinary log, no larger than the RGBA canvas encoded as one', () => {
			for (const theme of ['light', 'dark'] as const) {
				const input = stepRaster({ run: RUN, step: makeStep({ lines: [...LOG, ...LOG.map((l) => `\x1b[36m${l}`)] }), theme });
				const png = rasterPng(input);
				expect(png[25]).toBe(3);
				// The background has slot 0, which the encoder's run-length mode codes shortest (as
				// the RGBA canvas's encoding gives it the first pixel's colour): slot 1 made it 2.6%
				// larger. The palette may hold a few more colours (those painted over), 3 bytes each.
				const rgba = rasterPixels(input, 'rgba')!;
				const reference = encodeIndexedPng(rgba, input.width * input.scale, input.height * input.scale)!;
				expect(png.length).toBeLessThan(reference.length * 1.005);
			}
		});
	});
});
