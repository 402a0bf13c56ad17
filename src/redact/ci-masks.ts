import type { Range } from './ranges';

export type CiMasks = 'github' | 'gitlab' | 'circleci' | 'all';

/** A CI's way of printing a masked value, and a piece of text every such print holds. */
interface Mask {
	pattern: RegExp;
	holds: string;
}

/**
 * How each CI prints a value it masked. Applied only for the CI that wrote the text: `***` or
 * `********` are ordinary text elsewhere (markdown rules, ASCII art).
 */
const MASKS: Record<Exclude<CiMasks, 'all'>, Mask[]> = {
	// A whole `***`: not part of a longer run of stars or glued to a word (`***bold***`).
	github: [{ pattern: /(?<![*A-Za-z0-9_])\*\*\*(?![*A-Za-z0-9_])/dg, holds: '***' }],
	gitlab: [{ pattern: /\[MASKED\]/dg, holds: '[MASKED]' }],
	circleci: [
		{ pattern: /(?<!\*)\*{8}(?!\*)/dg, holds: '********' },
		{ pattern: /\*\*REDACTED\*\*/dg, holds: '**REDACTED**' },
		// The settings page's `xxxx` + last four characters, as an env dump prints it.
		{ pattern: /(?<=(?:^|\s)[A-Za-z_][A-Za-z0-9_]*=)x{4,}[A-Za-z0-9_+/=-]{0,4}(?=\s|$)/dgm, holds: 'xxxx' },
	],
};

/** The lengths of the texts every mask of the given CIs holds: no mask is shorter. */
export function ciMaskLengths(which: CiMasks | undefined): number[] {
	return masksOf(which).map((mask) => mask.holds.length);
}

const ALL_MASKS = Object.values(MASKS).flat();

function masksOf(which: CiMasks | undefined): Mask[] {
	if (!which) return [];
	return which === 'all' ? ALL_MASKS : MASKS[which];
}

/** Spans of the given CIs' own masks, to normalise to the one marker. */
export function ciMaskRanges(text: string, which: CiMasks | undefined, into: Range[]): void {
	const masks = masksOf(which);
	if (masks.length === 0) return;
	// A search for a mask's fixed text is far cheaper than its pattern's pass over a long log;
	// three of them hold `**`, which most logs never print: one search for it spares the others.
	const stars = text.includes('**');
	for (const { pattern, holds } of masks) {
		if ((!stars && holds.startsWith('**')) || !text.includes(holds)) continue;
		for (const m of text.matchAll(pattern)) into.push(m.indices![0]!);
	}
}
