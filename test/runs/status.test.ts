import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/model';
import { statusLettingFail } from '../../src/runs/status';

const steps = (...statuses: RunStatus[]) => [...statuses.map((status) => ({ status })), { status: 'success' as const, builtin: 'complete-job' as const }];

describe('statusLettingFail', () => {
	it('reads a failure its steps account for again, with the steps the configuration lets fail counted as passed', () => {
		expect(statusLettingFail('failed', steps('success', 'failed', 'success'), (i) => i === 1)).toBe('success');
		// Another step failed too: the job failed.
		expect(statusLettingFail('failed', steps('failed', 'failed'), (i) => i === 1)).toBe('failed');
		// A step let fail does not hide a cancelled or timed-out one.
		expect(statusLettingFail('failed', steps('timedout', 'failed'), (i) => i === 1)).toBe('timedout');
	});

	it('keeps what the CI reported, and a failure no step accounts for', () => {
		expect(statusLettingFail('success', steps('failed'), () => true)).toBe('success');
		expect(statusLettingFail('cancelled', steps('failed'), () => true)).toBe('cancelled');
		// The job failed, and no step did (a job-level error): letting steps fail changes nothing.
		expect(statusLettingFail('failed', steps('success'), () => true)).toBe('failed');
		expect(statusLettingFail('failed', steps('failed'), () => false)).toBe('failed');
	});

	it('calls a job unknown whose log stops before the CI completed it', () => {
		expect(statusLettingFail('failed', [{ status: 'success' }, { status: 'failed' }], (i) => i === 1)).toBe('unknown');
	});
});
