import type { RunStatus } from '../model';

/**
 * Each CI's status words mapped to ours. CircleCI's v1.1 `status` mixes lifecycle and outcome
 * (`retried`, `queued`), v2 adds `terminated-unknown`; GitHub has step conclusions; GitLab
 * job states. Words seen nowhere map to 'unknown' rather than guessing.
 */
const WORDS: Record<string, RunStatus> = {
	success: 'success',
	successful: 'success',
	succeeded: 'success',
	passed: 'success',
	fixed: 'success',
	no_tests: 'success',
	failed: 'failed',
	failure: 'failed',
	failing: 'failed',
	error: 'failed',
	errored: 'failed',
	infrastructure_fail: 'failed',
	'terminated-unknown': 'failed',
	unauthorized: 'failed',
	timedout: 'timedout',
	timed_out: 'timedout',
	timeout: 'timedout',
	canceled: 'cancelled',
	cancelled: 'cancelled',
	canceling: 'cancelled',
	aborted: 'cancelled',
	not_run: 'skipped',
	skipped: 'skipped',
	neutral: 'skipped',
	manual: 'skipped',
	running: 'running',
	in_progress: 'running',
	queued: 'running',
	scheduled: 'running',
	not_running: 'running',
	pending: 'running',
	waiting: 'running',
	on_hold: 'running',
	blocked: 'running',
	preparing: 'running',
	created: 'running',
};

export function mapStatus(word: unknown): RunStatus {
	if (typeof word !== 'string') return 'unknown';
	return WORDS[word.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? WORDS[word.trim().toLowerCase()] ?? 'unknown';
}

/** Worst first: a run is as bad as its worst step. */
const SEVERITY: RunStatus[] = ['failed', 'timedout', 'cancelled', 'running', 'unknown', 'success', 'skipped'];

export function worstStatus(statuses: RunStatus[]): RunStatus {
	if (statuses.length === 0) return 'unknown';
	let worst = statuses[0]!;
	for (const status of statuses) if (SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) worst = status;
	return worst;
}
