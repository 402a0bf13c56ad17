import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/model';
import { statusLettingFail } from '../../src/runs/status';

/** Steps of these statuses (`!` after one: the configuration lets it fail), then the CI's "Complete job". */
const steps = (...statuses: `${RunStatus}${'' | '!'}`[]) => [
	...statuses.map((s) => (s.endsWith('!') ? { status: s.slice(0, -1) as RunStatus, allowedToFail: true as const } : { status: s as RunStatus })),
	{ status: 'success' as const, builtin: 'complete-job' as const },
];

describe('statusLettingFail', () => {
	it('reads a failure its steps account for again, with the steps the configuration lets fail counted as passed', () => {
		expect(statusLettingFail('failed', steps('success', 'failed!', 'success'))).toBe('success');
		// Another step failed too: the job failed.
		expect(statusLettingFail('failed', steps('failed', 'failed!'))).toBe('failed');
		// A step let fail does not hide a timed-out one.
		expect(statusLettingFail('failed', steps('timedout', 'failed!'))).toBe('timedout');
	});

	it('keeps what the CI reported, and a failure no step accounts for', () => {
		expect(statusLettingFail('success', steps('failed!'))).toBe('success');
		expect(statusLettingFail('cancelled', steps('failed!'))).toBe('cancelled');
		expect(statusLettingFail('failed', steps('failed'))).toBe('failed');
		// The job failed, and no step did (a job-level error): letting steps fail changes nothing.
		expect(statusLettingFail('failed', [...steps('success'), { status: 'success', allowedToFail: true }])).toBe('failed');
	});

	it('calls a job unknown whose log stops before the CI completed it', () => {
		expect(statusLettingFail('failed', [{ status: 'success' }, { status: 'failed', allowedToFail: true }])).toBe('unknown');
	});
});
