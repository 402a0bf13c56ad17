import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import type { RunStep } from '../../src/model';
import { markAllowedToFail, matchSteps, matchTarget } from '../../src/runs/match';
import { configStepOf, formatDuration, listedVariables, runEventText, statusLabel, timeline, wholeRunText, workflowRowTerm } from '../../src/site/runs';

describe('formatDuration', () => {
	it('prints durations the way CI UIs do', () => {
		expect(formatDuration(undefined)).toBe('—');
		expect(formatDuration(850)).toBe('850ms');
		expect(formatDuration(19_000)).toBe('19s');
		expect(formatDuration(64_000)).toBe('1m 04s');
		expect(formatDuration(7_380_000)).toBe('2h 03m');
	});
});

describe('workflowRowTerm', () => {
	it('names a GitLab job’s stage as a stage where no config entry matched it, and each CI’s workflow by its word', () => {
		expect(workflowRowTerm('gitlab', false)).toBe('Stage');
		expect(workflowRowTerm('gitlab', true)).toBe('Pipeline');
		expect(workflowRowTerm('bitbucket', false)).toBe('Pipeline');
		expect(workflowRowTerm('circleci', false)).toBe('Workflow');
		expect(workflowRowTerm('github-actions', true)).toBe('Workflow');
	});
});

describe('wholeRunText', () => {
	it('says how the whole run ended where this job did otherwise, or how it stood if it had not ended', () => {
		expect(wholeRunText({ provider: 'circleci', status: 'success', workflowStatus: 'failed' }, 'workflow')).toBe(' · the whole workflow: Failed');
		expect(wholeRunText({ provider: 'github-actions', status: 'failed', workflowStatus: 'failed' }, 'workflow run')).toBe('');
		expect(wholeRunText({ provider: 'gitlab', status: 'success' }, 'pipeline')).toBe('');
		expect(wholeRunText({ provider: 'circleci', status: 'success', workflowInProgress: 'on-hold' }, 'workflow')).toBe(' · the whole workflow was on hold, waiting for an approval, when this job was recorded');
		expect(wholeRunText({ provider: 'gitlab', status: 'success', workflowInProgress: 'on-hold' }, 'pipeline')).toBe(' · the whole pipeline was blocked on a manual job when this job was recorded');
		expect(wholeRunText({ provider: 'github-actions', status: 'success', workflowInProgress: 'on-hold' }, 'workflow run')).toBe(' · the whole workflow run was waiting on an environment’s protection rules (a reviewer or a timer) when this job was recorded');
		expect(wholeRunText({ provider: 'circleci', status: 'success', workflowInProgress: 'failing' }, 'workflow')).toBe(' · the whole workflow was failing (a job had failed, others were still running) when this job was recorded');
		expect(wholeRunText({ provider: 'gitlab', status: 'failed', workflowInProgress: 'running' }, 'pipeline')).toBe(' · the whole pipeline was still running when this job was recorded');
	});
});

describe('timeline', () => {
	it('places items by their start time, from the earliest', () => {
		const { bars, total } = timeline(
			[
				{ name: 'a', status: 'success' as const, startedAt: '2026-01-01T00:00:10Z', durationMs: 5000 },
				{ name: 'b', status: 'failed' as const, startedAt: '2026-01-01T00:00:12Z', durationMs: 10_000 },
			],
			(x) => x.name,
		);
		expect(bars.map((b) => [b.label, b.start, b.duration, b.status])).toEqual([
			['a', 0, 5000, 'success'],
			['b', 2000, 10_000, 'failed'],
		]);
		expect(total).toBe(12_000);
	});
	it('lays items without start times end to end', () => {
		const { bars } = timeline([{ status: 'success' as const, durationMs: 300 }, { status: 'success' as const, durationMs: 200 }], () => 'x', () => '#x');
		expect(bars.map((b) => b.start)).toEqual([0, 300]);
		expect(bars[0]!.href).toBe('#x');
	});
});

describe('listedVariables', () => {
	it('reads the names of an environment listing, never needing the values', () => {
		const lines = ['Using build environment variables:', '  BASH_ENV=/tmp/x', '  CIRCLE_BRANCH=master', '\x1b[1m  CI=true\x1b[0m', '  CIRCLE_BRANCH=again', 'not=listed'];
		expect(listedVariables({ lines })).toEqual(['BASH_ENV', 'CIRCLE_BRANCH', 'CI']);
	});
});

describe('configStepOf', () => {
	const [pipeline] = assembleFolder({
		group: 'r',
		displayPrefix: 'r/',
		files: [
			{
				path: '.circleci/config.yml',
				text: `version: 2.1
jobs:
  deploy:
    docker: [{ image: cimg/base:2024.02 }]
    steps: [checkout, { run: { name: Deploy, command: ./deploy.sh } }]
workflows:
  release:
    jobs:
      - deploy:
          name: deploy-production
          pre-steps: [{ run: { name: Announce the release, command: ./announce.sh } }]
          post-steps: [{ run: { name: Tell the channel, command: ./notify.sh } }]
`,
			},
		],
	});
	const step = (index: number, name: string): RunStep => ({ index, name, status: 'success', lines: [], sections: [], marks: [] });
	const target = matchTarget({ job: 'deploy-production', workflow: 'release' }, pipeline!)!;
	const run = { entry: { workflowId: target.entry!.workflow.id, id: 'deploy-production' } };
	const steps = matchSteps([step(1, 'Announce the release'), step(2, 'Deploy'), step(3, 'Tell the channel'), step(4, 'Something else')], target);
	const found = steps.map((s) => configStepOf(run, s, pipeline!, target.job));

	it('finds the job’s own step', () => {
		expect(found[1]).toEqual({ step: expect.objectContaining({ name: 'Deploy' }) });
	});
	it('finds a step the workflow entry ran before or after the job’s own, with where it comes from', () => {
		expect(found[0]?.step.name).toBe('Announce the release');
		expect(found[0]?.added).toMatchObject({ when: 'before', workflow: { name: 'release' }, entry: { id: 'deploy-production' } });
		expect(found[2]?.step.name).toBe('Tell the channel');
		expect(found[2]?.added?.when).toBe('after');
	});
	it('finds nothing for an unmatched step, or for an added step of a run that names no entry', () => {
		expect(found[3]).toBeUndefined();
		expect(configStepOf({}, steps[0]!, pipeline!, target.job)).toBeUndefined();
	});
});

