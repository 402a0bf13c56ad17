import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRun, RunFormat } from '../../src/model';
import { parseRunFolder } from '../../src/runs/parse';
import { corpus, corpusAvailable, expectValid, names, step } from './helpers';

interface Entry {
	/** Where the corpus keeps it. */
	file: string;
	/** Where it lived in its repository: the name a run folder would give it. */
	original: string;
}

function entries(): Entry[] {
	if (!corpusAvailable) return [];
	return readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('logs/'))
		.map((line) => line.split('\t'))
		.map(([, file, , original]) => ({ file: file!, original: original! }));
}

function parseEntry(entry: Entry) {
	return parseRunFolder([{ path: entry.original, bytes: readFileSync(join(corpus, entry.file)) }]);
}

function only(file: string): ParsedRun {
	const entry = entries().find((e) => e.file.endsWith(file));
	if (!entry) throw new Error(`no corpus log ${file}`);
	const { runs } = parseEntry(entry);
	expect(runs).toHaveLength(1);
	return runs[0]!;
}

/** The format each corpus folder's logs must come out as, unless named otherwise below. */
const FOLDER_FORMAT: Record<string, RunFormat> = {
	circleci: 'circleci-api',
	'github-actions': 'github-log',
	'github-actions-gh-cli': 'github-cli',
	gitlab: 'gitlab-trace',
	buildkite: 'text',
	travis: 'text',
};
const FILE_FORMAT: Record<string, RunFormat> = {
	'4_Build with Maven.txt': 'github-archive',
	'system.txt': 'github-archive',
	'run_log.zip': 'github-archive',
};

