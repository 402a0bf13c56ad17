import { describe, expect, it } from 'vitest';
import { circleciJsonKind } from '../../src/runs/circleci';
import { parseRunFolder } from '../../src/runs/parse';
import { expectValid, file, json, names, step } from './helpers';

function action(name: string, extra: Record<string, unknown> = {}) {
	return { name, index: 0, status: 'success', start_time: '2024-03-01T10:00:00.000Z', end_time: '2024-03-01T10:00:02.500Z', run_time_millis: 2500, exit_code: 0, bash_command: null, type: 'test', output_url: 'https://circle-production-action-output.s3.amazonaws.com/x', ...extra };
}

/** A v1.1 build: spin-up, env vars, a test step on two containers (the second fails). */
function build(extra: Record<string, unknown> = {}) {
	return {
		build_num: 812,
		status: 'failed',
		outcome: 'failed',
		lifecycle: 'finished',
		branch: 'main',
		vcs_tag: null,
		vcs_revision: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
		author_name: 'Ada',
		subject: 'Make tests faster',
		build_url: 'https://circleci.com/gh/acme/app/812',
		queued_at: '2024-03-01T09:59:50.000Z',
		start_time: '2024-03-01T10:00:00.000Z',
		stop_time: '2024-03-01T10:01:00.000Z',
		build_time_millis: 60_000,
		parallel: 2,
		workflows: { workflow_name: 'ci', job_name: 'test' },
		picard: { executor: 'docker', resource_class: { class: 'large', cpu: 4, ram: 8192 } },
		steps: [
			{ name: 'Spin up environment', actions: [action('Spin up environment', { index: 0, type: 'infrastructure' }), action('Spin up environment', { index: 1, type: 'infrastructure' })] },
			{ name: 'Preparing environment variables', actions: [action('Preparing environment variables', { index: 0 }), action('Preparing environment variables', { index: 1 })] },
			{
				name: 'Run tests',
				actions: [
					action('Run tests', { index: 0, bash_command: '#!/bin/bash -eo pipefail\nnpm test' }),
					action('Run tests', { index: 1, status: 'failed', exit_code: 1, bash_command: '#!/bin/bash -eo pipefail\nnpm test', run_time_millis: 4000 }),
				],
			},
		],
		...extra,
	};
}

