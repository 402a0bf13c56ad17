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
	}, 60_000);

	it('has nothing to draw for a space, and ink for a letter', () => {
		const cache = new GlyphCache();
		expect(cache.mask(key(' ', 0)).width).toBe(0);
		const a = cache.mask(key('a', 0));
		expect(a.width).toBeGreaterThan(5);
		expect(a.alpha.some((v) => v === 255)).toBe(true);
	});
});
