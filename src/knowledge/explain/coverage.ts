/**
 * How many steps get a built-in explanation. Counted are the steps that do something
 * themselves: top-level steps and the children of expanded commands, orb commands, composite
 * actions and `when`/`unless` blocks. A container whose children are listed is not counted
 * on top of them (its work is its children's), so nothing is counted twice; a container shown
 * without children (an orb or action whose source is not at hand) counts as one step.
 */
import type { Pipeline, Step } from '../../model';
import { explainStep } from './index';
import { firstLine } from './text';

export interface ExplanationCoverage {
	/** Steps counted (see above). */
	steps: number;
	explained: number;
	/** explained / steps, 1 when there are no steps. */
	share: number;
	/** What the unexplained steps run, most frequent first: a script's first line, an action or orb command without its version, or the CI keyword. */
	unexplained: { item: string; count: number }[];
}

const MAX_ITEM = 80;

/** What an unexplained step is listed as. */
function itemOf(step: Step): string {
	let item: string;
	if (step.command !== undefined) item = firstLine(step.command.split(/\r?\n/).filter((l) => !/^\s*#/.test(l)).join('\n')) || firstLine(step.command);
	else if (step.uses !== undefined && step.kind !== 'orb-command') item = step.uses.replace(/@[^@]*$/, '');
	else item = step.origin?.name ?? step.keyword;
	if (item === '') return '(empty)';
	return item.length > MAX_ITEM ? `${item.slice(0, MAX_ITEM - 1)}…` : item;
}

function leaves(steps: readonly Step[]): Step[] {
	return steps.flatMap((step) => (step.children.length > 0 ? leaves(step.children) : [step]));
}

export function explanationCoverage(pipelines: readonly Pipeline[]): ExplanationCoverage {
	let steps = 0;
	let explained = 0;
	const missing = new Map<string, number>();
	for (const pipeline of pipelines) {
		for (const job of pipeline.jobs) {
			for (const step of leaves(job.steps)) {
				steps++;
				if (explainStep(step, { provider: pipeline.provider, job, pipeline })) explained++;
				else missing.set(itemOf(step), (missing.get(itemOf(step)) ?? 0) + 1);
			}
		}
	}
	const unexplained = [...missing].map(([item, count]) => ({ item, count })).sort((a, b) => b.count - a.count || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
	return { steps, explained, share: steps === 0 ? 1 : explained / steps, unexplained };
}
