import { describe, expect, it } from 'vitest';
import { parseRunFolder, type RunFile } from '../../src/runs/parse';

const file = (path: string, text: string): RunFile => ({ path, bytes: new TextEncoder().encode(text) });
const ts = (s: number) => `2026-01-02T03:04:${String(s).padStart(2, '0')}.0000000Z`;

describe('API responses saved beside logs', () => {
	it('GitHub run.json and jobs.json give branch, commit, author, number and job timing', () => {
		const log = [`${ts(0)} Current runner version: '2.320.0'`, `${ts(1)} ##[group]Run npm test`, `${ts(1)} npm test`, `${ts(1)} ##[endgroup]`, `${ts(5)} ok`, `${ts(6)} Cleaning up orphan processes`].join('\n');
		const run = { id: 1, name: 'CI', run_number: 42, head_branch: 'main', head_sha: 'abc123', head_commit: { message: 'Fix it\n\nbody', author: { name: 'Ada' } }, workflow_id: 7 };
		const jobs = { total_count: 1, jobs: [{ run_id: 1, name: 'test', status: 'completed', conclusion: 'success', created_at: '2026-01-02T03:03:50Z', started_at: '2026-01-02T03:04:00Z', completed_at: '2026-01-02T03:04:06Z', html_url: 'https://github.com/o/r/actions/runs/1/job/2', runner_name: 'GitHub Actions 3' }] };
		const result = parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify(run)), file('jobs.json', JSON.stringify(jobs))], 'github-actions');
		expect(result.problems).toEqual([]);
		expect(result.runs).toHaveLength(1);
		expect(result.runs[0]).toMatchObject({ workflow: 'CI', number: 42, branch: 'main', commit: 'abc123', author: 'Ada', message: 'Fix it', queuedMs: 10_000, url: 'https://github.com/o/r/actions/runs/1/job/2', executor: 'GitHub Actions 3' });
		expect(result.files[0]).toEqual(expect.arrayContaining(['run.json', 'jobs.json']));
	});
	it('GitHub jobs.json’s conclusion of a finished job wins over the status read off its log', () => {
		// The log shows a step failing (exit code 1): with `continue-on-error` GitHub still passed the job.
		const log = [`${ts(0)} Current runner version: '2.320.0'`, `${ts(1)} ##[group]Run npm audit`, `${ts(1)} npm audit`, `${ts(1)} ##[endgroup]`, `${ts(3)} ##[error]Process completed with exit code 1.`, `${ts(4)} Cleaning up orphan processes`].join('\n');
		const jobs = (job: object) => file('jobs.json', JSON.stringify({ total_count: 1, jobs: [{ run_id: 1, name: 'test', ...job }] }));
		const [alone] = parseRunFolder([file('1_test.txt', log)], 'github-actions').runs;
		expect(alone).toMatchObject({ status: 'failed', statusFromSteps: true });
		const [concluded] = parseRunFolder([file('1_test.txt', log), jobs({ status: 'completed', conclusion: 'success' })], 'github-actions').runs;
		expect(concluded!.status).toBe('success');
		expect(concluded!.statusFromSteps).toBeUndefined();
		// A job still running, or finished with no conclusion given, has no verdict: the log's stands.
		for (const job of [{ status: 'in_progress', conclusion: null }, { status: 'completed', conclusion: null }]) {
			const [unconcluded] = parseRunFolder([file('1_test.txt', log), jobs(job)], 'github-actions').runs;
			expect(unconcluded, JSON.stringify(job)).toMatchObject({ status: 'failed', statusFromSteps: true });
		}
		// A log that says nothing of its end takes the job's state, which is then not read off the steps.
		const [cut] = parseRunFolder([file('1_test.txt', log.split('\n').slice(0, 3).join('\n')), jobs({ status: 'in_progress', conclusion: null })], 'github-actions').runs;
		expect(cut!.status).toBe('running');
		expect(cut!.statusFromSteps).toBeUndefined();
	});

	it('GitHub run.json alone links the workflow run on GitHub; jobs.json’s job page wins', () => {
		const log = [`${ts(0)} Current runner version: '2.320.0'`, `${ts(1)} ##[group]Run npm test`, `${ts(1)} npm test`, `${ts(1)} ##[endgroup]`, `${ts(5)} ok`].join('\n');
		const run = { id: 1, name: 'CI', run_number: 42, head_sha: 'abc', html_url: 'https://github.com/o/r/actions/runs/1' };
		const [alone] = parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify(run))], 'github-actions').runs;
		expect(alone!.url).toBe('https://github.com/o/r/actions/runs/1');
		const jobs = { total_count: 1, jobs: [{ run_id: 1, name: 'test', status: 'completed', conclusion: 'success', html_url: 'https://github.com/o/r/actions/runs/1/job/2' }] };
		const [both] = parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify(run)), file('jobs.json', JSON.stringify(jobs))], 'github-actions').runs;
		expect(both!.url).toBe('https://github.com/o/r/actions/runs/1/job/2');
	});
	it('say how the whole workflow run or pipeline ended, which a job that passed may not tell', () => {
		const log = [`${ts(0)} Current runner version: '2.320.0'`, `${ts(1)} ##[group]Run npm test`, `${ts(1)} npm test`, `${ts(1)} ##[endgroup]`, `${ts(5)} ok`].join('\n');
		const github = (run: object) => parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify({ id: 1, name: 'CI', run_number: 42, head_sha: 'abc', ...run }))], 'github-actions').runs[0]!.workflowStatus;
		expect(github({ status: 'completed', conclusion: 'failure' })).toBe('failed');
		expect(github({ status: 'completed', conclusion: 'startup_failure' })).toBe('failed');
		// Not ended when recorded, or no outcome in the word (`neutral` is not "skipped").
		for (const run of [{ status: 'in_progress', conclusion: null }, { status: 'completed', conclusion: null }, { status: 'completed', conclusion: 'neutral' }, { status: 'completed', conclusion: 'action_required' }, { status: 'completed', conclusion: 'constructor' }, {}]) {
			expect(github(run), JSON.stringify(run)).toBeUndefined();
		}
		// How a run not ended stood: going, or waiting for a deployment's reviewer.
		const stood = (run: object) => parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify({ id: 1, name: 'CI', run_number: 42, head_sha: 'abc', ...run }))], 'github-actions').runs[0]!.workflowInProgress;
		expect([stood({ status: 'in_progress' }), stood({ status: 'queued' }), stood({ status: 'requested' }), stood({ status: 'pending' }), stood({ status: 'waiting' }), stood({ status: 'completed', conclusion: 'failure' }), stood({ status: 'constructor' })]).toEqual(['running', 'running', 'running', 'running', 'on-hold', undefined, undefined]);
		const trace = '\x1b[0KRunning with gitlab-runner 17.5.1 (affdd5b0)\x1b[0;m\n\x1b[32;1m$ make\x1b[0;m\n\x1b[32;1mJob succeeded\x1b[0;m\n';
		const job = { id: 99, name: 'lint', stage: 'test', status: 'success', web_url: 'https://gitlab.com/o/r/-/jobs/99', pipeline: { id: 1, status: 'failed' } };
		const gitlab = (status: string) => parseRunFolder([file('trace.log', trace), file('job.json', JSON.stringify({ ...job, pipeline: { id: 1, status } }))], 'gitlab').runs[0]!;
		expect(gitlab('failed')).toMatchObject({ status: 'success', workflowStatus: 'failed' });
		// A pipeline waiting for someone to start a job (`manual`), or still going, has not ended.
		for (const [status, stood] of [['manual', 'on-hold'], ['running', 'running'], ['waiting_for_resource', 'running'], ['scheduled', 'running'], ['waiting_for_callback', 'running'], ['canceling', undefined]] as const) {
			const { workflowStatus, workflowInProgress } = gitlab(status);
			expect({ workflowStatus, workflowInProgress }, status).toEqual({ workflowStatus: undefined, workflowInProgress: stood });
		}
		expect(gitlab('failed').workflowInProgress).toBeUndefined();
	});

	it('GitLab job.json names the job and gives ref, commit and queue time', () => {
		const trace = '\x1b[0KRunning with gitlab-runner 17.5.1 (affdd5b0)\x1b[0;m\n\x1b[0Ksection_start:1760533200:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n\x1b[32;1m$ make\x1b[0;m\n\x1b[0Ksection_end:1760533205:step_script\r\x1b[0K\n\x1b[32;1mJob succeeded\x1b[0;m\n';
		const job = { id: 99, name: 'unit-test: [1.22]', stage: 'test', status: 'success', ref: 'v1.2.0', tag: true, duration: 5.5, queued_duration: 3.25, web_url: 'https://gitlab.com/o/r/-/jobs/99', pipeline: { id: 1 }, commit: { id: 'def456', title: 'Release', author_name: 'Lin' }, runner: { description: 'shared-runner' } };
		const result = parseRunFolder([file('trace.log', trace), file('job.json', JSON.stringify(job))], 'gitlab');
		expect(result.problems).toEqual([]);
		expect(result.runs[0]).toMatchObject({ job: 'unit-test: [1.22]', number: 99, tag: 'v1.2.0', commit: 'def456', author: 'Lin', message: 'Release', durationMs: 5500, queuedMs: 3250, executor: 'shared-runner', workflow: 'test' });
		expect(result.runs[0]!.branch).toBeUndefined();
	});
	it('say what started the run: GitHub’s event and its pull request, GitLab’s pipeline source and merge request', () => {
		const log = [`${ts(0)} Current runner version: '2.320.0'`, `${ts(1)} ##[group]Run npm test`, `${ts(1)} npm test`, `${ts(1)} ##[endgroup]`].join('\n');
		const pullRequests = [
			{ number: 7, head: { ref: 'other' }, base: { ref: 'main' } },
			{ number: 482, head: { ref: 'fix/x' }, base: { ref: 'main' } },
		];
		const run = { id: 1, name: 'CI', run_number: 42, head_branch: 'fix/x', head_sha: 'abc', event: 'pull_request', pull_requests: pullRequests };
		const [github] = parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify(run))], 'github-actions').runs;
		expect(github).toMatchObject({ event: 'pull_request', pullRequest: 482 });
		// A push to a branch with a pull request open lists it; it is no pull request's run.
		const push = { ...run, event: 'push', pull_requests: [pullRequests[1]] };
		const [pushed] = parseRunFolder([file('1_test.txt', log), file('run.json', JSON.stringify(push))], 'github-actions').runs;
		expect(pushed).toMatchObject({ event: 'push' });
		expect(pushed!.pullRequest).toBeUndefined();

		const trace = '\x1b[0KRunning with gitlab-runner 17.5.1 (affdd5b0)\x1b[0;m\n$ make\n';
		const job = { id: 9, name: 'test', stage: 'test', status: 'success', ref: 'refs/merge-requests/12/head', web_url: 'https://gitlab.com/o/r/-/jobs/9', pipeline: { id: 1, source: 'merge_request_event' } };
		const [gitlab] = parseRunFolder([file('trace.log', trace), file('job.json', JSON.stringify(job))], 'gitlab').runs;
		expect(gitlab).toMatchObject({ event: 'merge_request_event', pullRequest: 12 });
		// A number the model cannot hold is left out, not a failed build.
		const zero = { ...job, ref: 'refs/merge-requests/0/head' };
		const [none] = parseRunFolder([file('trace.log', trace), file('job.json', JSON.stringify(zero))], 'gitlab').runs;
		expect(none!.pullRequest).toBeUndefined();
	});
	it('leaves out numbers and durations the model cannot hold (found by fuzzing: `"duration": -1` in job.json failed the whole build)', () => {
		const trace = '\x1b[0KRunning with gitlab-runner 17.5.1 (affdd5b0)\x1b[0;m\n$ make\n';
		const job = { id: 1.5, name: 'test', stage: 'test', status: 'success', ref: 'main', duration: -1, queued_duration: -0.5, web_url: 'https://gitlab.com/o/r/-/jobs/1', pipeline: { id: 1 } };
		const [run] = parseRunFolder([file('trace.log', trace), file('job.json', JSON.stringify(job))], 'gitlab').runs;
		expect(run).toMatchObject({ job: 'test', branch: 'main' });
		expect([run!.number, run!.durationMs, run!.queuedMs]).toEqual([undefined, undefined, undefined]);
		const github = { id: 1, name: 'CI', run_number: 4.2, head_sha: 'abc', workflow_id: 7 };
		const [fromGithub] = parseRunFolder([file('1_test.txt', `${ts(0)} ok`), file('run.json', JSON.stringify(github))], 'github-actions').runs;
		expect(fromGithub).toMatchObject({ workflow: 'CI', commit: 'abc' });
		expect(fromGithub!.number).toBeUndefined();
	});
});
