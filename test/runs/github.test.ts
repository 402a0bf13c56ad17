import { describe, expect, it } from 'vitest';
import { unzipRunArchive } from '../../src/runs/archive';
import { parseRunFolder } from '../../src/runs/parse';
import { expectValid, file, gh, names, step, zip } from './helpers';

/** A small job log as the runner writes it: Set up job, two `run` steps (the second fails), a post step, Complete job. */
function jobLog(options: { bom?: boolean; crlf?: boolean } = {}): string {
	const lines = [
		gh(0, "Current runner version: '2.328.0'"),
		gh(0, 'Requested labels: ubuntu-latest'),
		gh(0.5, '##[group]Runner Image'),
		gh(0.5, 'Image: ubuntu-24.04'),
		gh(0.5, '##[endgroup]'),
		gh(1, 'Complete job name: test (20)'),
		gh(2, '##[group]Run npm ci'),
		gh(2, '\x1b[36;1mnpm ci\x1b[0m'),
		gh(2, 'shell: /usr/bin/bash -e {0}'),
		gh(2, '##[endgroup]'),
		gh(3, 'added 10 packages'),
		gh(3, '##[warning]deprecated thing'),
		gh(12, '##[group]Run npm test'),
		gh(12, '\x1b[36;1mnpm run lint\x1b[0m'),
		gh(12, '\x1b[36;1mnpm test\x1b[0m'),
		gh(12, '##[endgroup]'),
		gh(13, 'FAIL src/a.test.ts'),
		'  continuation without a timestamp',
		gh(14, '##[error]Process completed with exit code 2.'),
		gh(15, 'Post job cleanup.'),
		gh(15.5, '[command]/usr/bin/git version'),
		gh(16, 'Cleaning up orphan processes'),
	];
	const text = lines.join(options.crlf ? '\r\n' : '\n') + (options.crlf ? '\r\n' : '\n');
	return (options.bom ? '\uFEFF' : '') + text;
}