describe('CircleCI API exports', () => {
	it('reads the v1.1 build with one step per action, container by container', () => {
		const { runs, problems } = parseRunFolder([json('build.json', build())]);
		expect(problems).toEqual([]);
		const run = runs[0]!;
		expectValid(run);
		expect(run).toMatchObject({
			provider: 'circleci',
			format: 'circleci-api',
			job: 'test',
			workflow: 'ci',
			number: 812,
			status: 'failed',
			branch: 'main',
			commit: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
			author: 'Ada',
			message: 'Make tests faster',
			url: 'https://circleci.com/gh/acme/app/812',
			startedAt: '2024-03-01T10:00:00.000Z',
			durationMs: 60_000,
			queuedMs: 10_000,
			executor: 'docker',
			resourceClass: 'large',
		});
		expect(run.steps!.map((s) => [s.container, s.index, s.name])).toEqual([
			[0, 1, 'Spin up environment'],
			[0, 2, 'Preparing environment variables'],
			[0, 3, 'Run tests'],
			[1, 1, 'Spin up environment'],
			[1, 2, 'Preparing environment variables'],
			[1, 3, 'Run tests'],
		]);
		expect(run.steps!.map((s) => s.builtin ?? null)).toEqual(['spin-up', 'environment', null, 'spin-up', 'environment', null]);
		expect(run.steps![5]).toMatchObject({ status: 'failed', exitCode: 1, durationMs: 4000, command: '#!/bin/bash -eo pipefail\nnpm test', startedAt: '2024-03-01T10:00:00.000Z' });
	});

	it('puts saved step outputs into their steps, marking what came on stderr', () => {
		const { runs, problems } = parseRunFolder([
			json('build.json', build()),
			json('output-2-1.json', [
				{ message: 'npm test\r\n', time: '2024-03-01T10:00:01Z', type: 'out' },
				{ message: 'PASS a.test.js\r\nFAIL b', time: '2024-03-01T10:00:02Z', type: 'out' },
				{ message: '.test.js\r\n\x1b[31mError: boom\x1b[39m\r\n', time: '2024-03-01T10:00:03Z', type: 'err' },
				{ message: 'Exited with code exit status 1\n', time: '2024-03-01T10:00:04Z', type: 'out' },
			]),
			json('output-0-0.json', [{ message: 'Starting container cimg/node:20.11\n', type: 'out' }]),
		]);
		expect(problems).toEqual([]);
		const run = runs[0]!;
		const failed = run.steps!.find((s) => s.name === 'Run tests' && s.container === 1)!;
		expect(failed.lines).toEqual(['npm test', 'PASS a.test.js', 'FAIL b.test.js', '\x1b[31mError: boom\x1b[39m', 'Exited with code exit status 1']);
		// The chunk on stderr ends "FAIL b" and holds the next line whole.
		expect(failed.marks).toEqual([
			{ line: 2, level: 'error' },
			{ line: 3, level: 'error' },
		]);
		expect(run.steps![0]!.lines).toEqual(['Starting container cimg/node:20.11']);
		expect(run.steps!.find((s) => s.name === 'Run tests' && s.container === 0)!.lines).toEqual([]);
	});

	it('takes an output named only by its step position when the step ran on one container', () => {
		const single = build({ parallel: 1, steps: [{ name: 'Checkout code', actions: [action('Checkout code')] }, { name: 'Build', actions: [action('Build')] }] });
		const { runs, problems } = parseRunFolder([json('build.json', single), json('step-1.json', [{ message: 'make all\n', type: 'out' }])]);
		expect(problems).toEqual([]);
		expect(step(runs[0], 'Build').lines).toEqual(['make all']);
		expect(step(runs[0], 'Build').container).toBeUndefined();
	});

	it('keeps an output it cannot place as a step of its own, with a problem', () => {
		const { runs, problems } = parseRunFolder([json('build.json', build()), json('output-7-0.json', [{ message: 'lost\n', type: 'out' }])]);
		expect(runs).toHaveLength(2);
		expect(runs[1]!.steps![0]!.lines).toEqual(['lost']);
		expect(problems).toEqual([expect.objectContaining({ file: 'output-7-0.json', message: expect.stringContaining('Could not tell which step') })]);
	});

	it('fills what the v1.1 build leaves open from the v2 job details', () => {
		const v2 = {
			number: 812,
			name: 'test',
			status: 'failed',
			started_at: '2024-03-01T10:00:00Z',
			stopped_at: '2024-03-01T10:01:00Z',
			queued_at: '2024-03-01T09:59:58Z',
			duration: 60_000,
			executor: { type: 'docker', resource_class: 'large' },
			web_url: 'https://app.circleci.com/pipelines/github/acme/app/99/workflows/w/jobs/812',
			latest_workflow: { name: 'ci', id: 'w' },
			pipeline: { id: 'p' },
			project: { slug: 'gh/acme/app' },
		};
		const bare = build({ workflows: undefined, build_url: undefined, picard: null, queued_at: undefined, job_name: null });
		const run = parseRunFolder([json('build.json', bare), json('job.json', v2)]).runs[0]!;
		expect(run).toMatchObject({ job: 'test', workflow: 'ci', url: v2.web_url, executor: 'docker', resourceClass: 'large', queuedMs: 2000 });
	});

	it('says how the whole workflow ended from the v2 workflow saved beside its job, once it has', () => {
		const job = { number: 812, name: 'test', status: 'success', started_at: '2024-03-01T10:00:00Z', latest_workflow: { name: 'ci', id: 'w-1' }, pipeline: { id: 'p' }, project: { slug: 'gh/acme/app' } };
		const workflow = (status: string, id = 'w-1') => ({ id, name: 'ci', status, pipeline_id: 'p', pipeline_number: 99, project_slug: 'gh/acme/app', created_at: '2024-03-01T09:59:00Z' });
		const read = (saved: object, build_ = build()) => parseRunFolder([json('build.json', build_), json('job.json', job), json('workflow.json', saved)]);
		const failed = read(workflow('failed'));
		expect(failed.problems).toEqual([]);
		expect(failed.runs[0]).toMatchObject({ workflow: 'ci', workflowStatus: 'failed' });
		expect(failed.files[0]).toContain('workflow.json');
		// CircleCI's `error` (its configuration, the infrastructure) did not pass either.
		expect(read(workflow('error')).runs[0]!.workflowStatus).toBe('failed');
		// Still going when its job was recorded: not how it ended, but how it stood.
		for (const [going, stood] of [['running', 'running'], ['failing', 'failing'], ['on_hold', 'on-hold']] as const) {
			const { workflowStatus, workflowInProgress } = read(workflow(going)).runs[0]!;
			expect({ workflowStatus, workflowInProgress }, going).toEqual({ workflowStatus: undefined, workflowInProgress: stood });
		}
		expect(read(workflow('failed')).runs[0]!.workflowInProgress).toBeUndefined();
		// The v1.1 build names its workflow too, when no job details are saved.
		const alone = parseRunFolder([json('build.json', build({ workflows: { workflow_id: 'w-1', workflow_name: 'ci', job_name: 'test' } })), json('workflow.json', workflow('canceled'))]);
		expect(alone.runs[0]!.workflowStatus).toBe('cancelled');
		// Another workflow's details are not this run's: said, not shown.
		const other = read(workflow('failed', 'w-2'));
		expect(other.runs[0]!.workflowStatus).toBeUndefined();
		expect(other.problems).toEqual([expect.objectContaining({ file: 'workflow.json', message: expect.stringContaining('its jobs’ files name another workflow') })]);
		// A run that names no workflow takes the folder's only one, not one of several.
		expect(parseRunFolder([json('build.json', build()), json('workflow.json', workflow('failed'))]).runs[0]!.workflowStatus).toBe('failed');
		const two = parseRunFolder([json('build.json', build()), json('workflow.json', workflow('failed')), json('workflow-2.json', workflow('success', 'w-2'))]);
		expect(two.runs[0]!.workflowStatus).toBeUndefined();
		expect(two.problems.map((p) => p.message)).toEqual([expect.stringContaining('do not say which workflow they ran in'), expect.stringContaining('do not say which workflow they ran in')]);
		// Alone in a folder: said, and nothing else made of it.
		const lone = parseRunFolder([json('workflow.json', workflow('failed'))]);
		expect(lone.problems).toEqual([expect.objectContaining({ file: 'workflow.json', message: expect.stringContaining('the folder has no job') })]);
	});

	it('knows a v2 workflow by its shape, and no other CI’s answer for one', () => {
		const workflow = { id: '8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22', name: 'ci', status: 'success', pipeline_id: 'p', pipeline_number: 99, project_slug: 'gh/acme/app' };
		expect(circleciJsonKind(workflow, 'workflow.json')).toBe('workflow');
		// GitHub's run.json, GitLab's job.json, a CircleCI v2 pipeline, its workflow's jobs: not a workflow.
		expect(circleciJsonKind({ id: 9, name: 'CI', status: 'completed', conclusion: 'failure', run_number: 12, head_sha: 'abc', workflow_id: 3 }, 'run.json')).toBeUndefined();
		expect(circleciJsonKind({ id: 7011223344, name: 'test', status: 'success', stage: 'test', pipeline: { id: 1, status: 'failed' } }, 'job.json')).toBeUndefined();
		expect(circleciJsonKind({ id: 'p', number: 99, state: 'created', project_slug: 'gh/acme/app', trigger: { type: 'webhook' } }, 'pipeline.json')).toBeUndefined();
		expect(circleciJsonKind({ items: [{ id: 'j', name: 'test', status: 'success', job_number: 812 }], next_page_token: null }, 'jobs.json')).toBeUndefined();
	});

	it('leaves out numbers and durations the model cannot hold (found by fuzzing: a negative `build_time_millis` failed the whole build)', () => {
		const edited = build({ build_num: 8.5, build_time_millis: -1, stop_time: undefined });
		(edited.steps[0]!.actions as Record<string, unknown>[])[1]!.index = -3;
		const job = { number: 8.5, name: 'test', status: 'failed', started_at: null, duration: -5, latest_workflow: { name: 'ci', id: 'w' }, pipeline: { id: 'p' }, project: { slug: 'gh/acme/app' } };
		const { runs } = parseRunFolder([json('build.json', edited), json('job.json', job)]);
		expect(runs).toHaveLength(1);
		expectValid(runs[0]!);
		expect(runs[0]).toMatchObject({ job: 'test', workflow: 'ci' });
		expect([runs[0]!.number, runs[0]!.durationMs]).toEqual([undefined, undefined]);
	});

	it('skips an action that is not an object (found by fuzzing: `"actions": [null]` sent the whole build to plain text)', () => {
		const edited = build();
		(edited.steps[1] as { actions: unknown[] }).actions = [null];
		const { runs, problems } = parseRunFolder([json('build.json', edited)]);
		expect(problems).toEqual([]);
		expect(runs.map((r) => r.format)).toEqual(['circleci-api']);
		expectValid(runs[0]!);
	});

	it('maps CircleCI statuses', () => {
		const statusOf = (status: string, outcome: string | null = null) => parseRunFolder([json('b.json', build({ status, outcome }))]).runs[0]!.status;
		expect(statusOf('fixed')).toBe('success');
		expect(statusOf('success')).toBe('success');
		expect(statusOf('infrastructure_fail')).toBe('failed');
		expect(statusOf('timedout')).toBe('timedout');
		expect(statusOf('canceled')).toBe('cancelled');
		expect(statusOf('not_run')).toBe('skipped');
		expect(statusOf('running')).toBe('running');
		expect(statusOf('retried', 'timedout')).toBe('timedout');
		expect(statusOf('something new')).toBe('unknown');
	});
});

