import type { Workflow, WorkflowEntry } from '../model';

/**
 * Entries in the order they can run: each after everything it requires, ties kept in file
 * order. Cycles (an invalid config) fall back to file order for the remainder.
 */
export function runOrder(workflow: Pick<Workflow, 'entries'>): WorkflowEntry[] {
	const byId = new Map(workflow.entries.map((e) => [e.id, e]));
	const placed = new Set<string>();
	const out: WorkflowEntry[] = [];
	let progress = true;
	while (out.length < workflow.entries.length && progress) {
		progress = false;
		for (const entry of workflow.entries) {
			if (placed.has(entry.id)) continue;
			if (entry.requires.every((r) => placed.has(r.entry) || !byId.has(r.entry))) {
				placed.add(entry.id);
				out.push(entry);
				progress = true;
			}
		}
	}
	for (const entry of workflow.entries) if (!placed.has(entry.id)) out.push(entry);
	return out;
}

/** The longest chain of requirements before an entry: 0 for entries that start the workflow. */
export function stageOf(workflow: Pick<Workflow, 'entries'>): Map<string, number> {
	const stages = new Map<string, number>();
	for (const entry of runOrder(workflow)) {
		const before = entry.requires.map((r) => stages.get(r.entry) ?? -1);
		stages.set(entry.id, before.length ? Math.max(...before) + 1 : 0);
	}
	return stages;
}
