/**
 * Terminal columns: how many cells a character takes, tab stops, and cutting a styled line to a
 * column cap with "…". Runs carry their start column so the SVG can place each one exactly:
 * a glyph the font lacks (CJK, emoji) then cannot push the rest of the line off the grid.
 */
import type { AnsiSpan, AnsiStyle } from './ansi';
import { sameStyle } from './ansi';
import { lookAlike } from './look-alikes';

export const TAB_WIDTH = 8;
export const ELLIPSIS = '\u2026';

/** A piece of a line in one style, starting at column `col` and `cols` cells wide. */
export interface ColumnRun {
	col: number;
	cols: number;
	text: string;
	style: AnsiStyle;
}

export interface LaidOutLine {
	runs: ColumnRun[];
	/** Columns used, the ellipsis included. */
	cols: number;
	/** Whether the line was cut; the last column then holds `ELLIPSIS` (not part of `runs`). */
	cut: boolean;
}

// East Asian Wide/Fullwidth and emoji-presentation ranges: the terminal gives them two cells.
const WIDE: readonly (readonly [number, number])[] = [
	[0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
	[0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
	[0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
	[0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
	[0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
	[0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
	[0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
	[0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff],
	[0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a],
	[0x1f200, 0x1f2ff], [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393],
	[0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e],
	[0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567],
	[0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5],
	[0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec],
	[0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945],
	[0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const [a, b] = ranges[mid]!;
		if (cp < a) hi = mid - 1;
		else if (cp > b) lo = mid + 1;
		else return true;
	}
	return false;
}

/** Cells a code point takes: 0 for combining marks, joiners and variation selectors, 2 for wide. */
export function charColumns(cp: number): 0 | 1 | 2 {
	if (
		(cp >= 0x300 && cp <= 0x36f) ||
		(cp >= 0x200b && cp <= 0x200f) ||
		(cp >= 0x20d0 && cp <= 0x20ff) ||
		(cp >= 0xfe00 && cp <= 0xfe0f) ||
		cp === 0xfeff ||
		(cp >= 0xe0100 && cp <= 0xe01ef)
	)
		return 0;
	if (cp < 0x1100) return 1;
	return inRanges(cp, WIDE) ? 2 : 1;
}

/** Columns a plain string takes at column `start` (tabs to the next stop). */
export function textColumns(text: string, start = 0): number {
	let col = start;
	for (const ch of text) col += ch === '\t' ? TAB_WIDTH - (col % TAB_WIDTH) : charColumns(ch.codePointAt(0)!);
	return col - start;
}

/**
 * Styled spans -> runs within `maxCols` columns, tabs expanded, characters the image fonts lack
 * drawn as their look-alikes (in as many columns as the original takes); cut lines end in "…".
 */
export function layoutLine(spans: readonly AnsiSpan[], maxCols: number): LaidOutLine {
	const total = spans.reduce((col, s) => col + textColumns(s.text, col), 0);
	const cut = total > maxCols;
	const limit = cut ? Math.max(0, maxCols - 1) : maxCols;
	const runs: ColumnRun[] = [];
	let col = 0;
	let open: ColumnRun | undefined;
	outer: for (const span of spans) {
		for (const ch of span.text) {
			const expanded = ch === '\t' ? ' '.repeat(TAB_WIDTH - (col % TAB_WIDTH)) : lookAlike(ch);
			const width = ch === '\t' ? expanded.length : charColumns(ch.codePointAt(0)!);
			if (col + width > limit) break outer;
			if (!open || !sameStyle(open.style, span.style)) {
				open = { col, cols: 0, text: '', style: span.style };
				runs.push(open);
			}
			open.text += expanded;
			open.cols += width;
			col += width;
			// Whatever follows a wide or zero-width character gets its own position (see above).
			if (width !== 1 && ch !== '\t') open = undefined;
		}
	}
	return { runs, cols: cut ? col + 1 : col, cut };
}

/** Plain text cut to `maxCols` columns with "…" (tabs become spaces). */
export function clipText(text: string, maxCols: number): string {
	const line = layoutLine([{ text, style: {} }], maxCols);
	return line.runs.map((r) => r.text).join('') + (line.cut ? ELLIPSIS : '');
}
