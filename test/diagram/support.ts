import DOMPurify from 'dompurify';
import { readPipelines } from '../../src/ingest/read';
import { Pipeline, type PipelineInput } from '../../src/model';

let examples: Promise<Pipeline[]> | undefined;
/** The example pipelines under `pipelines/`, read as the site reads them. */
export const examplePipelines = () => (examples ??= readPipelines('pipelines'));

export async function example(id: string): Promise<Pipeline> {
	const found = (await examplePipelines()).find((p) => p.id === id);
	if (!found) throw new Error(`no example pipeline ${id}`);
	return found;
}

let parser: Promise<(text: string) => Promise<unknown>> | undefined;
/**
 * The official `mermaid` parser in Node. Mermaid sanitises labels with DOMPurify, which without
 * a DOM (no jsdom here) is an object without `addHook`/`sanitize`; parsing needs neither, so the
 * shared instance gets no-op hooks and an identity `sanitize` before mermaid is loaded. The
 * jison flowchart grammar that decides validity runs unchanged.
 */
export function officialMermaidParse(): Promise<(text: string) => Promise<unknown>> {
	parser ??= (async () => {
		const purify = DOMPurify as unknown as Record<string, unknown>;
		if (typeof purify.addHook !== 'function') {
			Object.assign(purify, { addHook() {}, removeHook() {}, removeHooks() {}, removeAllHooks() {}, sanitize: (s: string) => s });
		}
		const { default: mermaid } = await import('mermaid');
		return (text: string) => mermaid.parse(text);
	})();
	return parser;
}

const at = { file: 'config.yml', line: 1, column: 1 };

export interface JobSpec {
	id: string;
	steps?: string[];
	commands?: string[];
	deployTarget?: string;
	origin?: string;
	allowFailure?: boolean;
}
export interface EntrySpec {
	id: string;
	job?: string;
	requires?: string[];
	approval?: boolean;
	matrixGroup?: string;
}

/** A small pipeline through the real schema (defaults filled in). */
export function makePipeline(spec: {
	jobs: JobSpec[];
	entries: EntrySpec[];
	targets?: PipelineInput['deployTargets'];
	promotions?: PipelineInput['promotions'];
	workflowName?: string;
}): Pipeline {
	return Pipeline.parse({
		id: 'demo',
		group: 'demo',
		title: 'Demo',
		provider: 'circleci',
		jobs: spec.jobs.map((j) => ({
			id: j.id,
			slug: j.id.replace(/[^A-Za-z0-9._-]+/g, '-') || 'job',
			name: j.id,
			executor: { kind: 'docker' },
			steps: [
				...(j.steps ?? []).map((kind, i) => ({ id: String(i + 1), kind, name: kind, keyword: kind, location: at })),
				...(j.commands ?? []).map((command, i) => ({ id: `c${i + 1}`, kind: 'run', name: command, keyword: 'run', command, location: at })),
			],
			...(j.deployTarget ? { deployTarget: j.deployTarget } : {}),
			...(j.origin ? { origin: { type: 'orb', name: j.origin, expanded: false } } : {}),
			...(j.allowFailure ? { allowFailure: true } : {}),
			location: at,
		})),
		workflows: [
			{
				id: spec.workflowName ?? 'main',
				name: spec.workflowName ?? 'main',
				location: at,
				entries: spec.entries.map((e) => ({
					id: e.id,
					...(e.approval ? { approval: true } : { jobId: e.job ?? e.id }),
					requires: (e.requires ?? []).map((entry) => ({ entry })),
					...(e.matrixGroup ? { matrixGroup: e.matrixGroup } : {}),
					location: at,
				})),
			},
		],
		deployTargets: spec.targets ?? [],
		promotions: spec.promotions ?? [],
	});
}
