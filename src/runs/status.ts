import type { Run, RunStatus, RunStep } from '../model';

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
	// Own keys only: a CI's `"constructor"` would read Object's own from the prototype.
	const known = (key: string) => (Object.hasOwn(WORDS, key) ? WORDS[key] : undefined);
	return known(word.trim().toLowerCase().replace(/[\s-]+/g, '_')) ?? known(word.trim().toLowerCase()) ?? 'unknown';
}

/** Worst first: a run is as bad as its worst step. */
const SEVERITY: RunStatus[] = ['failed', 'timedout', 'cancelled', 'running', 'unknown', 'success', 'skipped'];

export function worstStatus(statuses: RunStatus[]): RunStatus {
	if (statuses.length === 0) return 'unknown';
	let worst = statuses[0]!;
	for (const status of statuses) if (SEVERITY.indexOf(status) < SEVERITY.indexOf(worst)) worst = status;
	return worst;
}

/**
 * A job's status read off its steps (GitHub's logs give no verdict of their own): its worst
 * step's, but a log that never reached the CI's "Complete job" stage is of unknown outcome
 * unless a step failed, and one whose steps were all skipped says nothing either. A step stopped
 * by its own `timeout-minutes` fails its job: GitHub's runner records such a step as failed, and
 * only the job's own limit times the job out.
 */
export function statusOfSteps(steps: readonly Pick<RunStep, 'status' | 'builtin' | 'ownTimeout'>[]): RunStatus {
	const status = worstStatus(steps.map((s) => (s.status === 'timedout' && s.ownTimeout ? 'failed' : s.status)));
	if (status === 'success' && !steps.some((s) => s.builtin === 'complete-job')) return 'unknown';
	return status === 'skipped' ? 'unknown' : status;
}

/**
 * A run's status once its steps the configuration lets fail are known (`allowedToFail`: GitHub's
 * `continue-on-error: true`, Bitbucket's `after-script`). The CI marks such a step failed, yet
 * the job goes on and the step's failure is not the job's; a log, though, only shows the
 * step failing, and a status read off the steps (GitHub's logs) called the whole job failed.
 *
 * Only a failed or timed-out status read off the steps (`statusFromSteps`) is read again, as `statusOfSteps`
 * reads it, with the steps let fail counted as passed: a status the CI reported stands.
 */
export function statusLettingFail({ status, statusFromSteps, steps }: Pick<Run, 'status' | 'statusFromSteps'> & { steps: readonly Pick<RunStep, 'status' | 'builtin' | 'allowedToFail' | 'ownTimeout'>[] }): RunStatus {
	if ((status !== 'failed' && status !== 'timedout') || !statusFromSteps || !steps.some((s) => s.allowedToFail)) return status;
	return statusOfSteps(steps.map((s) => (s.allowedToFail ? { ...s, status: 'success' } : s)));
}

/**
 * How a whole workflow run or pipeline ended, from the CI's word for it; undefined for one not
 * ended when recorded (`record` takes a finished job, whatever its run: see inProgressStatus), or
 * whose word says no outcome (GitHub's `neutral`, `action_required`, `stale`; CircleCI's
 * `not_run`, `unauthorized`). The step words of `mapStatus` read these wrongly: `neutral` and
 * `manual` as skipped.
 */
export function endedStatus(word: string | undefined): RunStatus | undefined {
	return word === undefined ? undefined : ENDED.get(word);
}

/**
 * How a whole workflow run or pipeline stood from the CI's word for it, where that word says it
 * had not ended: GitHub's run `status`, GitLab's pipeline `status`, CircleCI's workflow `status`.
 */
export function inProgressStatus(word: string | undefined): Run['workflowInProgress'] {
	return word === undefined ? undefined : IN_PROGRESS.get(word);
}

/**
 * GitLab's words for a pipeline or job still going (`scheduled`: a delayed job); `manual` waits
 * for a click. Its `canceling` is neither going on nor ended.
 */
export const GITLAB_GOING = ['created', 'preparing', 'pending', 'waiting_for_resource', 'waiting_for_callback', 'scheduled', 'running'] as const;

const IN_PROGRESS = new Map<string, NonNullable<Run['workflowInProgress']>>([
	// GitHub's run: queued, in_progress, requested, pending; GitLab's pipeline (above); CircleCI's
	// workflow: running. GitLab's `canceling`: nothing said.
	...['queued', 'in_progress', 'requested', ...GITLAB_GOING].map((word) => [word, 'running'] as const),
	['failing', 'failing'],
	// CircleCI's approval job, GitHub's environment protection rules (`waiting`: a reviewer, a
	// timer), GitLab's blocking manual job.
	['on_hold', 'on-hold'],
	['waiting', 'on-hold'],
	['manual', 'on-hold'],
]);

// A Map, not an object: a saved response's `"constructor"` would have read Object's own.
const ENDED = new Map<string, RunStatus>([
	['success', 'success'],
	['failure', 'failed'],
	['failed', 'failed'],
	['startup_failure', 'failed'],
	// CircleCI's workflow that errored (its configuration, the infrastructure): it did not pass.
	['error', 'failed'],
	['cancelled', 'cancelled'],
	['canceled', 'cancelled'],
	['timed_out', 'timedout'],
	['skipped', 'skipped'],
]);