describe('markAllowedToFail', () => {
	/** The pipeline of one GitHub workflow. */
	const workflowPipeline = (text: string) => assembleFolder({ group: 'r', displayPrefix: 'r/', files: [{ path: '.github/workflows/ci.yml', text }] })[0]!;
	const pipeline = workflowPipeline(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - { name: Lint, run: npm run lint, continue-on-error: true }
      - name: Canary
        run: npm run canary
        continue-on-error: \${{ github.ref == 'refs/heads/canary' }}
      - { name: Test, run: npm test }
`);
	const step = (index: number, name: string): RunStep => ({ index, name, status: 'failed', lines: [], sections: [], marks: [] });
	const job = pipeline.jobs[0]!;

	it('marks a failed step that the configuration lets fail, and no other', () => {
		const steps = matchSteps([step(1, 'Lint'), step(2, 'Canary'), step(3, 'Test'), step(4, 'Something else')], { job });
		expect(steps.map((s) => s.matchedStepId)).toEqual(['1', '2', '3', undefined]);
		// An expression is not known to let it fail; an unmatched step is not let fail.
		expect(markAllowedToFail(steps, { job }).map((s) => s.allowedToFail)).toEqual([true, undefined, undefined, undefined]);
		// A step that passed is not marked: nothing was allowed.
		expect(markAllowedToFail([{ ...steps[0]!, status: 'success' }], { job })[0]!.allowedToFail).toBeUndefined();
		// Timed out by its own limit, it is let fail; by the job's, the job ended there.
		expect(markAllowedToFail([{ ...steps[0]!, status: 'timedout', ownTimeout: true }], { job })[0]!.allowedToFail).toBe(true);
		expect(markAllowedToFail([{ ...steps[0]!, status: 'timedout' }], { job })[0]!.allowedToFail).toBeUndefined();
	});

	it("decides a step's continue-on-error written as one matrix value by the instance the run ran", () => {
		const matrixPipeline = workflowPipeline(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
        experimental: [false]
        include:
          - { node: 23, experimental: true }
    steps:
      - name: Test
        run: npm test
        continue-on-error: \${{ matrix.experimental }}
`);
		const workflow = matrixPipeline.workflows[0]!;
		const target = (id: string) => ({ job: matrixPipeline.jobs[0]!, entry: { workflow, entry: workflow.entries.find((e) => e.id === id)! } });
		expect(workflow.entries.map((e) => e.id)).toEqual(['test (20, false)', 'test (22, false)', 'test (23, true)']);
		const marked = (id: string) => markAllowedToFail(matchSteps([step(1, 'Test')], target(id)), target(id))[0]!.allowedToFail;
		expect(marked('test (23, true)')).toBe(true);
		expect(marked('test (20, false)')).toBeUndefined();
		// A run matched to the job alone (no instance) does not know the value.
		expect(markAllowedToFail(matchSteps([step(1, 'Test')], { job: matrixPipeline.jobs[0]! }), { job: matrixPipeline.jobs[0]! })[0]!.allowedToFail).toBeUndefined();
	});
});

describe('statusLabel and timeline', () => {
	it('say a failure the configuration allows, a step timed out by its own limit included', () => {
		expect(statusLabel('failed', true)).toBe('Failed, allowed to fail');
		expect(statusLabel('failed')).toBe('Failed');
		expect(statusLabel('timedout', true)).toBe('Timed out, allowed to fail');
		expect(statusLabel('timedout')).toBe('Timed out');
		const { bars } = timeline(
			[
				{ name: 'audit', status: 'failed' as const, allowedToFail: true as const, durationMs: 1 },
				{ name: 'test', status: 'failed' as const, durationMs: 1 },
			],
			(s) => s.name,
		);
		expect(bars.map((b) => b.allowedToFail)).toEqual([true, undefined]);
	});
});

describe('runEventText', () => {
	it('says what started a run in words, with the CI’s own name and the request’s number', () => {
		expect(runEventText({ provider: 'github-actions', event: 'pull_request', pullRequest: 482 })).toBe('a pull request #482 (`pull_request`)');
		expect(runEventText({ provider: 'gitlab', event: 'merge_request_event', pullRequest: 12 })).toBe('a merge request !12 (`merge_request_event`)');
		expect(runEventText({ provider: 'circleci', event: 'scheduled_workflow' })).toBe('a scheduled pipeline (`scheduled_workflow`)');
		// An event not listed is shown as the CI named it; no event, nothing.
		expect(runEventText({ provider: 'github-actions', event: 'discussion_comment' })).toBe('`discussion_comment`');
		expect(runEventText({ provider: 'gitlab' })).toBeUndefined();
	});
});