describe.skipIf(!corpusAvailable)(`the log corpus (${corpusAvailable ? corpus : 'needs ../shared/corpus beside the repository'})`, () => {
	it('reads every log into runs of steps, in the format its folder says, valid for the site', () => {
		const list = entries();
		expect(list.length).toBeGreaterThanOrEqual(20);
		for (const entry of list) {
			const folder = entry.file.split('/')[1]!;
			const expected = FILE_FORMAT[entry.original.split('/').at(-1)!] ?? FOLDER_FORMAT[folder];
			const { runs } = parseEntry(entry);
			expect(runs.length, entry.file).toBeGreaterThanOrEqual(1);
			for (const run of runs) {
				expect(run.steps?.length, entry.file).toBeGreaterThanOrEqual(1);
				expect(run.format, entry.file).toBe(expected);
				expectValid(run);
				for (const s of run.steps ?? []) {
					const count = s.lines?.length ?? 0;
					for (const section of s.sections ?? []) {
						expect(section.start, `${entry.file}: ${s.name}`).toBeLessThanOrEqual(section.end);
						expect(section.end, `${entry.file}: ${s.name}`).toBeLessThanOrEqual(count);
					}
					for (const mark of s.marks ?? []) expect(mark.line, `${entry.file}: ${s.name}`).toBeLessThan(count);
					// No erase codes, cursor moves or stray control characters reach the page; SGR codes may.
					for (const line of s.lines ?? []) expect(line.replace(/\x1b\[[0-9;:]*m/g, ''), entry.file).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
				}
			}
		}
	});

	it('parses the largest log (725 KB, 6,822 lines) in well under a second', () => {
		const entry = entries().find((e) => e.file.endsWith('murphsicles__zip__0_build.txt'))!;
		const bytes = readFileSync(join(corpus, entry.file));
		expect(bytes.length).toBeGreaterThan(700_000);
		parseRunFolder([{ path: entry.original, bytes }]);
		const started = performance.now();
		const { runs } = parseRunFolder([{ path: entry.original, bytes }]);
		const elapsed = performance.now() - started;
		console.log(`largest corpus log: ${bytes.length} bytes parsed in ${elapsed.toFixed(1)} ms`);
		expect(elapsed).toBeLessThan(500);
		expect(runs[0]!.steps!.reduce((n, s) => n + (s.lines?.length ?? 0), 0)).toBeGreaterThan(6700);
	});

	it('splits a failed GitHub job log into its steps, with the failing step and its exit code', () => {
		const run = only('qubitquilt__simple-scavenger-hunt__1_build.txt');
		expect(run.job).toBe('build');
		expect(run.status).toBe('failed');
		expect(run.executor).toBe('ubuntu-24.04');
		expect(names(run)).toEqual(['Set up job', 'Run actions/checkout@v4', 'Run actions/setup-node@v4', 'Run npm ci', 'Run npm run build', 'Post job cleanup', 'Complete job']);
		const build = step(run, 'Run npm run build');
		expect(build).toMatchObject({ status: 'failed', exitCode: 1, command: 'npm run build', startedAt: '2025-10-12T01:28:56.035Z' });
		// Until "Post job cleanup." at 01:29:13.396.
		expect(build.durationMs).toBe(17361);
		expect(build.lines!.at(-1)).toBe('Process completed with exit code 1.');
		expect(build.marks!.at(-1)).toEqual({ line: build.lines!.length - 1, level: 'error' });
		expect(step(run, 'Set up job').builtin).toBe('set-up-job');
		expect(step(run, 'Complete job').builtin).toBe('complete-job');
		expect(run.steps!.filter((s) => s.status === 'success')).toHaveLength(6);
	});

	it('names the steps of a log written with step debugging, skipped ones included', () => {
		const run = only('github__dev__0_build.txt');
		expect(names(run)).toEqual([
			'Set up job',
			'Run actions/checkout@v3',
			'Set up Node.js',
			'npm install, build, and test',
			'Upload artifact for deployment job',
			'Post Set up Node.js',
			'Post Run actions/checkout@v3',
			'Complete job',
		]);
		expect(run.steps!.map((s) => s.status)).toEqual(['success', 'success', 'failed', 'skipped', 'skipped', 'skipped', 'success', 'success']);
		expect(step(run, 'Set up Node.js').exitCode).toBe(1);
		// The echoed `::group::` is a line; the `##[group]` after it is the fold.
		const checkout = step(run, 'Run actions/checkout@v3');
		const titles = checkout.sections!.map((s) => s.title);
		expect(titles.filter((t) => t === 'Getting Git version info')).toHaveLength(1);
	});

	it('reads gh run view --log output where every step is UNKNOWN STEP like a raw log', () => {
		const run = only('Emasoft__dht__src__logs__15840453691.log');
		expect(run.job).toBe('lint');
		expect(run.steps![0]!.name).toBe('Set up job');
		expect(run.steps!.find((s) => s.status === 'failed')).toMatchObject({ name: 'Run source .venv/bin/activate', exitCode: 1 });
	});

	it('keeps emoji job names of gh --log-failed output, one run per job', () => {
		const entry = entries().find((e) => e.file.endsWith('ThanhNguyxn__vietflux-ime__ci_failure.log'))!;
		const { runs } = parseEntry(entry);
		expect(runs.map((r) => r.job)).toEqual(['📊 Coverage', '🧪 Test (windows-latest)', '🧪 Test (macos-latest)', '🔍 Lint', '🧪 Test (ubuntu-latest)']);
		expect(runs.every((r) => r.status === 'failed')).toBe(true);
		expect(step(runs[2], 'Run tests').exitCode).toBe(101);
	});

	it('unpacks the GitHub log archive zip into its jobs and their steps', () => {
		const entry = entries().find((e) => e.file.endsWith('run_log.zip'))!;
		const { runs, problems, files } = parseEntry(entry);
		expect(problems).toEqual([]);
		expect(runs.map((r) => r.job)).toEqual([
			'Emoji Test 😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅😅',
			'ad job',
			'cool job',
			'cool job  with colon',
			'cool job  with slash',
			'sad job',
			'thisisnineteenchars_thisisnineteenchars_thisisnineteenchars_thisisnineteenchars_thisisnine',
		]);
		expect(names(runs[5])).toEqual(['barf the quux', 'quux the barf']);
		expect(runs[5]!.steps![1]!.lines).toEqual(['log line 1', 'log line 2', 'log line 3']);
		expect(files[0]).toEqual([entry.original]);
	});

	it('reads a GitLab trace into its stages, with the script commands marked and the exit code', () => {
		const run = only('ascovale__greedys-api__deploy.txt');
		expect(run).toMatchObject({ status: 'failed', executor: 'docker+machine', resourceClass: 'saas-linux-small', commit: '3edf2ca4', branch: 'main' });
		expect(run.steps!.map((s) => s.builtin ?? null)).toEqual(['prepare-executor', 'environment', 'get-sources', 'restore-cache', null, 'cleanup', 'complete-job']);
		const script = step(run, 'Executing "step_script" stage of the job script');
		expect(script).toMatchObject({ status: 'failed', exitCode: 255, startedAt: '2025-10-24T14:42:17.000Z', durationMs: 4000 });
		expect(script.marks!.filter((m) => m.level === 'command')).toHaveLength(8);
		expect(script.command!.split('\n')[0]).toBe('apk add --no-cache openssh-client openssh-keygen');
		// The runner's preamble belongs to preparing the executor.
		expect(visible(run.steps![0]!.lines![0]!)).toBe('Running with gitlab-runner 18.4.0~pre.195.g5de42c65 (5de42c65)');
	});

	it('reads an old GitLab trace saved with bare carriage returns', () => {
		const run = only('Warshavski__booky-api__spec__fixtures__trace__trace_with_sections');
		expect(run.status).toBe('success');
		expect(names(run)).toEqual(['Prepare executor', 'Prepare script', 'Get sources', 'Restore cache', 'Download artifacts', 'Build script', 'After script', 'Archive cache', 'Upload artifacts', 'Job succeeded']);
		expect(step(run, 'Build script').lines!.map(visible)).toEqual(['$ whoami', 'root']);
		expect(step(run, 'Get sources').durationMs).toBe(1000);
	});

	it('reads the CircleCI v1.1 build JSON', () => {
		const run = only('mock_get_build_info_response');
		expect(run).toMatchObject({ provider: 'circleci', number: 1, status: 'failed', branch: 'master', commit: '852a5da11d9a21cb9d272f638f51a64cd2bf2998', author: 'ccie-tester', message: 'Update circle.yml', url: 'https://ccie-preview.sphereci.com/gh/ccie-tester/testing/1' });
		expect(run.steps).toHaveLength(6);
		expect(step(run, 'Start container')).toMatchObject({ index: 2, status: 'success', exitCode: 0, durationMs: 11480, startedAt: '2017-10-23T02:41:54.745Z', builtin: 'spin-up' });
	});

	it('turns Travis folds into sections and reads the build result', () => {
		const run = only('wryyyyyyyy__pages_template__docs___site__log.txt');
		const [only_] = run.steps!;
		expect(run.status).toBe('success');
		expect(only_!.sections![0]).toEqual({ title: 'Worker information', start: 0, end: 5, collapsed: true });
		expect(only_!.lines!.some((line) => /travis_(?:fold|time):/.test(line))).toBe(false);
	});

	it('turns Buildkite headers into sections and reads its timestamps', () => {
		const run = only('buildkite__terminal-to-html__fixtures__pwsh.sh.raw');
		expect(run.steps![0]!.sections!.map((s) => s.title)).toEqual(['Running global environment hook', 'Preparing working directory', 'Running commands', 'Running global post-command hook']);
		expect(run.startedAt).toBe('2024-09-10T23:49:36.445Z');
	});
});

function visible(line: string): string {
	return line.replace(/\x1b\[[0-9;:]*m/g, '');
}
