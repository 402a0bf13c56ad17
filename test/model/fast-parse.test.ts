import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';
import { Pipeline, safeParsePipeline, type Step } from '../../src/model';
import { FAST_STEP_DEPTH, takesFastPath } from '../../src/model/fast-parse';

const CORPUS = '/work/shared/corpus';
const here = (file: string) => ({ file, line: 1, column: 1 });
const step = (id: string, children: unknown[] = []) => ({ id, kind: 'run', name: id, keyword: 'run', location: here('f.yml'), children });
const pipelineWith = (steps: unknown[]) => ({ id: 'p', group: 'p', title: 'P', provider: 'circleci', jobs: [{ id: 'build', slug: 'build', name: 'build', executor: { kind: 'docker' }, location: here('f.yml'), steps }] });

/** A step with `depth` levels of children under it. */
function nested(depth: number): ReturnType<typeof step> {
	let s = step(String(depth));
	for (let level = depth - 1; level >= 0; level--) s = step(String(level), [s]);
	return s;
}

/**
 * A model as a provider hands it over: containers left empty are left out (the schema's
 * defaults fill them), and each located object (a step, a job, a variable: not a record such as
 * a step's `with`) carries a key the model does not have (stripped) and one whose value is
 * undefined.
 */
function rawish(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(rawish);
	if (value === null || typeof value !== 'object') return value;
	const located = typeof (value as { location?: unknown }).location === 'object';
	const out: Record<string, unknown> = located ? { 'x-not-modelled': 1, description: undefined } : {};
	for (const [key, item] of Object.entries(value)) {
		const empty = Array.isArray(item) ? item.length === 0 : item !== null && typeof item === 'object' && Object.keys(item).length === 0;
		if (!empty) out[key] = rawish(item);
	}
	return out;
}

function deepest(steps: readonly Step[], depth = 0): number {
	return Math.max(depth, ...steps.map((s) => deepest(s.children, depth + 1)));
}

describe('safeParsePipeline', () => {
	it('gives what Pipeline.safeParse gives for the example pipelines and the corpus, on the fast path', { timeout: 60_000 }, async () => {
		const folders = [join(import.meta.dirname, '../../pipelines'), ...['circleci', 'github-actions', 'gitlab', 'bitbucket', 'heroku'].map((ci) => join(CORPUS, ci)).filter(existsSync)];
		let count = 0;
		for (const folder of folders) {
			for (const pipeline of await readPipelines(folder)) {
				const raw = rawish(pipeline);
				expect(safeParsePipeline(pipeline), pipeline.id).toStrictEqual(Pipeline.safeParse(pipeline));
				expect(safeParsePipeline(raw), pipeline.id).toStrictEqual(Pipeline.safeParse(raw));
				if (deepest(pipeline.jobs.flatMap((j) => j.steps)) <= FAST_STEP_DEPTH + 1) {
					expect(takesFastPath(pipeline), pipeline.id).toBe(true);
					expect(takesFastPath(raw), pipeline.id).toBe(true);
				}
				count++;
			}
		}
		expect(count).toBeGreaterThan(folders.length > 1 ? 100 : 5);
	});

	it('fills defaults as Pipeline does', () => {
		const parsed = safeParsePipeline(pipelineWith([step('1')]));
		expect(parsed.success).toBe(true);
		expect(parsed.data?.defaultBranch).toBe('main');
		expect(parsed.data?.jobs[0]?.steps[0]?.with).toEqual({});
		expect(parsed.data?.jobs[0]?.steps[0]?.children).toEqual([]);
	});

	it('parses steps nested deeper than the fast path reads, whole', () => {
		const deep = pipelineWith([nested(FAST_STEP_DEPTH + 3)]);
		expect(takesFastPath(deep)).toBe(false);
		const parsed = safeParsePipeline(deep);
		expect(parsed.success).toBe(true);
		expect(deepest(parsed.data!.jobs[0]!.steps)).toBe(FAST_STEP_DEPTH + 4);
		expect(parsed).toStrictEqual(Pipeline.safeParse(deep));
		// The deepest it takes.
		expect(takesFastPath(pipelineWith([nested(FAST_STEP_DEPTH)]))).toBe(true);
	});

	it('rejects what Pipeline rejects, with its issues', () => {
		const bad = pipelineWith([step('1', [{ ...step('1.1'), location: { file: 'f.yml', line: 0, column: 1 } }])]);
		const parsed = safeParsePipeline(bad);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues).toEqual(Pipeline.safeParse(bad).error?.issues);
		expect(parsed.error?.issues[0]?.path).toEqual(['jobs', 0, 'steps', 0, 'children', 0, 'location', 'line']);
	});
});
