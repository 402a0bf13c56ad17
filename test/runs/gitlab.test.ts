import { describe, expect, it } from 'vitest';
import { parseRunFolder } from '../../src/runs/parse';
import { expectValid, file, names, step } from './helpers';

const E = '\x1b';
const start = (ts: number, name: string, options = '') => `section_start:${ts}:${name}${options}\r${E}[0K`;
const end = (ts: number, name: string) => `section_end:${ts}:${name}\r${E}[0K`;
const header = (text: string) => `${E}[0K${E}[36;1m${text}${E}[0;m`;

/** A job trace as GitLab Runner 17 writes it. */
function trace(outcome: string): string {
	return [
		`${E}[0KRunning with gitlab-runner 17.5.0 (abcdef12)${E}[0;m`,
		`${E}[0K  on green-2.saas-linux-medium-amd64.runners-manager.gitlab.com/default x, system ID: s_1${E}[0;m`,
		`${start(1700000000, 'prepare_executor')}${header('Preparing the "docker+machine" executor')}`,
		`${E}[0KUsing Docker executor with image node:20 ...${E}[0;m`,
		`${end(1700000010, 'prepare_executor')}${start(1700000010, 'get_sources')}${header('Getting source from Git repository')}`,
		`${E}[32;1mChecking out 0123abcd as detached HEAD (ref is main)...${E}[0;m`,
		`${end(1700000012, 'get_sources')}${start(1700000012, 'step_script')}${header('Executing "step_script" stage of the job script')}`,
		`${E}[32;1m$ npm ci${E}[0;m`,
		`added 10 packages`,
		`${start(1700000015, 'tests', '[collapsed=true]')}Running the tests`,
		`${E}[32;1m$ npm test${E}[0;m`,
		`Downloading 10%\rDownloading 60%\rDownloading 100%`,
		`${end(1700000020, 'tests')}${end(1700000021, 'step_script')}${start(1700000021, 'after_script')}${header('Running after_script')}`,
		`${E}[32;1m$ echo bye${E}[0;m`,
		`bye`,
		`${end(1700000022, 'after_script')}${start(1700000022, 'upload_artifacts_on_failure')}${header('Uploading artifacts for failed job')}`,
		`${end(1700000023, 'upload_artifacts_on_failure')}${start(1700000023, 'cleanup_file_variables')}${header('Cleaning up project directory and file based variables')}`,
		`${end(1700000024, 'cleanup_file_variables')}`,
		outcome,
		'',
	].join('\n');
}

