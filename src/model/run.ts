import { z } from 'astro/zod';
import { Diagnostic } from './diagnostic';
import { Provider } from './pipeline';

export const RunStatus = z.enum(['success', 'failed', 'cancelled', 'skipped', 'running', 'timedout', 'unknown']);
export type RunStatus = z.infer<typeof RunStatus>;

/** The export a run was read from; decides nothing downstream, shown so a reader knows the source. */
export const RunFormat = z.enum([
	'circleci-api',
	'circleci-text',
	'github-log',
	'github-archive',
	'github-cli',
	'gitlab-trace',
	'text',
]);
export type RunFormat = z.infer<typeof RunFormat>;

/** Stages a CI runs itself, not written in any config (CircleCI's "Spin up environment", GitHub's "Set up job"). */
export const BuiltinStage = z.enum([
	'spin-up',
	'environment',
	'set-up-job',
	'prepare-executor',
	'get-sources',
	'restore-cache',
	'save-cache',
	'download-artifacts',
	'upload-artifacts',
	'post-job',
	'complete-job',
	'cleanup',
]);
export type BuiltinStage = z.infer<typeof BuiltinStage>;

/** A fold of a step's log (`##[group]`, GitLab `section_start`, Travis `travis_fold`). Lines are 0-based, end exclusive. */
export const LogSection = z.object({
	title: z.string(),
	start: z.number().int().nonnegative(),
	end: z.number().int().nonnegative(),
	collapsed: z.boolean().default(true),
});
export type LogSection = z.infer<typeof LogSection>;

/** A line the CI itself flagged (`##[error]`, `::warning::`, CircleCI `type: err`), 0-based. */
export const LogMark = z.object({
	line: z.number().int().nonnegative(),
	level: z.enum(['error', 'warning', 'notice', 'debug', 'command']),
});
export type LogMark = z.infer<typeof LogMark>;

/** One step of a recorded run, its log already redacted (ANSI kept, `\r` redraws collapsed, CI markers removed). */
export const RunStep = z.object({
	/** 1-based position in the run, as the CI listed it. */
	index: z.number().int().positive(),
	name: z.string(),
	status: RunStatus,
	exitCode: z.number().int().optional(),
	startedAt: z.string().optional(),
	durationMs: z.number().nonnegative().optional(),
	/** The command the CI says it ran, when the export carries it (CircleCI `bash_command`, GitHub `##[command]`). */
	command: z.string().optional(),
	/** Parallel container (CircleCI `index`) when the job ran on several. */
	container: z.number().int().nonnegative().optional(),
	lines: z.array(z.string()).default([]),
	sections: z.array(LogSection).default([]),
	marks: z.array(LogMark).default([]),
	/** A stage of the CI's own, recognised by name. */
	builtin: BuiltinStage.optional(),
	/** The config step it ran (a step id of the matched job: `3`, `3.2`). */
	matchedStepId: z.string().optional(),
	/**
	 * Timed out by its own limit (GitHub's step `timeout-minutes`), not the job's: a step the
	 * configuration lets fail carries on past it, where the job's limit ends the job.
	 */
	ownTimeout: z.literal(true).optional(),
	/**
	 * Failed, or timed out by its own limit, and that config step lets it fail (GitHub's
	 * `continue-on-error: true`, Bitbucket's `after-script`): the CI shows it so, and the job
	 * went on. Set when the run is matched.
	 */
	allowedToFail: z.literal(true).optional(),
});
export type RunStep = z.infer<typeof RunStep>;
export type RunStepInput = z.input<typeof RunStep>;

/** A recorded run of one job. */
export const Run = z.object({
	/** Unique within the pipeline: the run folder's name, `<folder>-<job>` when it recorded several jobs. */
	id: z.string(),
	/** The run folder (`pipelines/<id>/runs/<group>/`): jobs of one workflow run share it. */
	group: z.string(),
	pipelineId: z.string(),
	provider: Provider,
	format: RunFormat,
	workflow: z.string().optional(),
	/** The job's name as the CI printed it (`test (ubuntu-latest, 20)`). */
	job: z.string(),
	/** The config job it ran, when matched. */
	jobId: z.string().optional(),
	/**
	 * The workflow entry the CI named the job by, when it is one: its steps around the job's own
	 * (CircleCI's `pre-steps`, `post-steps`) ran too.
	 */
	entry: z.object({ workflowId: z.string(), id: z.string() }).optional(),
	number: z.number().int().optional(),
	status: RunStatus,
	/**
	 * The status was read off the steps (GitHub's logs give no verdict of their own), not reported
	 * by the CI: once the configuration says which steps may fail, their failures no longer count.
	 */
	statusFromSteps: z.literal(true).optional(),
	/**
	 * How the whole workflow run (GitLab: pipeline) ended, as the CI reported it when the run was
	 * recorded: GitHub's `run.json` conclusion, GitLab's `pipeline.status`, CircleCI's
	 * `workflow.json` status; absent for one still going. A job that passed can be of a run that
	 * failed.
	 */
	workflowStatus: RunStatus.optional(),
	/**
	 * How the whole workflow run (pipeline) stood when the run was recorded, where it had not
	 * ended: still `running`, `failing` (CircleCI: a job failed, others still run), or `on-hold`,
	 * waiting (CircleCI's approval, GitHub's environment protection rules, GitLab's manual job).
	 * `record gitlab` and `record circleci` record a finished job, whatever the run it is part of;
	 * `record github` records finished runs only, so for GitHub this comes from a `run.json` saved
	 * by hand.
	 */
	workflowInProgress: z.enum(['running', 'failing', 'on-hold']).optional(),
	/** What started the workflow run, as the CI names it (GitHub's `pull_request`, GitLab's pipeline source `merge_request_event`). */
	event: z.string().optional(),
	/** The pull (merge) request it ran for, by number. */
	pullRequest: z.number().int().positive().optional(),
	branch: z.string().optional(),
	tag: z.string().optional(),
	commit: z.string().optional(),
	author: z.string().optional(),
	message: z.string().optional(),
	startedAt: z.string().optional(),
	durationMs: z.number().nonnegative().optional(),
	queuedMs: z.number().nonnegative().optional(),
	executor: z.string().optional(),
	resourceClass: z.string().optional(),
	/** The original run in the CI's web app (plain http(s) only). */
	url: z.string().optional(),
	steps: z.array(RunStep).default([]),
	/** Files of the run folder, relative to it, in the order they were read. */
	files: z.array(z.string()).default([]),
	diagnostics: z.array(Diagnostic).default([]),
});
export type Run = z.infer<typeof Run>;
export type RunInput = z.input<typeof Run>;

/** What a run-format parser returns for one job of a run folder: identity, matching and redaction come later. */
export type ParsedRun = Omit<RunInput, 'id' | 'group' | 'pipelineId' | 'jobId' | 'entry' | 'files' | 'diagnostics'>;

/**
 * A run as the content store keeps it: every step's `lines` are in one JSON file of the build
 * cache (`logs`, an absolute path, `string[][]` by step) instead of in the store. The store is
 * embedded whole in Astro's server bundle and serialised on every build; at 500k log lines the
 * lines were nine tenths of it and took the build past 3 GiB.
 */
export const StoredRun = Run.extend({
	steps: z.array(RunStep.omit({ lines: true })).default([]),
	logs: z.string(),
});
export type StoredRun = z.infer<typeof StoredRun>;
