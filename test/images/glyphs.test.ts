import { describe, expect, it } from 'vitest';
import { GlyphCache, type GlyphKey } from '../../src/images/glyphs';

const key = (char: string, phase: number, bold = false): GlyphKey => ({ char, px: 24, bold, italic: false, phase });

describe('GlyphCache', () => {
	// The CLI and Astro draw images in separate processes, each with its own sheets: a glyph must
	// come out the same wherever it lands in a sheet, or the same image would differ by who drew it.
	it("draws a glyph the same whatever else shares its sheet, and wherever in it", () => {
		const wanted = [...'aZ09_|@é✓─日'].flatMap((c) => [0, 1, 2, 3].map((phase) => key(c, phase, phase % 2 === 1)));
		const padding = Array.from({ length: 800 }, (_, k) => key(String.fromCodePoint(0x400 + (k % 160)), k % 4, k % 3 === 0));
		const crowded = new GlyphCache().masksFor([...padding, ...wanted]).slice(padding.length);
		wanted.forEach((k, i) => expect(crowded[i], `${k.char} at phase ${k.phase}`).toEqual(new GlyphCache().mask(k)));
		// Once a face's ASCII is drawn, a new character is drawn in a sheet as narrow as itself.
		const narrow = new GlyphCache();
		narrow.masksFor([key('a', 0), key('a', 0, true)]);
		wanted.forEach((k, i) => expect(narrow.mask(k), `${k.char} at phase ${k.phase}, alone`).toEqual(crowded[i]));
	}, 60_000);

	// Each sheet is a resvg run that parses the fonts again: a face's first glyph brings the rest
	// of printable ASCII along, at every phase, and later ASCII text draws nothing new.
	it("draws a face's printable ASCII at every phase with its first glyph, and only new glyphs after", () => {
		const cache = new GlyphCache();
		cache.mask(key('a', 2));
		const ascii = 0x7e - 0x21 + 1;
		expect(cache.size).toBe(ascii * 4);
		const text = [...'Hello, world! {"id": 42} ~/path_to/x.ts'].filter((c) => c !== ' ');
		cache.masksFor(text.flatMap((c) => [0, 1, 2, 3].map((phase) => key(c, phase))));
		expect(cache.size).toBe(ascii * 4);
		cache.masksFor([key('é', 1), key('é', 1)]);
		expect(cache.size).toBe(ascii * 4 + 1);
		cache.mask(key('a', 0, true));
		expect(cache.size).toBe(ascii * 4 * 2 + 1);
	}, 60_000);

	it('has nothing to draw for a space, and ink for a letter', () => {
		const cache = new GlyphCache();
		expect(cache.mask(key(' ', 0)).width).toBe(0);
		const a = cache.mask(key('a', 0));
		expect(a.width).toBeGreaterThan(5);
		expect(a.alpha.some((v) => v === 255)).toBe(true);
	});
});