describe('GitHub Actions job logs', () => {
	it('splits steps at "Run" groups, post steps and Complete job, with the preamble as Set up job', () => {
		const { runs, problems } = parseRunFolder([file('0_test (20).txt', jobLog())]);
		expect(problems).toEqual([]);
		expect(runs).toHaveLength(1);
		const [run] = runs;
		expectValid(run!);
		expect(run).toMatchObject({ provider: 'github-actions', format: 'github-log', job: 'test (20)', status: 'failed', executor: 'ubuntu-latest' });
		expect(names(run)).toEqual(['Set up job', 'Run npm ci', 'Run npm test', 'Post job cleanup', 'Complete job']);
		expect(run!.steps!.map((s) => s.builtin ?? null)).toEqual(['set-up-job', null, null, 'post-job', 'complete-job']);
		expect(run!.steps!.map((s) => s.status)).toEqual(['success', 'success', 'failed', 'success', 'success']);
		expect(run!.steps!.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
	});

	it('times steps from their first timestamp to the next step’s', () => {
		const run = parseRunFolder([file('job.txt', jobLog())]).runs[0]!;
		expect(run.startedAt).toBe('2024-01-01T00:00:00.000Z');
		expect(run.durationMs).toBe(16_000);
		expect(step(run, 'Set up job')).toMatchObject({ startedAt: '2024-01-01T00:00:00.000Z', durationMs: 2000 });
		expect(step(run, 'Run npm ci')).toMatchObject({ startedAt: '2024-01-01T00:00:02.000Z', durationMs: 10_000 });
		expect(step(run, 'Run npm test').durationMs).toBe(3000);
		// The last step lasts until its own last line.
		expect(step(run, 'Complete job').durationMs).toBe(0);
	});

	it('takes the exit code and the script from the log, and marks what the runner flagged', () => {
		const run = parseRunFolder([file('job.txt', jobLog())]).runs[0]!;
		const test = step(run, 'Run npm test');
		expect(test.exitCode).toBe(2);
		expect(test.command).toBe('npm run lint\nnpm test');
		expect(test.lines).toEqual(['Run npm test', '\x1b[36;1mnpm run lint\x1b[0m', '\x1b[36;1mnpm test\x1b[0m', 'FAIL src/a.test.ts', '  continuation without a timestamp', 'Process completed with exit code 2.']);
		expect(test.sections).toEqual([{ title: 'Run npm test', start: 0, end: 3, collapsed: true }]);
		expect(test.marks).toEqual([{ line: 5, level: 'error' }]);
		const ci = step(run, 'Run npm ci');
		expect(ci.marks).toEqual([{ line: 4, level: 'warning' }]);
		expect(ci.lines![4]).toBe('deprecated thing');
		expect(step(run, 'Post job cleanup').marks).toEqual([{ line: 1, level: 'command' }]);
		expect(step(run, 'Post job cleanup').lines![1]).toBe('/usr/bin/git version');
		expect(step(run, 'Set up job').sections).toEqual([{ title: 'Runner Image', start: 2, end: 4, collapsed: true }]);
		expect(step(run, 'Set up job').lines!.slice(2, 4)).toEqual(['Runner Image', 'Image: ubuntu-24.04']);
	});

	it('reads a log with a BOM and CRLF line ends the same', () => {
		const plain = parseRunFolder([file('job.txt', jobLog())]).runs[0]!;
		const windows = parseRunFolder([file('job.txt', jobLog({ bom: true, crlf: true }))]).runs[0]!;
		expect(windows).toEqual(plain);
	});

	it('reads a failing action (an error without "Process completed") as the failed step when the job stopped there', () => {
		const log = [
			gh(0, 'Complete job name: build'),
			gh(1, '##[group]Run actions/setup-node@v4'),
			gh(1, '##[endgroup]'),
			gh(2, '##[error]Dependencies lock file is not found'),
			gh(3, '##[group]Run echo hi'),
			gh(3, '##[endgroup]'),
			gh(3, '##[error]annotation only'),
			gh(3, 'hi'),
			gh(4, '##[group]Run actions/cache@v4'),
			gh(4, '##[endgroup]'),
			gh(5, '##[error]cache service down'),
			gh(6, 'Post job cleanup.'),
			gh(7, 'Cleaning up orphan processes'),
		].join('\n');
		const run = parseRunFolder([file('build.txt', log)]).runs[0]!;
		expect(run.steps!.map((s) => s.status)).toEqual(['success', 'success', 'success', 'failed', 'success', 'success']);
		expect(step(run, 'Run actions/cache@v4').exitCode).toBeUndefined();
	});

	it('reads an error line of a `run` step that printed no exit code as an annotation, not a failure', () => {
		// `::error::` or a problem matcher (setup-node's for tsc and eslint) in the job's last step, which exited 0.
		const log = [
			gh(0, 'Complete job name: lint'),
			gh(1, '##[group]Run npx eslint . || true'),
			gh(1, '\x1b[36;1mnpx eslint . || true\x1b[0m'),
			gh(1, 'shell: /usr/bin/bash -e {0}'),
			gh(1, '##[endgroup]'),
			gh(2, '##[error]src/a.ts: Missing semicolon'),
			gh(3, 'Cleaning up orphan processes'),
		].join('\n');
		const run = parseRunFolder([file('lint.txt', log)]).runs[0]!;
		expect(step(run, 'Run npx eslint . || true').status).toBe('success');
		expect(run.status).toBe('success');
		// The same error line from an action, which prints no exit code when it fails: failed.
		const action = log.replace(/Run npx eslint \. \|\| true/g, 'Run actions/setup-node@v4').replace(/.*\x1b\[36;1m.*\n/, '');
		expect(parseRunFolder([file('lint.txt', action)]).runs[0]!.status).toBe('failed');
	});

	it('tells a step stopped by its own timeout-minutes from one the job’s limit stopped', () => {
		const soak = (error: string, after: string[] = []) =>
			[gh(0, 'Complete job name: soak'), gh(1, '##[group]Run ./soak.sh'), gh(1, '\x1b[36;1m./soak.sh\x1b[0m'), gh(1, '##[endgroup]'), gh(300, `##[error]${error}`), ...after, gh(302, 'Cleaning up orphan processes')].join('\n');
		// `timeout-minutes` on the step, with `continue-on-error`: the job went on to the next step.
		const next = [gh(301, '##[group]Run echo done'), gh(301, '\x1b[36;1mecho done\x1b[0m'), gh(301, '##[endgroup]'), gh(301, 'done')];
		// Today's runner names the step and its limit; older ones said only that it timed out.
		for (const said of ["The action 'Run ./soak.sh' has timed out after 5 minutes.", 'The action has timed out.']) {
			const own = parseRunFolder([file('soak.txt', soak(said, next))]).runs[0]!;
			expect(step(own, 'Run ./soak.sh'), said).toMatchObject({ status: 'timedout', ownTimeout: true });
			// GitHub's runner records a step past its own limit as failed, and the job with it.
			expect(own.status).toBe('failed');
		}
		const job = parseRunFolder([file('soak.txt', soak('The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 5 minutes.'))]).runs[0]!;
		expect(step(job, 'Run ./soak.sh').status).toBe('timedout');
		expect(step(job, 'Run ./soak.sh').ownTimeout).toBeUndefined();
		expect(job.status).toBe('timedout');
	});

	it('reads a cancelled job', () => {
		const log = [gh(0, 'Complete job name: long'), gh(1, '##[group]Run sleep 999'), gh(1, '##[endgroup]'), gh(60, '##[error]The operation was canceled.'), gh(61, 'Cleaning up orphan processes')].join('\n');
		const run = parseRunFolder([file('long.txt', log)]).runs[0]!;
		expect(step(run, 'Run sleep 999').status).toBe('cancelled');
		expect(run.status).toBe('cancelled');
	});

	it('leaves the status unknown when the log stops before Complete job', () => {
		const log = [gh(0, 'Complete job name: cut'), gh(1, '##[group]Run make'), gh(1, '##[endgroup]'), gh(2, 'building')].join('\n');
		expect(parseRunFolder([file('cut.txt', log)]).runs[0]!.status).toBe('unknown');
	});

	it('handles echoed ::group:: / ::error:: workflow commands, but not twice when the runner also wrote them', () => {
		const log = [
			gh(0, 'Complete job name: echo'),
			gh(1, '##[group]Run ./script.sh'),
			gh(1, '##[endgroup]'),
			gh(2, '::group::Compile'),
			gh(2, 'compiling'),
			gh(3, '::endgroup::'),
			gh(4, '::error file=a.c,line=3::bad thing'),
			gh(5, '::group::Link'),
			gh(5, '##[group]Link'),
			gh(6, '::endgroup::'),
			gh(6, '##[endgroup]'),
		].join('\n');
		const s = parseRunFolder([file('echo.txt', log)]).runs[0]!.steps![1]!;
		expect(s.sections!.map((x) => [x.title, x.start, x.end])).toEqual([
			['Run ./script.sh', 0, 1],
			['Compile', 1, 3],
			['Link', 5, 7],
		]);
		expect(s.lines).toEqual(['Run ./script.sh', 'Compile', 'compiling', 'bad thing', '::group::Link', 'Link', '::endgroup::']);
		expect(s.marks).toEqual([{ line: 3, level: 'error' }]);
	});
});

describe('the GitHub Actions logs archive', () => {
	const setUp = [gh(0, "Current runner version: '2.328.0'"), gh(0, 'Complete job name: build (ubuntu)'), ''].join('\n');
	const checkout = [gh(1, '##[group]Run actions/checkout@v4'), gh(1, 'with:'), gh(1, '##[endgroup]'), gh(2, 'Syncing repository')].join('\n');
	const make = [gh(3, '##[group]Run make'), gh(3, '##[endgroup]'), gh(9, '##[error]Process completed with exit code 2.')].join('\n');
	const complete = gh(10, 'Cleaning up orphan processes');
	const system = [gh(-5, 'Requested labels: ubuntu-latest'), gh(-5, 'Job defined at: o/r/.github/workflows/ci.yml@refs/heads/main'), gh(-1, 'Job is about to start running on the hosted runner: GitHub Actions 2')].join('\n');

	it('prefers per-step files, names steps from their files (restoring the `/` GitHub drops), and adds system.txt to Set up job', () => {
		const { runs, problems, files } = parseRunFolder([
			zip('logs_42.zip', {
				'0_build (ubuntu).txt': [setUp, checkout, make, complete].join('\n'),
				'build (ubuntu)/1_Set up job.txt': setUp,
				'build (ubuntu)/2_Run actionscheckout@v4.txt': checkout,
				'build (ubuntu)/3_Build it.txt': make,
				'build (ubuntu)/5_Complete job.txt': complete,
				'build (ubuntu)/system.txt': system,
			}),
		]);
		expect(problems).toEqual([]);
		expect(runs).toHaveLength(1);
		const run = runs[0]!;
		expectValid(run);
		expect(run).toMatchObject({ format: 'github-archive', job: 'build (ubuntu)', status: 'failed', executor: 'ubuntu-latest' });
		expect(names(run)).toEqual(['Set up job', 'Run actions/checkout@v4', 'Build it', 'Complete job']);
		expect(run.steps!.map((s) => s.index)).toEqual([1, 2, 3, 5]);
		expect(step(run, 'Build it')).toMatchObject({ status: 'failed', exitCode: 2, durationMs: 7000 });
		expect(step(run, 'Set up job').lines![0]).toBe('Requested labels: ubuntu-latest');
		expect(step(run, 'Set up job').startedAt).toBe('2023-12-31T23:59:55.000Z');
		expect(files).toEqual([['logs_42.zip']]);
	});

	it('reads job-level files for jobs without per-step files, in their order', () => {
		const test = [gh(20, 'Complete job name: test'), gh(21, '##[group]Run npm test'), gh(21, '##[endgroup]'), gh(22, 'ok'), gh(23, 'Cleaning up orphan processes')].join('\n');
		const { runs } = parseRunFolder([
			file('10_deploy.txt', [gh(30, 'Complete job name: deploy'), gh(31, 'Cleaning up orphan processes')].join('\n')),
			file('2_test.txt', test),
			file('build/1_Set up job.txt', setUp),
			file('build/2_Run make.txt', make),
			file('1_build.txt', [setUp, make].join('\n')),
		]);
		expect(runs.map((r) => [r.job, r.format])).toEqual([
			['build (ubuntu)', 'github-archive'],
			['test', 'github-archive'],
			['deploy', 'github-archive'],
		]);
		expect(runs[1]!.status).toBe('success');
	});

	it('reads today’s archive layout: a log per job, with its system.txt as the start of Set up job', () => {
		const { runs, files } = parseRunFolder([zip('logs.zip', { '0_build (ubuntu).txt': [setUp, checkout, make, complete].join('\n'), 'build (ubuntu)/system.txt': system })]);
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ format: 'github-archive', job: 'build (ubuntu)', status: 'failed', startedAt: '2023-12-31T23:59:55.000Z' });
		expect(names(runs[0])).toEqual(['Set up job', 'Run actions/checkout@v4', 'Run make', 'Complete job']);
		expect(step(runs[0], 'Set up job').lines!.slice(0, 4)).toEqual(['Requested labels: ubuntu-latest', 'Job defined at: o/r/.github/workflows/ci.yml@refs/heads/main', 'Job is about to start running on the hosted runner: GitHub Actions 2', "Current runner version: '2.328.0'"]);
		expect(files).toEqual([['logs.zip']]);
	});

	it('over the limits, the zip is a problem and nothing is read from it', () => {
		const entries: Record<string, string> = {};
		for (let i = 0; i < 2001; i++) entries[`job/${i + 1}_step.txt`] = 'x';
		const { runs, problems } = parseRunFolder([zip('logs.zip', entries)]);
		expect(runs).toEqual([]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'logs.zip' });
		expect(problems[0]!.message).toContain('2,001 files');
	});

	it('counts the unpacked size, not the compressed one', () => {
		// 5,000 repeated bytes compress to a few dozen.
		const big = zip('logs.zip', { 'job/1_step.txt': 'a'.repeat(5000) });
		expect(big.bytes.length).toBeLessThan(1000);
		const { entries, problems } = unzipRunArchive('runs/logs.zip', big.bytes, { maxBytes: 1000, maxEntries: 10 });
		expect(entries).toEqual([]);
		expect(problems[0]!.message).toBe('The zip is too large to read (1 file, 4.9 KiB unpacked; the limit is 10 files and 1,000 bytes); left out');
		const fits = unzipRunArchive('runs/logs.zip', big.bytes, { maxBytes: 5000, maxEntries: 1 });
		expect(fits.entries.map((e) => [e.path, e.bytes.length])).toEqual([['runs/job/1_step.txt', 5000]]);
	});

	it('a damaged zip is a problem', () => {
		const good = zip('logs.zip', { 'job/1_step.txt': 'hello' });
		const { runs, problems } = parseRunFolder([{ path: 'logs.zip', bytes: good.bytes.slice(0, good.bytes.length - 30) }]);
		expect(runs).toEqual([]);
		expect(problems[0]!.message).toMatch(/^Could not read the zip/);
	});
});

