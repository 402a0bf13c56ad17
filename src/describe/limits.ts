/**
 * A job's or workflow's limits in words: how long it may run, how often it is retried, what
 * else may run beside it, and what its token may do. Plain text: pages escape it.
 */
import type { AutoCancel, Concurrency, MatrixStrategy, Permissions, Provider, Retry } from '../model';

export function describeTimeout(timeout: string): string {
	return `Stopped after ${timeout} if still running.`;
}

/** GitLab's `retry:when` failure types in words (docs.gitlab.com/ci/yaml/#retrywhen). */
const FAILURES: Record<string, string> = {
	always: 'any failure',
	unknown_failure: 'an unknown failure',
	script_failure: 'the script failing',
	api_failure: 'an API failure',
	stuck_or_timeout_failure: 'the job getting stuck or timing out',
	runner_system_failure: 'the runner’s system failing',
	runner_unsupported: 'an unsupported runner',
	stale_schedule: 'a delayed job that could not run',
	job_execution_timeout: 'the job running past its time limit',
	archived_failure: 'the job being archived',
	unmet_prerequisites: 'a prerequisite failing',
	scheduler_failure: 'the scheduler failing to assign it to a runner',
	data_integrity_failure: 'a structural integrity problem',
};

export function describeRetry(retry: Retry): string {
	const attempts = `Up to ${retry.max} more attempt${retry.max === 1 ? '' : 's'} when it fails`;
	// `exit code 137` reads as it is; an unknown type stays as written.
	const failures = retry.when.map((w) => FAILURES[w] ?? w);
	return failures.length > 0 ? `${attempts}, only after ${failures.length === 1 ? failures[0] : `${failures.slice(0, -1).join(', ')} or ${failures.at(-1)}`}.` : `${attempts}.`;
}

/** A workflow run again from its failed jobs when it fails (CircleCI's `max_auto_reruns`). */
export function describeRerun({ max }: { max: number | string }): string {
	return `When it fails, it is run again from its failed jobs (they and the jobs after them run again; jobs that passed do not), up to ${max} time${max === 1 ? '' : 's'}.`;
}

/** Said around the group's name: `${lead} <code>group</code>${tail}`. */
export function describeConcurrency(concurrency: Concurrency, provider: Provider, of: 'job' | 'workflow'): { lead: string; tail: string } {
	// GitLab's resource groups queue jobs across the project's pipelines; CircleCI's serial
	// groups across every project of the organization (a name often starts with the project's slug).
	if (provider === 'gitlab') return { lead: 'One job at a time of the resource group', tail: ', in any pipeline of the project: the next one waits for it to finish.' };
	if (provider === 'bitbucket') return { lead: 'One step at a time of the concurrency group', tail: ', in any pipeline of the repository: the next one waits for it to finish.' };
	if (provider === 'circleci') return { lead: 'One job at a time of the serial group', tail: ", in any pipeline of the organization's projects: the next one waits for it to finish." };
	const lead = `One run of this ${of} at a time in the group`;
	const cancel = concurrency.cancelInProgress;
	if (cancel === true) return { lead, tail: ': a newer run cancels the one in progress.' };
	const waits = 'a newer run waits for it to finish, and replaces any run already waiting';
	if (typeof cancel === 'string') return { lead, tail: `: a newer run cancels the one in progress when ${cancel} is true; otherwise ${waits}.` };
	return { lead, tail: `: ${waits}.` };
}

/** How a job group's runs queue (CircleCI's `serial-group` on a group), said after its name. */
export function describeSerialJobGroup(): string {
	return ": no other pipeline of the organization's projects starts the group until all of its jobs have finished, and rerunning any of its jobs reruns the whole group.";
}

/** Said after the token's name: the scopes as `scope: level` items, then what is said of everything else. */
export function describePermissions(permissions: Permissions): { scopes: string[]; text: string } {
	const from = permissions.inherited ? ' (set for the whole workflow)' : '';
	if (permissions.all === 'read') return { scopes: [], text: `read access to every scope, write access to none${from}.` };
	if (permissions.all === 'write') return { scopes: [], text: `read and write access to every scope${from}.` };
	if (permissions.all === 'none') return { scopes: [], text: `no access to anything${from}.` };
	const scopes = Object.entries(permissions.scopes).map(([scope, level]) => `${scope}: ${level}`);
	return { scopes, text: `; no access to any other scope${from}.` };
}

/** How a matrix job's copies run together. */
export function describeStrategy(strategy: MatrixStrategy): string {
	const failFast =
		strategy.failFast === true
			? 'If one copy fails, the others still running are cancelled (fail-fast).'
			: strategy.failFast === false
				? 'Each copy runs to its end, whatever the others do.'
				: `If one copy fails, the others still running are cancelled when ${strategy.failFast} is true.`;
	return strategy.maxParallel ? `${failFast} At most ${strategy.maxParallel} run at once.` : failFast;
}

/** A GitLab job's `interruptible`. */
export function describeInterruptible(interruptible: boolean): string {
	return interruptible
		? 'A newer pipeline for the same branch may cancel it while it runs (interruptible).'
		: 'A newer pipeline for the same branch does not cancel it once it runs.';
}

const ON_NEW_COMMIT: Record<NonNullable<AutoCancel['onNewCommit']>, string> = {
	conservative: 'A newer pipeline for the same branch cancels this one, unless a job that is not interruptible has started.',
	interruptible: "A newer pipeline for the same branch cancels this one's interruptible jobs only.",
	none: 'A newer pipeline for the same branch never cancels this one.',
};
const ON_JOB_FAILURE: Record<NonNullable<AutoCancel['onJobFailure']>, string> = {
	all: 'One failing job cancels the rest of the pipeline.',
	none: 'A failing job leaves the other jobs running.',
};

/** A GitLab workflow's `auto_cancel`, a sentence for each setting. */
export function describeAutoCancel(autoCancel: AutoCancel): string[] {
	return [autoCancel.onNewCommit && ON_NEW_COMMIT[autoCancel.onNewCommit], autoCancel.onJobFailure && ON_JOB_FAILURE[autoCancel.onJobFailure]].filter((s): s is string => Boolean(s));
}
