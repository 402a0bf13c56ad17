/**
 * Where a job runs, in words, when the CI's own kinds of machine do not say it: the job pages'
 * "Environment" and the pipeline page's "Runs in". Plain text around a code part: pages escape it.
 */
import type { Job, Provider } from '../model';
import { EXECUTOR_KINDS } from '../knowledge/step-kinds';

/** Said as `${text} <code>${code}</code>`, the code left out when there is none. */
export interface RunsIn {
	text: string;
	code?: string;
}

/**
 * What a job of an unknown kind of machine is said to run on. Heroku names its machines in
 * words ("Heroku build"); CircleCI's executor that cannot be resolved (a parameter) is named as
 * written; a job from an orb or a reusable workflow runs where its source says, which is not
 * here; a GitHub runner given by an expression is chosen when the job runs. "Not stated" only
 * when nothing says it (a release runs on nothing: its page says so instead).
 */
export function unknownRunsIn(job: Pick<Job, 'executor' | 'origin'>, provider: Provider): RunsIn {
	const { executor, origin } = job;
	if (executor.name !== undefined) return provider === 'heroku' ? { text: executor.name } : { text: 'Executor', code: executor.name };
	if (origin?.type === 'orb') return { text: 'Set by its orb', code: origin.ref ?? origin.name };
	if (origin?.type === 'reusable-workflow') return { text: 'Set by the reusable workflow', code: origin.ref ?? origin.name };
	if (executor.images.some((image) => image.image.includes('${{'))) return { text: 'Runner chosen when it runs' };
	return { text: EXECUTOR_KINDS.unknown };
}

/** A pipeline page's "Runs in" of a job: the executor's name or kind, else unknownRunsIn. */
export function runsIn(job: Pick<Job, 'executor' | 'origin' | 'releasePlan'>, provider: Provider): RunsIn {
	const { executor } = job;
	if (executor.kind !== 'unknown') return { text: executor.name ?? EXECUTOR_KINDS[executor.kind] };
	if (job.releasePlan !== undefined && executor.name === undefined) return { text: 'Nothing: it follows a release' };
	return unknownRunsIn(job, provider);
}
