/** CSI sequences (SGR colours, cursor moves) and OSC sequences (hyperlinks, titles). */
export const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * A text as a terminal shows it, escape sequences removed, with where its characters came
 * from: patterns run on what a reader sees, so a colour code inside a token cannot hide it.
 */
export interface VisibleText {
	text: string;
	/** Offset in the original text of a visible character. */
	original(index: number): number;
}

export function visibleText(original: string): VisibleText {
	if (!original.includes('\x1b')) return { text: original, original: (i) => i };
	// Runs of visible text: where each starts in the visible text and in the original.
	const visibleStarts: number[] = [0];
	const originalStarts: number[] = [0];
	let removed = 0;
	for (const m of original.matchAll(ESCAPE)) {
		removed += m[0].length;
		visibleStarts.push(m.index + m[0].length - removed);
		originalStarts.push(m.index + m[0].length);
	}
	return {
		text: removed === 0 ? original : original.replace(ESCAPE, ''),
		original(index) {
			let lo = 0;
			let hi = visibleStarts.length - 1;
			// The last run starting at or before index (runs after empty ones share a start: take the last).
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (visibleStarts[mid]! <= index) lo = mid;
				else hi = mid - 1;
			}
			return originalStarts[lo]! + index - visibleStarts[lo]!;
		},
	};
}

/** Escape sequences of a piece of text, in order. */
export function escapesIn(text: string): string {
	return text.includes('\x1b') ? (text.match(ESCAPE) ?? []).join('') : '';
}

export function stripEscapes(text: string): string {
	return text.includes('\x1b') ? text.replace(ESCAPE, '') : text;
}
