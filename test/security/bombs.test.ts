/**
 * Files built to exhaust a reader: YAML alias bombs, nesting deep enough to overflow the stack,
 * configs and logs far larger than any a person writes. Each must cost a located diagnostic,
 * not the build: no throw, no stack overflow, bounded memory, and the other pipelines intact.
 * Big files are generated in the system's temporary folder and deleted afterwards.
 */
import { closeSync, mkdirSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import { MAX_CONFIG_BYTES, MAX_LOG_BYTES, megabytes } from '../../src/ingest/limits';
import { readPipelines, readSingleFile } from '../../src/ingest/read';
import { readRuns } from '../../src/ingest/runs';
import type { Diagnostic, Pipeline } from '../../src/model';
import { parseCircleCiConfig } from '../../src/providers/circleci';
import { parseGitHubWorkflows } from '../../src/providers/github-actions';
import { parseGitLabConfig } from '../../src/providers/gitlab';
import type { ProviderOutput } from '../../src/providers/types';
import { MAX_YAML_DEPTH, parseYaml } from '../../src/providers/yaml';
import { parseRunFolder } from '../../src/runs/parse';
import { schemaIssuesAs } from '../providers/support';
import { tempDir } from '../support/temp';

const root = tempDir('atlas-bombs-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
	const full = join(root, path);
	mkdirSync(join(full, '..'), { recursive: true });
	writeFileSync(full, text);
	return full;
}

const MB = 1024 * 1024;

/** Nine anchors of nine aliases each: 9^9 (387 million) strings once expanded. */
function billionLaughs(last: string): string {
	const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
	for (const name of 'bcdefghi') {
		const previous = String.fromCharCode(name.charCodeAt(0) - 1);
		lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
	}
	return `${lines.join('\n')}\n${last}\n`;
}

const LEVELS = 10_000;
const nesting = {
	flow: (key: string) => `${key}: ${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n`,
	/** Block lists nest on one line (`- - - x`), so ten thousand levels fit in 20 KB. */
	'block list': (key: string) => `${key}:\n  ${'- '.repeat(LEVELS)}x\n`,
	/** Block maps need one more column per level: 10,000 levels are 50 MB, so this goes to 3,000. */
	'block map': (key: string) => `${key}:\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`,
};

const circle = 'version: 2.1\njobs:\n  build:\n    docker: [{image: cimg/base:stable}]\n    steps: [checkout, {run: make}]\nworkflows:\n  main:\n    jobs: [build]\n';
const workflow = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
const gitlab = 'test:\n  script: make\n';

const providers: Record<string, { path: string; read: (text: string) => ProviderOutput; provider: 'circleci' | 'github-actions' | 'gitlab'; prefix: string }> = {
	CircleCI: { path: '.circleci/config.yml', read: (text) => parseCircleCiConfig({ path: '.circleci/config.yml', text }), provider: 'circleci', prefix: 'version: 2.1\n' },
	'GitHub Actions': {
		path: '.github/workflows/ci.yml',
		read: (text) => parseGitHubWorkflows([{ path: '.github/workflows/ci.yml', text }]),
		provider: 'github-actions',
		prefix: 'on: push\n',
	},
	GitLab: { path: '.gitlab-ci.yml', read: (text) => parseGitLabConfig({ path: '.gitlab-ci.yml', text }), provider: 'gitlab', prefix: '' },
};

function located(d: Diagnostic, file: string): void {
	expect(d.location.file).toBe(file);
	expect(d.location.line).toBeGreaterThanOrEqual(1);
	expect(d.location.column).toBeGreaterThanOrEqual(1);
	expect(d.hint).toBeTruthy();
}

describe('YAML alias bombs ("billion laughs")', () => {
	for (const [name, { path, read, provider, prefix }] of Object.entries(providers)) {
		it(`${name}: refused with a located error that says what to do`, () => {
			const output = read(`${prefix}${billionLaughs('jobs: *i')}`);
			const errors = (output.diagnostics ?? []).filter((d) => d.severity === 'error');
			expect(errors.map((d) => d.code)).toEqual(['yaml-alias-limit']);
			located(errors[0]!, path);
			// The first alias: line 2 of the bomb, after the prefix.
			expect(errors[0]!.location.line).toBe(prefix.split('\n').length + 1);
			expect(errors[0]!.message).toMatch(/more than \d+ alias uses/);
			expect(errors[0]!.hint).toMatch(/flatten/);
			expect(schemaIssuesAs(output, provider)).toEqual([]);
		});
	}

	it('pipeline.yml: refused the same way, and the pipeline is still read without its metadata', () => {
		const [pipeline] = assembleFolder({
			group: 'shop',
			displayPrefix: 'pipelines/shop/',
			files: [
				{ path: 'pipeline.yml', text: billionLaughs('title: *i') },
				{ path: '.circleci/config.yml', text: circle },
			],
		});
		expect(pipeline!.jobs.map((j) => j.id)).toEqual(['build']);
		expect(pipeline!.title).toBe('Shop');
		const error = pipeline!.diagnostics.find((d) => d.code === 'yaml-alias-limit')!;
		located(error, 'pipelines/shop/pipeline.yml');
		expect(error.hint).toMatch(/without its metadata/);
	});

	it('pipeline.yml: a moderate number of alias uses (150, over the yaml library’s default of 100) is read', () => {
		// Regression: pipeline.yml went through `doc.toJS()` with the library's default limit,
		// which threw out of assembleFolder and lost every pipeline of the build.
		const targets = Array.from({ length: 150 }, (_, i) => `  - {id: t${i}, name: T${i}, jobs: *ids}`);
		const text = `deployTargets:\n  - {id: prod, name: Production, jobs: &ids [build]}\n${targets.join('\n')}\n`;
		const [pipeline] = assembleFolder({ group: 'shop', displayPrefix: 'pipelines/shop/', files: [{ path: 'pipeline.yml', text }, { path: '.circleci/config.yml', text: circle }] });
		expect(pipeline!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
		expect(pipeline!.deployTargets).toHaveLength(151);
		expect(pipeline!.jobs.map((j) => j.id)).toEqual(['build']);
	});
});

describe('nesting ten thousand levels deep', () => {
	for (const [style, make] of Object.entries(nesting)) {
		for (const [name, { path, read, provider, prefix }] of Object.entries(providers)) {
			it(`${name}, ${style}: a located error at the first level too deep, no stack overflow`, () => {
				const output = read(`${prefix}${make('jobs')}`);
				const errors = (output.diagnostics ?? []).filter((d) => d.severity === 'error');
				expect(errors.map((d) => d.code)).toEqual(['yaml-too-deep']);
				located(errors[0]!, path);
				expect(errors[0]!.message).toContain(`${MAX_YAML_DEPTH} levels`);
				expect(schemaIssuesAs(output, provider)).toEqual([]);
			});
		}
	}

	it('points at the level past the limit', () => {
		const flow = parseYaml({ path: 'f.yml', text: `a: ${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n` });
		// The root map is level 1 and the k-th bracket (column 3 + k) level k + 1.
		expect(flow.diagnostics[0]!.location).toEqual({ file: 'f.yml', line: 1, column: 3 + MAX_YAML_DEPTH });
		// The map holding `k<i>` (line i + 2, column i + 3) is level i + 2.
		const block = parseYaml({ path: 'b.yml', text: nesting['block map']('a') });
		expect(block.diagnostics[0]!.location).toEqual({ file: 'b.yml', line: MAX_YAML_DEPTH + 1, column: MAX_YAML_DEPTH + 2 });
	});

	it('reads a document exactly at the limit', () => {
		const parsed = parseYaml({ path: 'f.yml', text: `${'['.repeat(MAX_YAML_DEPTH)}${']'.repeat(MAX_YAML_DEPTH)}\n` });
		expect(parsed.diagnostics).toEqual([]);
		expect(parsed.documents[0]!.root?.kind).toBe('seq');
	});

	it('thousands of `key:` on an indented line: located where they start (found by fuzzing: the yaml tokenizer itself overflowed the stack)', () => {
		const text = `jobs:\n  build:\n    docker:\n      fuzz: ${': '.repeat(5_000)}\n    steps: [checkout]\n`;
		for (const [name, { read, provider, path }] of Object.entries(providers)) {
			const output = read(text);
			const errors = (output.diagnostics ?? []).filter((d) => d.severity === 'error');
			expect(errors.map((d) => d.code), name).toEqual(['yaml-too-deep']);
			located(errors[0]!, path);
			expect(errors[0]!.location.line, name).toBe(4);
			expect(schemaIssuesAs(output, provider)).toEqual([]);
		}
	});

	it('refuses only the deep document of a stream', () => {
		const parsed = parseYaml({ path: 's.yml', text: `a: 1\n---\n${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n---\nb: 2\n` });
		expect(parsed.documents.map((d) => d.broken)).toEqual([false, true, false]);
		expect(parsed.diagnostics.map((d) => [d.code, d.location.line])).toEqual([['yaml-too-deep', 3]]);
	});
});

describe('wide maps', () => {
	it('reads a map of 50,000 keys and reports its duplicates (the library’s check is quadratic: minutes)', () => {
		const text = `${Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n')}\nk5: again\n`;
		const parsed = parseYaml({ path: 'w.yml', text });
		expect(parsed.diagnostics.map((d) => [d.code, d.location.line, d.location.column])).toEqual([['yaml-duplicate-key', 50_001, 1]]);
		const root = parsed.documents[0]!.root;
		expect(root?.kind === 'map' && root.entries.length).toBe(50_000);
	});
});

describe('configs over the size limit', () => {
	const big = join('sized', 'big', '.circleci', 'config.yml');
	const size = 50 * MB;

	function writeBigConfig(): void {
		const chunk = `# ${'x'.repeat(1021)}\n`;
		const full = write(big, circle);
		const fd = openSync(full, 'a');
		try {
			for (let written = circle.length; written < size; written += chunk.length) writeSync(fd, chunk);
		} finally {
			closeSync(fd);
		}
	}

	it('a 50 MB config is refused unread, with the limit and its size; the other pipelines are intact', async () => {
		writeBigConfig();
		write('sized/good/.circleci/config.yml', circle);
		const before = process.memoryUsage().rss;
		const pipelines = await readPipelines(join(root, 'sized'), 'pipelines/');
		const growth = process.memoryUsage().rss - before;
		const bigPipeline = pipelines.find((p) => p.id === 'big')!;
		const error = bigPipeline.diagnostics.find((d) => d.code === 'too-large')!;
		expect(error.severity).toBe('error');
		expect(error.location).toEqual({ file: 'pipelines/big/.circleci/config.yml', line: 1, column: 1 });
		expect(error.message).toContain(megabytes(MAX_CONFIG_BYTES));
		expect(error.message).toMatch(/5[01] MB/);
		expect(pipelines.find((p) => p.id === 'good')!.jobs.map((j) => j.id)).toEqual(['build']);
		// Reading the file would cost at least its 50 MB (twice, as a UTF-16 string).
		expect(growth).toBeLessThan(40 * MB);
	});

	it('`check <file>` on it says the same', async () => {
		const folder = await readSingleFile(join(root, big));
		const [pipeline] = assembleFolder(folder);
		expect(pipeline!.diagnostics.find((d) => d.code === 'too-large')?.message).toContain(`over the ${megabytes(MAX_CONFIG_BYTES)} limit`);
		rmSync(join(root, 'sized'), { recursive: true, force: true });
	});
});

describe('one bad file never stops the others', () => {
	it('a folder of bombs beside a good pipeline: the good one comes out as it would alone, each bomb with its diagnostic', async () => {
		const dir = join(root, 'mixed');
		const alone = join(root, 'alone');
		write('alone/good/.circleci/config.yml', circle);
		write('mixed/good/.circleci/config.yml', circle);
		write('mixed/laughs/.circleci/config.yml', `version: 2.1\n${billionLaughs('jobs: *i')}`);
		write('mixed/deep/.gitlab-ci.yml', nesting.flow('test'));
		write('mixed/deep-workflow/.github/workflows/ci.yml', `on: push\n${nesting['block list']('jobs')}`);
		write('mixed/meta/pipeline.yml', billionLaughs('title: *i'));
		write('mixed/meta/.gitlab-ci.yml', gitlab);
		const pipelines = await readPipelines(dir, 'pipelines/');
		const [good] = await readPipelines(alone, 'pipelines/');
		expect(pipelines.map((p) => p.id)).toEqual(['deep', 'deep-workflow', 'good', 'laughs', 'meta']);
		expect(pipelines.find((p) => p.id === 'good')).toEqual(good);
		const codes = (p: Pipeline | undefined) => p!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
		expect(codes(pipelines.find((p) => p.id === 'laughs'))).toEqual(['yaml-alias-limit']);
		expect(codes(pipelines.find((p) => p.id === 'deep'))).toEqual(['yaml-too-deep']);
		expect(codes(pipelines.find((p) => p.id === 'deep-workflow'))).toEqual(['yaml-too-deep']);
		expect(codes(pipelines.find((p) => p.id === 'meta'))).toEqual(['yaml-alias-limit']);
		expect(pipelines.find((p) => p.id === 'meta')!.jobs.map((j) => j.id)).toEqual(['test']);
		rmSync(dir, { recursive: true, force: true });
		rmSync(alone, { recursive: true, force: true });
	});
});

describe('logs over the size limit', () => {
	const stamp = (n: number) => `2024-01-01T00:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.0000000Z`;

	/** A GitHub job log of `size` bytes: the same block of lines over and over, then the failure. */
	function writeLog(path: string, size: number, ending: string): string {
		const full = write(path, '');
		const block = Array.from({ length: 1000 }, (_, i) => `${stamp(i)} building module ${i} of the monorepo, nothing to see`).join('\n') + '\n';
		const buffer = Buffer.from(block.repeat(Math.ceil(MB / block.length)));
		const fd = openSync(full, 'w');
		try {
			let written = 0;
			while (written + buffer.length + ending.length < size) written += writeSync(fd, buffer);
			writeSync(fd, ending);
		} finally {
			closeSync(fd);
		}
		return full;
	}

	it('a 200 MB log: only its end is read, with a visible marker and a located warning, in bounded memory', async () => {
		const dir = join(root, 'runs-big');
		write('runs-big/web/.github/workflows/ci.yml', workflow);
		const ending = `${stamp(1)} ##[group]Run make\n${stamp(2)} make: *** [test] Error 2\n${stamp(3)} ##[error]Process completed with exit code 2.\n${stamp(4)} the very last line\n`;
		writeLog('runs-big/web/runs/github-1/build.txt', 200 * MB, ending);
		const before = process.memoryUsage().rss;
		const runs = await readRuns(dir, await readPipelines(dir, 'pipelines/'), 'pipelines/');
		const growth = process.memoryUsage().rss - before;
		expect(runs).toHaveLength(1);
		const run = runs[0]!;
		expect(run.format).toBe('github-log');
		expect(run.status).toBe('failed');
		const lines = run.steps.flatMap((s) => s.lines);
		expect(run.steps[0]!.lines[0]).toBe(`[log truncated: showed the last ${megabytes(MAX_LOG_BYTES).replace(' MB', '')} of 200 MB]`);
		expect(lines.at(-1)).toBe('the very last line');
		expect(lines.length).toBeLessThan(200_000);
		const warning = run.diagnostics.find((d) => d.code === 'run-truncated')!;
		expect(warning.location).toEqual({ file: 'pipelines/web/runs/github-1/build.txt', line: 1, column: 1 });
		expect(warning.message).toContain(`${megabytes(MAX_LOG_BYTES)} limit`);
		// Reading the whole file would take 200 MB at least; the end is 8 MB, parsed several times over.
		expect(growth).toBeLessThan(150 * MB);
		rmSync(dir, { recursive: true, force: true });
	});

	it('a 200 MB JSON file cannot be cut: it is left out with its size and the limit, the rest of the run is read', async () => {
		const dir = join(root, 'runs-json');
		write('runs-json/web/.github/workflows/ci.yml', workflow);
		const json = write('runs-json/web/runs/github-2/jobs.json', '{"jobs": [');
		truncateSync(json, 200 * MB);
		write('runs-json/web/runs/github-2/build.txt', `${stamp(1)} ##[group]Run make\n${stamp(2)} ok\n`);
		const runs = await readRuns(dir, await readPipelines(dir, 'pipelines/'), 'pipelines/');
		expect(runs.map((r) => r.format)).toEqual(['github-log']);
		const warning = runs[0]!.diagnostics.find((d) => d.code === 'run-too-large')!;
		expect(warning.location).toEqual({ file: 'pipelines/web/runs/github-2/jobs.json', line: 1, column: 1 });
		expect(warning.message).toContain('200 MB');
		expect(warning.message).toContain(megabytes(MAX_LOG_BYTES));
		rmSync(dir, { recursive: true, force: true });
	});

	it('the marker line goes first without changing the format read or shifting folds and flagged lines off their lines', () => {
		const text = [`${stamp(1)} ##[group]Run make`, `${stamp(2)} ##[group]Inner`, `${stamp(3)} inside`, `${stamp(4)} ##[endgroup]`, `${stamp(5)} ##[error]boom`].join('\n');
		const bytes = new TextEncoder().encode(text);
		const plain = parseRunFolder([{ path: 'job.txt', bytes }]).runs[0]!;
		const cut = parseRunFolder([{ path: 'job.txt', bytes, truncated: '[log truncated: showed the last 8 of 200 MB]' }]).runs[0]!;
		expect(cut.format).toBe(plain.format);
		const [first, plainFirst] = [cut.steps![0]!, plain.steps![0]!];
		expect(first.lines).toEqual(['[log truncated: showed the last 8 of 200 MB]', ...plainFirst.lines!]);
		expect(first.sections!.map((s) => first.lines!.slice(s.start, s.end))).toEqual(plainFirst.sections!.map((s) => plainFirst.lines!.slice(s.start, s.end)));
		expect(first.marks!.map((m) => first.lines![m.line])).toEqual(plainFirst.marks!.map((m) => plainFirst.lines![m.line]));
		expect(plainFirst.marks!.length).toBeGreaterThan(0);
	});
});