describe('CircleCI steps downloaded as text', () => {
	const files = [file('01-Spin up environment.txt', 'Build-agent version 1.0\n'), file('03-Run tests.txt', 'PASS\r\n'), file('02_Preparing environment variables.txt', 'Using build environment variables:\n  BASH_ENV=/tmp/.bash_env\n')];

	it('makes one step per file in number order when the pipeline is CircleCI’s', () => {
		const { runs, problems } = parseRunFolder(files, 'circleci');
		expect(problems).toEqual([]);
		expect(runs).toHaveLength(1);
		expectValid(runs[0]!);
		expect(runs[0]).toMatchObject({ provider: 'circleci', format: 'circleci-text', status: 'unknown' });
		expect(names(runs[0])).toEqual(['Spin up environment', 'Preparing environment variables', 'Run tests']);
		expect(runs[0]!.steps!.map((s) => s.builtin ?? null)).toEqual(['spin-up', 'environment', null]);
		expect(step(runs[0], 'Run tests').lines).toEqual(['PASS']);
	});

	it('takes the status and the job from job.json beside them', () => {
		const { runs } = parseRunFolder([...files, json('job.json', { number: 5, name: 'unit', status: 'success', started_at: '2024-01-01T00:00:00Z', stopped_at: '2024-01-01T00:02:00Z', executor: { type: 'machine' } })], 'circleci');
		expect(runs[0]).toMatchObject({ job: 'unit', status: 'success', number: 5, durationMs: 120_000, executor: 'machine' });
	});
});
