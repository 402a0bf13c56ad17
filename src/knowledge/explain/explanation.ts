import { z } from 'astro/zod';

/**
 * What Pipeline Atlas can say about one step, in plain words for a newcomer. Text only: pages
 * escape it, and `backticks` mark code.
 */
export const Explanation = z.object({
	/** One sentence: what this step does here, concretely (names the files, keys, tools). */
	summary: z.string(),
	/** Further plain-language points: line-by-line for multi-line scripts, what a cache key means, what the next job receives. */
	details: z.array(z.string()).default([]),
	/** Things a reviewer should notice (`curl … | sh` runs unreviewed code, `--no-verify`, `chmod 777`, secrets echoed…). */
	risks: z.array(z.string()).default([]),
	/** Which knowledge entry matched (e.g. `circleci:save_cache`, `action:actions/checkout`, `command:pipenv install`), for tests and coverage stats. */
	topic: z.string(),
	/** The CI's or tool's reference page. */
	reference: z.string().url().optional(),
});
export type Explanation = z.infer<typeof Explanation>;

/** What an explanation is built from: details and risks may be left out. */
export type ExplanationInput = z.input<typeof Explanation>;

/** Fills the defaults without a parse: every knowledge module builds its explanations here. */
export function explanation(input: ExplanationInput): Explanation {
	const out: Explanation = { summary: input.summary, details: input.details ?? [], risks: dedupe(input.risks ?? []), topic: input.topic };
	if (input.reference !== undefined) out.reference = input.reference;
	return out;
}

function dedupe(items: string[]): string[] {
	return [...new Set(items)];
}