describe('GitLab job traces', () => {
	it('makes a step of each top-level section, named by its header, with its built-in stage', () => {
		const { runs, problems } = parseRunFolder([file('test.log', trace(`${E}[31;1mERROR: Job failed: exit code 3${E}[0;m`))]);
		expect(problems).toEqual([]);
		const run = runs[0]!;
		expectValid(run);
		expect(run).toMatchObject({ provider: 'gitlab', format: 'gitlab-trace', job: 'test', status: 'failed', executor: 'docker+machine', resourceClass: 'saas-linux-medium-amd64', commit: '0123abcd', branch: 'main' });
		expect(names(run)).toEqual([
			'Preparing the "docker+machine" executor',
			'Getting source from Git repository',
			'Executing "step_script" stage of the job script',
			'Running after_script',
			'Uploading artifacts for failed job',
			'Cleaning up project directory and file based variables',
			'Job failed',
		]);
		expect(run.steps!.map((s) => s.builtin ?? null)).toEqual(['prepare-executor', 'get-sources', null, null, 'upload-artifacts', 'cleanup', 'complete-job']);
		// The runner's preamble opens the executor's step.
		expect(run.steps![0]!.lines!.slice(0, 2).map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(['Running with gitlab-runner 17.5.0 (abcdef12)', '  on green-2.saas-linux-medium-amd64.runners-manager.gitlab.com/default x, system ID: s_1']);
	});

	it('gives the script step the exit code and the failure; the stages GitLab runs anyway succeed', () => {
		const run = parseRunFolder([file('test.log', trace(`${E}[31;1mERROR: Job failed: exit code 3${E}[0;m`))]).runs[0]!;
		expect(run.steps!.map((s) => s.status)).toEqual(['success', 'success', 'failed', 'success', 'success', 'success', 'success']);
		expect(step(run, 'Executing "step_script" stage of the job script').exitCode).toBe(3);
		expect(run.steps!.filter((s) => s.exitCode !== undefined)).toHaveLength(1);
	});

	it('times steps from the section markers', () => {
		const run = parseRunFolder([file('test.log', trace('Job succeeded'))]).runs[0]!;
		expect(run.status).toBe('success');
		expect(run.startedAt).toBe(new Date(1700000000_000).toISOString());
		expect(run.durationMs).toBe(24_000);
		expect(run.steps!.slice(0, 3).map((s) => [s.startedAt, s.durationMs])).toEqual([
			[new Date(1700000000_000).toISOString(), 10_000],
			[new Date(1700000010_000).toISOString(), 2000],
			[new Date(1700000012_000).toISOString(), 9000],
		]);
	});

	it('keeps nested sections as folds of their step, marks `$ ` commands and collapses redraws', () => {
		const script = step(parseRunFolder([file('test.log', trace('Job succeeded'))]).runs[0], 'Executing "step_script" stage of the job script');
		expect(script.lines).toEqual([
			`${E}[36;1mExecuting "step_script" stage of the job script${E}[0;m`,
			`${E}[32;1m$ npm ci${E}[0;m`,
			'added 10 packages',
			'Running the tests',
			`${E}[32;1m$ npm test${E}[0;m`,
			'Downloading 100%',
		]);
		expect(script.sections).toEqual([{ title: 'Running the tests', start: 3, end: 6, collapsed: true }]);
		expect(script.marks).toEqual([
			{ line: 1, level: 'command' },
			{ line: 4, level: 'command' },
		]);
		expect(script.command).toBe('npm ci\nnpm test');
	});

	it('reads per-line timestamps (FF_TIMESTAMPS), joining continued lines', () => {
		const text = [
			'2024-05-01T10:00:00.000000Z 00O Running with gitlab-runner 17.1.0 (x)',
			`2024-05-01T10:00:01.250000Z 00O ${start(1714557601, 'step_script')}${header('Executing "step_script" stage of the job script')}`,
			`2024-05-01T10:00:02.000000Z 01O ${E}[32;1m$ make${E}[0;m`,
			'2024-05-01T10:00:03.000000Z 01E half a ',
			'2024-05-01T10:00:03.500000Z 01E+line',
			`2024-05-01T10:00:04.750000Z 00O ${end(1714557604, 'step_script')}`,
			'2024-05-01T10:00:05.000000Z 00O Job succeeded',
		].join('\n');
		const { runs } = parseRunFolder([file('make.txt', text)]);
		const run = runs[0]!;
		expect(run.format).toBe('gitlab-trace');
		const script = step(run, 'Executing "step_script" stage of the job script');
		expect(script.lines!.slice(1)).toEqual([`${E}[32;1m$ make${E}[0;m`, 'half a line']);
		expect(script).toMatchObject({ startedAt: '2024-05-01T10:00:01.250Z', durationMs: 3500 });
		expect(run.steps![0]!.lines).toEqual(['Running with gitlab-runner 17.1.0 (x)']);
	});

	it('reads timeouts and cancels', () => {
		const timedOut = parseRunFolder([file('t.log', trace('ERROR: Job failed: execution took longer than 1h0m0s seconds'))]).runs[0]!;
		expect(timedOut.status).toBe('timedout');
		expect(step(timedOut, 'Executing "step_script" stage of the job script').status).toBe('timedout');
		expect(parseRunFolder([file('c.log', trace('ERROR: Job failed: canceled'))]).runs[0]!.status).toBe('cancelled');
		expect(parseRunFolder([file('u.log', trace(''))]).runs[0]!.status).toBe('unknown');
	});

	it('marks the cache the runner saves after the script as its save-cache stage', () => {
		const text = [
			`${start(1700000000, 'step_script')}${header('Executing "step_script" stage of the job script')}`,
			`${E}[32;1m$ make${E}[0;m`,
			`${end(1700000005, 'step_script')}${start(1700000005, 'archive_cache')}${header('Saving cache for successful job')}`,
			`${E}[32;1mCreating cache go-sum-1-protected...${E}[0;m`,
			`${end(1700000007, 'archive_cache')}`,
			`${E}[32;1mJob succeeded${E}[0;m`,
			'',
		].join('\n');
		const run = parseRunFolder([file('build.log', text)]).runs[0]!;
		expect(step(run, 'Saving cache for successful job')).toMatchObject({ builtin: 'save-cache', status: 'success' });
	});
});