describe('gh run view --log output', () => {
	it('groups lines by job and step, stripping BOMs after the columns', () => {
		const lines = [
			`build\tSet up job\t\uFEFF${gh(0, "Current runner version: '2.3'")}`,
			`build\tRun tests\t${gh(1, '##[group]Run npm test')}`,
			`build\tRun tests\t${gh(1, '##[endgroup]')}`,
			`build\tRun tests\t${gh(5, '##[error]Process completed with exit code 1.')}`,
			`📦 Lint\tUNKNOWN STEP\t${gh(0, '##[group]Run eslint .')}`,
			`📦 Lint\tUNKNOWN STEP\t${gh(0, '##[endgroup]')}`,
			`📦 Lint\tUNKNOWN STEP\t${gh(2, 'Post job cleanup.')}`,
			`📦 Lint\tUNKNOWN STEP\t${gh(3, 'Cleaning up orphan processes')}`,
		].join('\n');
		const { runs } = parseRunFolder([file('run.log', lines)]);
		expect(runs.map((r) => [r.job, r.format, r.status])).toEqual([
			['build', 'github-cli', 'failed'],
			['📦 Lint', 'github-cli', 'success'],
		]);
		expect(names(runs[0])).toEqual(['Set up job', 'Run tests']);
		expect(step(runs[0], 'Set up job').lines).toEqual(["Current runner version: '2.3'"]);
		expect(step(runs[0], 'Run tests')).toMatchObject({ exitCode: 1, status: 'failed', durationMs: 4000 });
		expect(names(runs[1])).toEqual(['Run eslint .', 'Post job cleanup', 'Complete job']);
	});
});

describe('a log of very many steps', () => {
	it('reads 100,000 steps of `gh run view --log` output (looking ahead from every step for the next timestamp was quadratic: 13 minutes for 200,000)', () => {
		const text = Array.from({ length: 100_000 }, (_, i) => `build\tstep ${i % 2}\t2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.0000000Z line ${i}`).join('\n');
		const { runs } = parseRunFolder([file('run.log', text)]);
		expect(runs).toHaveLength(1);
		expect(runs[0]!.format).toBe('github-cli');
		expect(runs[0]!.steps).toHaveLength(100_000);
		expectValid(runs[0]!);
	});
});
