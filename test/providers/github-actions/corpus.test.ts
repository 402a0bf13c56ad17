import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertJobs } from '@actions/workflow-parser/model/converter/jobs';
import { describe, expect, it } from 'vitest';
import { parseGitHubWorkflows } from '../../../src/providers/github-actions';
import type { ProviderOutput } from '../../../src/providers/types';
import { schemaIssues, shared } from './helpers';

const corpus = join(shared, 'corpus', 'github-actions');
const titus = join(shared, 'seed-systems', 'titus', 'github-workflows');

function read(dir: string) {
	return readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

interface Graph {
	jobs: string[];
	needs: Record<string, string[]>;
	instances: Record<string, number>;
}

/**
 * The job graph as GitHub's parser sees it, computed independently of the provider: job ids and
 * `needs` from the parser's converted jobs, matrix instance counts from its `strategy` token
 * expanded by GitHub's documented rules.
 */
function parserGraph(name: string, text: string): Graph | undefined {
	const parsed = parseWorkflow({ name, content: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') }, new NoOperationTraceWriter());
	if (!parsed.value || parsed.context.errors.getErrors().length > 0) return undefined;
	const root = parsed.value.toJSON() as unknown;
	const jobsToken = (() => {
		const mapping = parsed.value as unknown as { count: number; get(i: number): { key: { toString(): string }; value: Parameters<typeof convertJobs>[1] } };
		for (let i = 0; i < mapping.count; i++) if (mapping.get(i).key.toString() === 'jobs') return mapping.get(i).value;
		return undefined;
	})();
	void root;
	if (!jobsToken) return undefined;
	const jobs = convertJobs(parsed.context, jobsToken);
	if (parsed.context.errors.getErrors().some((e) => /depends on|cycle|no dependencies/.test(e.message))) return undefined;
	const graph: Graph = { jobs: [], needs: {}, instances: {} };
	for (const job of jobs) {
		const id = job.id.value;
		graph.jobs.push(id);
		graph.needs[id] = (job.needs ?? []).map((n) => n.value).sort();
		graph.instances[id] = countInstances(job.strategy ? plain(job.strategy) : undefined);
	}
	return graph;
}

/** A parser token as plain data: scalars as their text (expressions as `${{ }}`). */
function plain(token: unknown): unknown {
	const t = token as { templateTokenType: number; count?: number; get?: (i: number) => { key: unknown; value: unknown }; toString(): string; toDisplayString?: () => string };
	if (t.get && typeof t.count === 'number') {
		const kv = t.get(0 as number) as { key?: unknown } | undefined;
		if (t.count === 0) return 'key' in (kv ?? {}) ? {} : [];
		if (kv && typeof kv === 'object' && 'key' in kv) {
			const out: Record<string, unknown> = {};
			for (let i = 0; i < t.count; i++) {
				const pair = t.get(i);
				out[String(pair.key)] = plain(pair.value);
			}
			return out;
		}
		const list: unknown[] = [];
		for (let i = 0; i < t.count; i++) list.push(plain(t.get(i)));
		return list;
	}
	return t.toDisplayString ? t.toDisplayString() : String(t);
}

function countInstances(strategy: unknown): number {
	const matrix = (strategy as Record<string, unknown> | undefined)?.['matrix'];
	if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) return 1;
	const m = matrix as Record<string, unknown>;
	const key = (v: unknown) => JSON.stringify(v);
	const vectors = Object.entries(m).filter(([k]) => k !== 'include' && k !== 'exclude');
	if (vectors.some(([, v]) => !Array.isArray(v))) return 1;
	if (['include', 'exclude'].some((k) => m[k] !== undefined && !Array.isArray(m[k]))) return 1;
	let combos: Record<string, unknown>[] = vectors.length ? [{}] : [];
	for (const [k, values] of vectors) combos = combos.flatMap((c) => (values as unknown[]).map((v) => ({ ...c, [k]: v })));
	const excludes = ((m['exclude'] as unknown[]) ?? []) as Record<string, unknown>[];
	combos = combos.filter((c) => !excludes.some((ex) => Object.entries(ex).every(([k, v]) => k in c && key(c[k]) === key(v))));
	const original = new Set(vectors.map(([k]) => k));
	let extra = 0;
	for (const inc of ((m['include'] as unknown[]) ?? []) as Record<string, unknown>[]) {
		const fits = combos.filter((c) => Object.entries(inc).every(([k, v]) => !original.has(k) || key(c[k]) === key(v)));
		if (fits.length === 0) extra++;
		else for (const c of fits) Object.assign(c, Object.fromEntries(Object.entries(inc).filter(([k]) => !original.has(k))));
	}
	const total = combos.length + extra;
	return total === 0 ? 1 : Math.min(total, 256);
}

function providerGraph(output: ProviderOutput): Graph {
	const workflow = output.workflows![0]!;
	const graph: Graph = { jobs: [], needs: {}, instances: {} };
	const keyOf = (jobId: string) => jobId.slice(jobId.indexOf('/') + 1);
	const byEntry = new Map((workflow.entries ?? []).map((e) => [e.id, keyOf(e.jobId!)]));
	for (const entry of workflow.entries ?? []) {
		const key = keyOf(entry.jobId!);
		if (!(key in graph.instances)) {
			graph.jobs.push(key);
			graph.instances[key] = 0;
			graph.needs[key] = [...new Set((entry.requires ?? []).map((r) => byEntry.get(r.entry)!))].sort();
		}
		graph.instances[key]!++;
	}
	return graph;
}

describe.skipIf(!existsSync(corpus))(`GitHub Actions corpus (${corpus})`, () => {
	const files = existsSync(corpus) ? read(corpus) : [];

	it('reads every file without throwing, >= 98% without errors, every error located', () => {
		expect(files.length).toBeGreaterThan(100);
		let clean = 0;
		let withErrors = 0;
		let warnings = 0;
		let infos = 0;
		const failing: string[] = [];
		for (const { name, text } of files) {
			const output = parseGitHubWorkflows([{ path: name, text }]);
			expect(schemaIssues(output), name).toEqual([]);
			const found = output.diagnostics ?? [];
			const errs = found.filter((d) => d.severity === 'error');
			for (const d of errs) {
				expect(d.location.file, `${name}: ${d.message}`).toBe(name);
				expect(d.location.line).toBeGreaterThanOrEqual(1);
				expect(d.location.column).toBeGreaterThanOrEqual(1);
			}
			if (errs.length > 0) {
				withErrors++;
				failing.push(`${name}: ${errs[0]!.location.line}:${errs[0]!.location.column} ${errs[0]!.message}`);
			}
			const w = found.filter((d) => d.severity === 'warning').length;
			warnings += w;
			infos += found.filter((d) => d.severity === 'info').length;
			if (errs.length + w === 0) clean++;
		}
		console.log(`github-actions corpus: ${files.length} files, ${files.length - withErrors} without errors (${clean} clean), ${withErrors} with errors, ${warnings} warnings, ${infos} infos${failing.length ? `; errors: ${failing.join(' | ')}` : ''}`);
		expect((files.length - withErrors) / files.length).toBeGreaterThanOrEqual(0.98);
	}, 60_000);

	it("agrees with GitHub's parser on job ids, needs edges and matrix instance counts", () => {
		let compared = 0;
		let matrices = 0;
		for (const { name, text } of files) {
			const expected = parserGraph(name, text);
			if (!expected) continue;
			compared++;
			const actual = providerGraph(parseGitHubWorkflows([{ path: name, text }]));
			expect(actual, name).toEqual(expected);
			matrices += Object.values(expected.instances).filter((n) => n > 1).length;
		}
		console.log(`github-actions corpus: job graph compared with @actions/workflow-parser on ${compared} workflows (${matrices} expanded matrices)`);
		expect(matrices).toBeGreaterThan(20);
		expect(compared).toBeGreaterThan(100);
	});
});

describe.skipIf(!existsSync(titus))(`Titus seed workflows (${titus})`, () => {
	it('parses all of them as one repository with no error diagnostics', () => {
		const files = read(titus);
		expect(files).toHaveLength(10);
		const output = parseGitHubWorkflows(files.map(({ name, text }) => ({ path: `pipelines/titus/.github/workflows/${name}`, text })));
		expect(schemaIssues(output)).toEqual([]);
		expect(output.workflows).toHaveLength(10);
		expect((output.diagnostics ?? []).filter((d) => d.severity === 'error')).toEqual([]);
		expect(output.jobs.length).toBeGreaterThan(10);
	});
});
