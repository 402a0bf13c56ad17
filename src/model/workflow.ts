import { z } from 'astro/zod';
import { Filters, Rule, Trigger } from './filters';
import { AutoCancel, Concurrency } from './limits';
import { SourceLocation } from './location';
import { Step } from './step';

export const Requirement = z.object({
	/** The entry id required (a job's alias/instance name in this workflow). */
	entry: z.string(),
	/** Required terminal statuses (CircleCI `requires: [{job: [success, failed]}]`); default success. */
	status: z.array(z.string()).default(['success']),
});
export type Requirement = z.infer<typeof Requirement>;

/** One job's place in a workflow: the same job may appear several times under different names. */
export const WorkflowEntry = z.object({
	/** Unique within the workflow: the alias, `name:` or expanded matrix instance name. */
	id: z.string(),
	/** The job in `pipeline.jobs` it runs; absent for pure approval gates. */
	jobId: z.string().optional(),
	requires: z.array(Requirement).default([]),
	filters: Filters.optional(),
	condition: z.string().optional(),
	approval: z.boolean().default(false),
	contexts: z.array(z.string()).default([]),
	/** Arguments given to the job (job parameters, orb job parameters, `with:`). */
	parameters: z.record(z.string(), z.string()).default({}),
	/** For a matrix instance: the values that distinguish it. */
	matrix: z.record(z.string(), z.string()).optional(),
	/** For a matrix instance: the name of the matrix it belongs to, for grouping. */
	matrixGroup: z.string().optional(),
	/**
	 * For a matrix instance of a job whose `continue-on-error` reads a matrix value
	 * (`${{ matrix.experimental }}`): whether this instance may fail without failing the workflow.
	 */
	allowFailure: z.boolean().optional(),
	/** Steps this entry runs before and after the job's own (CircleCI's `pre-steps`, `post-steps`). */
	preSteps: z.array(Step).optional(),
	postSteps: z.array(Step).optional(),
	/** Runs of this entry that share a group run one at a time (CircleCI's `serial-group`). */
	concurrency: Concurrency.optional(),
	/** The id of the job group (in `Workflow.jobGroups`) this entry was run as part of. */
	jobGroup: z.string().optional(),
	location: SourceLocation,
});
export type WorkflowEntry = z.infer<typeof WorkflowEntry>;

/**
 * A named set of jobs a workflow runs as one unit (CircleCI's `job-groups`): the jobs after it
 * wait for all of its jobs, and with a serial group no other pipeline's run of that group
 * starts until all of its jobs have finished.
 */
export const JobGroup = z.object({
	/** Unique among the workflow's entries and groups: the invocation's `name:` or the group's name. */
	id: z.string(),
	/** The group as the config defines it (under `job-groups:`). */
	definition: z.string(),
	/** Its entries' ids, in the order the group lists them. */
	entries: z.array(z.string()),
	/** Runs of the group that share this run one at a time, all of its jobs together (CircleCI's `serial-group` on the group). */
	concurrency: Concurrency.optional(),
	location: SourceLocation,
});
export type JobGroup = z.infer<typeof JobGroup>;

export const Workflow = z.object({
	id: z.string(),
	name: z.string(),
	triggers: z.array(Trigger).default([]),
	/** Workflow-level `when`/`unless` verbatim. */
	condition: z.string().optional(),
	/** GitLab's `workflow:rules`, in order: whether a pipeline is created at all. */
	rules: z.array(Rule).optional(),
	entries: z.array(WorkflowEntry).default([]),
	jobGroups: z.array(JobGroup).optional(),
	/** Runs of the whole workflow that share a group run one at a time (GitHub's workflow-level `concurrency`). */
	concurrency: Concurrency.optional(),
	autoCancel: AutoCancel.optional(),
	/**
	 * A failed run is run again from its failed jobs, up to `max` times (CircleCI's
	 * `max_auto_reruns`): a number, or a pipeline parameter as written.
	 */
	rerun: z.object({ max: z.union([z.number().int().positive(), z.string()]) }).optional(),
	/** How the CI names each run, as written (GitHub's `run-name`, often an expression). */
	runName: z.string().optional(),
	location: SourceLocation,
});
export type Workflow = z.infer<typeof Workflow>;
