/** CSI sequences (SGR colours, cursor moves) and OSC sequences (hyperlinks, titles). */
export const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * A text as a terminal shows it, escape sequences removed, with where its characters came
 * from: patterns run on what a reader sees, so a colour code inside a token cannot hide it.
 */
export interface VisibleText {
	text: string;
	/** Offsets in the original text of visible characters, given in ascending order. */
	originals(indices: readonly number[]): number[];
}

/**
 * ESCAPE repeated: the same text goes, in fewer matches (a coloured log's codes come in runs,
 * `\e[0m\e[32m`), and each match costs the replace about as much as its characters do.
 */
const ESCAPES = new RegExp(`(?:${ESCAPE.source})+`, 'g');

export function visibleText(original: string): VisibleText {
	const text = original.includes('\x1b') ? original.replace(ESCAPES, '') : original;
	if (text.length === original.length) return { text, originals: (indices) => [...indices] };
	return { text, originals: (indices) => originalOffsets(original, indices) };
}

/** ESCAPE at one place: the walk below finds each sequence where an ESC is, as ESCAPE's scan does. */
const ESCAPE_HERE = new RegExp(ESCAPE.source, 'y');

/**
 * A visible character's offset in the original is its own plus the length of the escapes
 * before it; escapes right before it count (a hidden span starts after a colour code, not
 * before). One walk over the escapes up to the last index, keeping no table: a log of test
 * dots has a colour code for every character.
 */
function originalOffsets(original: string, indices: readonly number[]): number[] {
	const out: number[] = [];
	let removed = 0;
	let at = original.indexOf('\x1b');
	for (const index of indices) {
		while (at !== -1) {
			ESCAPE_HERE.lastIndex = at;
			if (!ESCAPE_HERE.test(original)) {
				at = original.indexOf('\x1b', at + 1);
				continue;
			}
			// The escape's visible position: where the text after it starts once escapes are gone.
			if (at - removed > index) break;
			const end = ESCAPE_HERE.lastIndex;
			removed += end - at;
			at = original.indexOf('\x1b', end);
		}
		out.push(index + removed);
	}
	return out;
}

/** Escape sequences of a piece of text, in order. */
export function escapesIn(text: string): string {
	return text.includes('\x1b') ? (text.match(ESCAPE) ?? []).join('') : '';
}

export function stripEscapes(text: string): string {
	return text.includes('\x1b') ? text.replace(ESCAPE, '') : text;
}

/** ESCAPE with an OSC string ending at a line's end, as it does in a text of one line. */
const ESCAPE_IN_LINE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)/g;

/**
 * stripEscapes of each line of a text, in one pass over it: no sequence ESCAPE_IN_LINE takes
 * holds a `\n`, so each line of the result is that line stripped on its own.
 */
export function stripEscapesByLine(text: string): string {
	return text.includes('\x1b') ? text.replace(ESCAPE_IN_LINE, '') : text;
}

/**
 * A regex source for a piece of text as a line of terminal output may hold it: its pieces (a
 * character, or a character class) in order, with any escape sequences between them. A line
 * matches wherever stripEscapes of it holds the text, so a search need not strip every line
 * first (a colour code inside a word is rare; a copy of a whole log is not cheap). It may
 * match more: a word inside an OSC string, which stripping drops.
 */
export function throughEscapes(pieces: readonly string[]): string {
	return pieces.join(`(?:${ESCAPE_IN_LINE.source})*`);
}
