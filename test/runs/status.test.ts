import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/model';
import { mapStatus, statusLettingFail, statusOfSteps } from '../../src/runs/status';

/** Steps of these statuses (`!` after one: the configuration lets it fail), then the CI's "Complete job". */
const steps = (...statuses: `${RunStatus}${'' | '!'}`[]) => [
	...statuses.map((s) => (s.endsWith('!') ? { status: s.slice(0, -1) as RunStatus, allowedToFail: true as const } : { status: s as RunStatus })),
	{ status: 'success' as const, builtin: 'complete-job' as const },
];
/** A job whose status was read off its steps (GitHub's logs), as its parser gives it. */
const fromSteps = (status: RunStatus, ...statuses: Parameters<typeof steps>) => statusLettingFail({ status, statusFromSteps: true, steps: steps(...statuses) });

describe('statusOfSteps', () => {
	it('fails a job whose step ran past its own limit, as GitHub’s runner does, and times out one the job’s limit stopped', () => {
		const complete = { status: 'success', builtin: 'complete-job' } as const;
		expect(statusOfSteps([{ status: 'timedout', ownTimeout: true }, complete])).toBe('failed');
		expect(statusOfSteps([{ status: 'timedout' }, complete])).toBe('timedout');
		// A step let fail beside it is counted as passed; the one past its own limit still fails the job.
		expect(statusLettingFail({ status: 'failed', statusFromSteps: true, steps: [{ status: 'timedout', ownTimeout: true }, { status: 'failed', allowedToFail: true }, complete] })).toBe('failed');
	});
});

describe('statusLettingFail', () => {
	it('reads a failure read off the steps again, with the steps the configuration lets fail counted as passed', () => {
		expect(fromSteps('failed', 'success', 'failed!', 'success')).toBe('success');
		// Another step failed too: the job failed.
		expect(fromSteps('failed', 'failed', 'failed!')).toBe('failed');
		// A step let fail does not hide a timed-out one.
		expect(fromSteps('failed', 'timedout', 'failed!')).toBe('timedout');
		// Nothing was let fail.
		expect(fromSteps('failed', 'failed')).toBe('failed');
	});

	it('reads a time-out read off the steps again: a step let fail that ran past its own limit', () => {
		expect(fromSteps('timedout', 'success', 'timedout!', 'success')).toBe('success');
		expect(fromSteps('timedout', 'timedout', 'failed!')).toBe('timedout');
	});

	it('keeps a status the CI reported, whatever its steps', () => {
		// GitHub's jobs.json said failed (an action's error with no exit code, a later step run
		// `if: always()`): a step let fail beside it does not make the job pass.
		expect(statusLettingFail({ status: 'failed', steps: steps('success', 'failed!') })).toBe('failed');
		expect(fromSteps('success', 'failed!')).toBe('success');
		expect(fromSteps('cancelled', 'failed!')).toBe('cancelled');
	});

	it('calls a job unknown whose log stops before the CI completed it', () => {
		expect(statusLettingFail({ status: 'failed', statusFromSteps: true, steps: [{ status: 'success' }, { status: 'failed', allowedToFail: true }] })).toBe('unknown');
	});
});

describe('mapStatus', () => {
	it('reads only its own words: a name of Object.prototype is unknown, not a function', () => {
		expect(mapStatus('Timed Out')).toBe('timedout');
		for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(mapStatus(word), word).toBe('unknown');
	});
});
