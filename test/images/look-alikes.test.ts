import { describe, expect, it } from 'vitest';
import { stepPng, stepSvg } from '../../src/images';
import { GlyphCache, type GlyphKey } from '../../src/images/glyphs';
import { LOOK_ALIKES } from '../../src/images/look-alikes';
import { makeStep, parseXml, RUN } from './support';

const key = (char: string): GlyphKey => ({ char, px: 24, bold: false, italic: false, phase: 0 });
/** A private-use code point no font of the images has: what resvg draws for a missing glyph. */
const NO_GLYPH = '\u{10FFFD}';

describe('look-alikes', () => {
	// What the images' fonts lack, decided by what resvg draws with them: the same box as for a
	// code point no font has. Holds the table to the fonts the package ships.
	it('stand in only for characters the image fonts lack, with characters they have', () => {
		const cache = new GlyphCache();
		const box = cache.mask(key(NO_GLYPH));
		expect(box.alpha.some((v) => v > 0), 'the missing-glyph box has ink').toBe(true);
		for (const [missing, standIn] of LOOK_ALIKES) {
			expect(cache.mask(key(missing)), `${missing} (U+${missing.codePointAt(0)!.toString(16)}) has no glyph`).toEqual(box);
			expect(cache.mask(key(standIn)), `${standIn} stands in for ${missing} and has a glyph`).not.toEqual(box);
		}
	}, 60_000);

	it("draws Vitest's rules as box-drawing lines, in the PNG and the SVG", () => {
		const image = (line: string) => ({ run: RUN, step: makeStep({ lines: [line] }), theme: 'light' as const, scale: 1 as const });
		const vitest = image('⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯');
		expect(Buffer.from(stepPng(vitest)).equals(Buffer.from(stepPng(image('──── Failed Tests 1 ────'))))).toBe(true);
		const shown = parseXml(stepSvg(vitest))
			.filter((e) => e.name === 'text')
			.map((e) => e.text)
			.join('');
		expect(shown).toContain('────');
		expect(shown).not.toContain('⎯');
	});

	it('keeps the columns of a wide character it stands in for', () => {
		const image = (line: string) => stepSvg({ run: RUN, step: makeStep({ lines: [line] }), theme: 'light', scale: 1 });
		const xOf = (svg: string, text: string) => parseXml(svg).find((e) => (e.name === 'tspan' || e.name === 'text') && e.text === text)?.attributes.x;
		// ✅ takes two columns in a terminal, as 日 does: what follows it stays where the log puts it.
		expect(xOf(image('\u2705 ok'), ' ok')).toBeDefined();
		expect(xOf(image('\u2705 ok'), ' ok')).toBe(xOf(image('日 ok'), ' ok'));
		expect(xOf(image('\u2705 ok'), ' ok')).not.toBe(xOf(image('\u2714 ok'), ' ok'));
	});
});
