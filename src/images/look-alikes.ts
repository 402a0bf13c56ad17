/**
 * Characters CI tools print that the image fonts (DejaVu Sans Mono, then DejaVu Sans: see
 * `png.ts`) have no glyph for, each drawn as one they have that reads the same. Without it an
 * image shows an empty box where the log shows a rule or a tick: Vitest frames "Failed Tests"
 * with `⎯`, scripts and summaries print `✅` and `❌`, npm's progress bar is `⸨…⸩`. The page's
 * log keeps the original characters (the reader's fonts draw them); only images use these.
 * Characters with no such stand-in (most emoji) stay boxes: a box says "a character the image
 * cannot show", where a guess would say something else.
 */
export const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
	// Horizontal rules and long dashes.
	['\u23AF', '\u2500'], // ⎯ horizontal line extension (Vitest) -> ─
	['\u23E4', '\u2500'], // ⏤ straightness -> ─
	['\u2E3A', '\u2014'], // ⸺ two-em dash -> —
	['\u2E3B', '\u2014'], // ⸻ three-em dash -> —
	// npm's progress bar brackets.
	['\u2E28', '('], // ⸨
	['\u2E29', ')'], // ⸩
	// Emoji ticks, crosses and stars (two columns wide; the stand-in is drawn in the first).
	['\u2705', '\u2714'], // ✅ -> ✔
	['\u274C', '\u2718'], // ❌ -> ✘
	['\u2B50', '\u2605'], // ⭐ -> ★
	// Arrows and media triangles.
	['\u2B95', '\u27A1'], // ⮕ -> ➡
	['\u23F5', '\u25B8'], // ⏵ -> ▸
	['\u23E9', '\u00BB'], // ⏩ -> »
	['\u23ED', '\u00BB'], // ⏭ -> »
	['\u23EA', '\u00AB'], // ⏪ -> «
	['\u23EE', '\u00AB'], // ⏮ -> «
	['\u23F9', '\u25A0'], // ⏹ -> ■
	['\u23FA', '\u25CF'], // ⏺ -> ●
]);

/** Below the table's first character nothing is looked up: log text is nearly all ASCII, and this runs for every character drawn. */
const FIRST = Math.min(...[...LOOK_ALIKES.keys()].map((ch) => ch.charCodeAt(0)));

/** The character an image draws for `ch` (one code point): its stand-in, or itself. */
export function lookAlike(ch: string): string {
	return ch.charCodeAt(0) < FIRST ? ch : (LOOK_ALIKES.get(ch) ?? ch);
}
