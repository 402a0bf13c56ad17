import type { Range } from './ranges';

export type CiMasks = 'github' | 'gitlab' | 'circleci' | 'all';

/**
 * How each CI prints a value it masked. Applied only for the CI that wrote the text: `***` or
 * `********` are ordinary text elsewhere (markdown rules, ASCII art).
 */
const MASKS: Record<Exclude<CiMasks, 'all'>, RegExp[]> = {
	// A whole `***`: not part of a longer run of stars or glued to a word (`***bold***`).
	github: [/(?<![*A-Za-z0-9_])\*\*\*(?![*A-Za-z0-9_])/dg],
	gitlab: [/\[MASKED\]/dg],
	circleci: [
		/(?<!\*)\*{8}(?!\*)/dg,
		/\*\*REDACTED\*\*/dg,
		// The settings page's `xxxx` + last four characters, as an env dump prints it.
		/(?<=(?:^|\s)[A-Za-z_][A-Za-z0-9_]*=)x{4,}[A-Za-z0-9_+/=-]{0,4}(?=\s|$)/dgm,
	],
};

/** Spans of the given CIs' own masks, to normalise to the one marker. */
export function ciMaskRanges(text: string, which: CiMasks | undefined, into: Range[]): void {
	// Every mask above holds one of these (a cheap test before five passes).
	if (!which || !(text.includes('**') || text.includes('[MASKED]') || text.includes('xxxx'))) return;
	const patterns = which === 'all' ? Object.values(MASKS).flat() : MASKS[which];
	for (const pattern of patterns) {
		for (const m of text.matchAll(pattern)) into.push(m.indices![0]!);
	}
}
