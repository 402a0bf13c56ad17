/**
 * The benchmark's input generator at size S: deterministic, the promised totals as the parser
 * counts them, configs that parse without errors or warnings, and recorded runs that parse
 * without problems and match a job of their pipeline.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, SIZES, type Totals } from '../../bench/generate';
import { readPipelines } from '../../src/ingest/read';
import { readRuns } from '../../src/ingest/runs';
import type { Pipeline, Run } from '../../src/model';
import { leafSteps } from '../../src/runs/match';
import { tempDir } from '../support/temp';

const root = tempDir('atlas-bench-gen-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One hash over every file's path and bytes, in path order. */
function treeHash(dir: string): string {
	const hash = createHash('sha256');
	const walk = (rel: string) => {
		for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(path);
			else hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update('\0');
		}
	};
	walk('');
	return hash.digest('hex');
}

const first = join(root, 'first');
const second = join(root, 'second');
let totals: Totals;
let pipelines: Pipeline[];
let runs: Run[];

beforeAll(async () => {
	totals = generate({ size: 'S', out: first });
	pipelines = await readPipelines(join(first, 'pipelines'), 'pipelines/');
	runs = await readRuns(join(first, 'pipelines'), pipelines, 'pipelines/');
}, 60_000);

describe('bench/generate.ts at size S', () => {
	it('is deterministic: a second generation is byte-identical', () => {
		const again = generate({ size: 'S', out: second });
		expect(again).toEqual(totals);
		expect(treeHash(second)).toBe(treeHash(first));
	}, 30_000);

	it('reports the size’s totals', () => {
		const want = SIZES.S;
		expect(totals).toMatchObject({ pipelines: want.pipelines, jobs: want.jobs, steps: want.steps, runs: want.runs, logLines: want.logLines });
		// Roughly 40% CircleCI, 30% GitHub Actions, 20% GitLab, 10% Bitbucket.
		expect(Object.fromEntries(Object.entries(totals.byProvider).map(([k, p]) => [k, p.pipelines]))).toEqual({ circleci: 4, github: 3, gitlab: 2, bitbucket: 1 });
		// Runs are recorded in the three CIs whose logs Pipeline Atlas reads (Bitbucket's read as any console log).
		expect(Object.fromEntries(Object.entries(totals.byProvider).map(([k, p]) => [k, p.runs > 0]))).toEqual({ circleci: true, github: true, gitlab: true, bitbucket: false });
	});

	it('gives the parser exactly those pipelines, jobs and steps, without errors or warnings', () => {
		expect(pipelines).toHaveLength(SIZES.S.pipelines);
		expect(new Set(pipelines.map((p) => p.provider))).toEqual(new Set(['circleci', 'github-actions', 'gitlab', 'bitbucket']));
		expect(pipelines.reduce((n, p) => n + p.jobs.length, 0)).toBe(SIZES.S.jobs);
		expect(pipelines.reduce((n, p) => n + p.jobs.reduce((m, j) => m + leafSteps(j.steps).length, 0), 0)).toBe(SIZES.S.steps);
		const shown = (severity: string) =>
			pipelines.flatMap((p) => p.diagnostics.filter((d) => d.severity === severity).map((d) => `${d.location.file}:${d.location.line}: ${d.message}`));
		expect(shown('error')).toEqual([]);
		expect(shown('warning')).toEqual([]);
	});

	it('gives Bitbucket steps written once and reused by alias in several pipelines, a manual stage and pipes', () => {
		const bitbucket = pipelines.find((p) => p.provider === 'bitbucket')!;
		expect(bitbucket.workflows.map((w) => w.id)).toEqual(expect.arrayContaining(['default', 'branches/main', 'tags/v*', 'pull-requests/**']));
		// One job per step written, however many pipelines run it.
		const lint = bitbucket.jobs.find((j) => j.name === 'Lint')!;
		expect(bitbucket.workflows.filter((w) => w.entries.some((e) => e.jobId === lint.id)).length).toBeGreaterThanOrEqual(3);
		const main = bitbucket.workflows.find((w) => w.id === 'branches/main')!;
		expect(main.entries.some((e) => e.approval)).toBe(true);
		expect(bitbucket.jobs.flatMap((j) => j.steps).some((s) => s.kind === 'action' && s.uses?.startsWith('atlassian/'))).toBe(true);
	});

	it('records runs that parse without problems and each match a job of their pipeline', () => {
		expect(runs).toHaveLength(SIZES.S.runs);
		expect(new Set(runs.map((r) => r.provider))).toEqual(new Set(['circleci', 'github-actions', 'gitlab']));
		expect(runs.flatMap((r) => r.diagnostics.map((d) => `${r.id}: ${d.code} ${d.message}`))).toEqual([]);
		expect(runs.filter((r) => !r.jobId).map((r) => `${r.pipelineId}/${r.id}: ${r.job}`)).toEqual([]);
		for (const run of runs) {
			const pipeline = pipelines.find((p) => p.id === run.pipelineId)!;
			expect(pipeline.jobs.some((j) => j.id === run.jobId), run.id).toBe(true);
			// Every step the config wrote is found in the run; only the CI's own stages stand alone.
			const loose = run.steps.filter((s) => !s.matchedStepId && !s.builtin).map((s) => s.name);
			expect(loose, `${run.id} (${run.job})`).toEqual([]);
		}
		// A few runs fail, in every CI's format.
		const failed = runs.filter((r) => r.status === 'failed');
		expect(failed.length).toBeGreaterThan(0);
		expect(new Set(failed.map((r) => r.provider)).size).toBe(3);
		// Parsed lines: the files' lines less the markers the parsers fold away (##[endgroup], section ends).
		const lines = runs.reduce((n, r) => n + r.steps.reduce((m, s) => m + s.lines.length, 0), 0);
		expect(lines).toBeGreaterThan(SIZES.S.logLines * 0.98);
		expect(lines).toBeLessThanOrEqual(SIZES.S.logLines);
	});

	it('writes onboarding docs and explanations', () => {
		const docs = readdirSync(join(first, 'content', 'docs'));
		expect(docs.length).toBeGreaterThanOrEqual(3);
		expect(readdirSync(join(first, 'content', 'explanations'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length).toBeGreaterThanOrEqual(3);
		for (const doc of docs) expect(readFileSync(join(first, 'content', 'docs', doc), 'utf8')).toMatch(/^---\ntitle: .+\n[\s\S]*sidebar:\n {2}order: \d+\n---\n/);
	});
});
