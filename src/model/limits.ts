import { z } from 'astro/zod';

/**
 * Runs that share a group run one at a time (GitHub `concurrency`, GitLab `resource_group`).
 * The group is kept as written: it is often an expression (`deploy-${{ github.ref }}`).
 */
export const Concurrency = z.object({
	group: z.string(),
	/** A newer run cancels the one in progress: `true`, or an expression kept verbatim. Otherwise it waits. */
	cancelInProgress: z.union([z.boolean(), z.string()]).optional(),
});
export type Concurrency = z.infer<typeof Concurrency>;

/** An access level of a job's token (GitHub's `GITHUB_TOKEN`). */
export const AccessLevel = z.enum(['read', 'write', 'none']);
export type AccessLevel = z.infer<typeof AccessLevel>;

/**
 * What a job's token may do. `all` is GitHub's `read-all`/`write-all` (or `{}`: nothing);
 * otherwise the listed scopes have their level and every other scope has none.
 */
export const Permissions = z.object({
	all: AccessLevel.optional(),
	scopes: z.record(z.string(), AccessLevel).default({}),
	/** Set on the workflow, which the job does not override. */
	inherited: z.boolean().default(false),
});
export type Permissions = z.infer<typeof Permissions>;

/** GitLab's `auto_cancel:on_new_commit`: what a newer pipeline for the same branch cancels. */
export const OnNewCommit = z.enum(['conservative', 'interruptible', 'none']);
/** GitLab's `auto_cancel:on_job_failure`: what a failing job cancels. */
export const OnJobFailure = z.enum(['all', 'none']);

/** What a newer pipeline, or a failing job, cancels (GitLab's `workflow:auto_cancel`), as GitLab spells it. */
export const AutoCancel = z.object({
	onNewCommit: OnNewCommit.optional(),
	onJobFailure: OnJobFailure.optional(),
});
export type AutoCancel = z.infer<typeof AutoCancel>;

/** Automatic retries of a failed job. */
export const Retry = z.object({
	max: z.number().int().nonnegative(),
	/** Only on these failures (GitLab `retry:when`, `retry:exit_codes`); every failure when empty. */
	when: z.array(z.string()).default([]),
});
export type Retry = z.infer<typeof Retry>;

/** How the copies of a matrix job run together (GitHub's `strategy`). */
export const MatrixStrategy = z.object({
	/** One failing copy cancels the others still running (GitHub's default): `true`, `false` or an expression. */
	failFast: z.union([z.boolean(), z.string()]).default(true),
	/** At most this many copies at once, as written (a number or an expression). */
	maxParallel: z.string().optional(),
});
export type MatrixStrategy = z.infer<typeof MatrixStrategy>;

/** A value a job hands to the jobs after it (GitHub's job `outputs`). */
export const JobOutput = z.object({
	name: z.string(),
	/** As written: usually an expression reading a step's output. */
	value: z.string(),
	/** How a later job reads it (`needs.build.outputs.version`). */
	reference: z.string().optional(),
});
export type JobOutput = z.infer<typeof JobOutput>;
