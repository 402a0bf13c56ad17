import { describe, expect, it } from 'vitest';
import { describeAutoCancel, describeConcurrency, describeInterruptible, describePermissions, describeRerun, describeRetry, describeStrategy, describeTimeout } from '../../src/describe/limits';

describe('limits in words', () => {
	it('says how long a job may run and how often it is retried', () => {
		expect(describeTimeout('1h 30m')).toBe('Stopped after 1h 30m if still running.');
		expect(describeRetry({ max: 1, when: [] })).toBe('Up to 1 more attempt when it fails.');
		expect(describeRetry({ max: 2, when: ['runner_system_failure', 'exit code 137'] })).toBe('Up to 2 more attempts when it fails, only after the runner’s system failing or exit code 137.');
		expect(describeRetry({ max: 1, when: ['stuck_or_timeout_failure', 'runner_system_failure', 'some_new_failure'] })).toBe(
			'Up to 1 more attempt when it fails, only after the job getting stuck or timing out, the runner’s system failing or some_new_failure.',
		);
	});

	it('says how often a failed workflow is run again, and from where', () => {
		expect(describeRerun({ max: 1 })).toBe('When it fails, it is run again from its failed jobs (they and the jobs after them run again; jobs that passed do not), up to 1 time.');
		expect(describeRerun({ max: 3 })).toMatch(/, up to 3 times\.$/);
		expect(describeRerun({ max: '<< pipeline.parameters.n >>' })).toMatch(/, up to << pipeline.parameters.n >> times\.$/);
	});

	it('says what a newer run does, as each CI does it', () => {
		expect(describeConcurrency({ group: 'deploy' }, 'github-actions', 'workflow')).toEqual({
			lead: 'One run of this workflow at a time in the group',
			tail: ': a newer run waits for it to finish, and replaces any run already waiting.',
		});
		expect(describeConcurrency({ group: 'x', cancelInProgress: true }, 'github-actions', 'job').tail).toBe(': a newer run cancels the one in progress.');
		expect(describeConcurrency({ group: 'x', cancelInProgress: false }, 'github-actions', 'job').tail).toContain('waits for it to finish');
		expect(describeConcurrency({ group: 'x', cancelInProgress: '${{ !main }}' }, 'github-actions', 'job').tail).toBe(
			': a newer run cancels the one in progress when ${{ !main }} is true; otherwise a newer run waits for it to finish, and replaces any run already waiting.',
		);
		expect(describeConcurrency({ group: 'deploy' }, 'circleci', 'job')).toEqual({
			lead: 'One job at a time of the serial group',
			tail: ", in any pipeline of the organization's projects: the next one waits for it to finish.",
		});
		expect(describeConcurrency({ group: 'production' }, 'gitlab', 'job')).toEqual({
			lead: 'One job at a time of the resource group',
			tail: ', in any pipeline of the project: the next one waits for it to finish.',
		});
	});

	it('says what a newer pipeline or a failing job cancels (GitLab)', () => {
		expect(describeInterruptible(true)).toBe('A newer pipeline for the same branch may cancel it while it runs (interruptible).');
		expect(describeInterruptible(false)).toBe('A newer pipeline for the same branch does not cancel it once it runs.');
		expect(describeAutoCancel({ onNewCommit: 'none', onJobFailure: 'all' })).toEqual([
			'A newer pipeline for the same branch never cancels this one.',
			'One failing job cancels the rest of the pipeline.',
		]);
		expect(describeAutoCancel({ onNewCommit: 'conservative' })).toEqual(['A newer pipeline for the same branch cancels this one, unless a job that is not interruptible has started.']);
	});

	it("says how a matrix job's copies run together", () => {
		expect(describeStrategy({ failFast: true })).toBe('If one copy fails, the others still running are cancelled (fail-fast).');
		expect(describeStrategy({ failFast: false, maxParallel: '2' })).toBe('Each copy runs to its end, whatever the others do. At most 2 run at once.');
		expect(describeStrategy({ failFast: '${{ !inputs.all }}' })).toBe('If one copy fails, the others still running are cancelled when ${{ !inputs.all }} is true.');
	});

	it("says what a job's token may do, and where that was set", () => {
		expect(describePermissions({ all: 'read', scopes: {}, inherited: true })).toEqual({ scopes: [], text: 'read access to every scope, write access to none (set for the whole workflow).' });
		expect(describePermissions({ all: 'write', scopes: {}, inherited: false }).text).toBe('read and write access to every scope.');
		expect(describePermissions({ all: 'none', scopes: {}, inherited: false }).text).toBe('no access to anything.');
		expect(describePermissions({ scopes: { contents: 'write', 'id-token': 'write' }, inherited: false })).toEqual({
			scopes: ['contents: write', 'id-token: write'],
			text: '; no access to any other scope.',
		});
	});
});
