/** A half-open span `[start, end)` of a text's visible characters to hide. */
export type Range = readonly [start: number, end: number];

/** Sorted, overlapping and touching spans merged: each becomes one marker. */
export function mergeRanges(ranges: Range[]): Range[] {
	const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: [number, number][] = [];
	for (const [s, e] of sorted) {
		const last = merged.at(-1);
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else merged.push([s, e]);
	}
	return merged;
}

/** Every occurrence of a literal, found with indexOf: linear and immune to regex blow-ups. */
export function occurrences(text: string, literal: string, into: Range[]): void {
	if (literal === '') return;
	for (let i = text.indexOf(literal); i !== -1; i = text.indexOf(literal, i + literal.length)) into.push([i, i + literal.length]);
}
