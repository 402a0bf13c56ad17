import { describe, expect, it } from 'vitest';
import { parseRunFolder } from '../../src/runs/parse';
import { expectValid, file } from './helpers';

const E = '\x1b';

describe('other CI logs as one step', () => {
	it('turns Travis folds into sections, drops its timing markers and reads the exit status', () => {
		const log = [
			`travis_fold:start:install\r${E}[0Ktravis_time:start:0a1b\r${E}[0K$ npm ci`,
			'added 3 packages',
			`travis_time:end:0a1b:start=1,finish=2,duration=1,event=install\r${E}[0K`,
			`travis_fold:end:install\r${E}[0K$ npm test`,
			'ok',
			'',
			`Done. Your build exited with 1.`,
		].join('\r\n');
		const { runs, problems } = parseRunFolder([file('job.log', log)]);
		expect(problems).toEqual([]);
		const run = runs[0]!;
		expectValid(run);
		expect(run).toMatchObject({ format: 'text', provider: 'unknown', job: 'job', status: 'failed' });
		const [only] = run.steps!;
		expect(only!.lines).toEqual(['$ npm ci', 'added 3 packages', '$ npm test', 'ok', '', 'Done. Your build exited with 1.']);
		expect(only!.sections).toEqual([{ title: '$ npm ci', start: 0, end: 2, collapsed: true }]);
		expect(only!.exitCode).toBe(1);
	});

	it('turns Buildkite headers into sections, `^^^ +++` opening the current one, and reads its timestamps', () => {
		const t = (ms: number) => `${E}_bk;t=${ms}${E}\\`;
		const log = [
			`${t(1700000000000)}~~~ Preparing working directory`,
			`${t(1700000000100)}$ git clone`,
			`${t(1700000001000)}--- Running tests`,
			`${t(1700000002000)}FAIL`,
			`${t(1700000003000)}^^^ +++`,
			`${t(1700000004000)}+++ Uploading`,
			`${t(1700000009000)}done`,
		].join('\n');
		const run = parseRunFolder([file('build.log', log)]).runs[0]!;
		const [only] = run.steps!;
		expect(only!.lines).toEqual(['Preparing working directory', '$ git clone', 'Running tests', 'FAIL', 'Uploading', 'done']);
		expect(only!.sections).toEqual([
			{ title: 'Preparing working directory', start: 0, end: 2, collapsed: true },
			{ title: 'Running tests', start: 2, end: 4, collapsed: false },
			{ title: 'Uploading', start: 4, end: 6, collapsed: false },
		]);
		expect(run.startedAt).toBe('2023-11-14T22:13:20.000Z');
		expect(run.durationMs).toBe(9000);
	});

	it('does not take a diff’s --- / +++ lines for Buildkite headers', () => {
		const diff = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1 @@', '-old', '+new'].join('\n');
		const run = parseRunFolder([file('diff.txt', diff)]).runs[0]!;
		expect(run.steps![0]!.sections).toEqual([]);
		expect(run.steps![0]!.lines).toHaveLength(6);
	});

	it('folds Jenkins pipeline stages and reads the result', () => {
		const log = ['Started by user admin', '[Pipeline] stage', '[Pipeline] { (Build)', '[Pipeline] sh', '+ make', '[Pipeline] }', '[Pipeline] // stage', 'Finished: FAILURE'].join('\n');
		const run = parseRunFolder([file('console.txt', log)]).runs[0]!;
		expect(run.status).toBe('failed');
		expect(run.steps![0]!.sections).toEqual([{ title: 'Build', start: 2, end: 6, collapsed: false }]);
	});

	it('shows any other text as it is, with a problem saying it was not recognised', () => {
		const { runs, problems } = parseRunFolder([file('notes/output.txt', 'step one\r\nprogress 10%\rprogress 100%\r\n\x1b[1mbold\x1b[0m\x1b[K\n')], 'gitlab');
		expect(runs[0]).toMatchObject({ format: 'text', provider: 'gitlab', job: 'output', status: 'unknown' });
		expect(runs[0]!.steps![0]!.lines).toEqual(['step one', 'progress 100%', '\x1b[1mbold\x1b[0m']);
		expect(problems).toEqual([expect.objectContaining({ file: 'notes/output.txt', message: 'Not a CI log this reader knows; shown as plain text' })]);
	});
});
