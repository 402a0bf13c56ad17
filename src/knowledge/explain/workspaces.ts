/**
 * Which jobs run before or after a job in its workflows, following `requires` (CircleCI) or
 * `needs` edges transitively: what a workspace or artifact hand-over reaches.
 */
import type { Job, Pipeline } from '../../model';

/** Jobs that (transitively) require `jobId` in any workflow. */
export function jobsAfter(pipeline: Pipeline, jobId: string): Job[] {
	return related(pipeline, jobId, 'after');
}

/** Jobs `jobId` (transitively) requires in any workflow. */
export function jobsBefore(pipeline: Pipeline, jobId: string): Job[] {
	return related(pipeline, jobId, 'before');
}

function related(pipeline: Pipeline, jobId: string, direction: 'before' | 'after'): Job[] {
	const found = new Set<string>();
	for (const workflow of pipeline.workflows) {
		const byId = new Map(workflow.entries.map((entry) => [entry.id, entry]));
		const start = workflow.entries.filter((entry) => entry.jobId === jobId).map((entry) => entry.id);
		const seen = new Set<string>(start);
		const queue = [...start];
		while (queue.length > 0) {
			const current = queue.shift()!;
			const next =
				direction === 'before'
					? (byId.get(current)?.requires ?? []).map((r) => r.entry)
					: workflow.entries.filter((entry) => entry.requires.some((r) => r.entry === current)).map((entry) => entry.id);
			for (const id of next) {
				if (seen.has(id)) continue;
				seen.add(id);
				queue.push(id);
				const target = byId.get(id)?.jobId;
				if (target !== undefined && target !== jobId) found.add(target);
			}
		}
	}
	return pipeline.jobs.filter((job) => found.has(job.id));
}
