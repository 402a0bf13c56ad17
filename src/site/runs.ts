import type { Job, Pipeline, Provider, Run, RunFormat, RunStatus, RunStep, Step, Workflow, WorkflowEntry } from '../model';
import { ALLOWED_TO_FAIL } from '../images/labels';
import { leafSteps } from '../runs/match';
import { workflowWord } from '../describe/workflow';

/** `850ms`, `19s`, `1m 04s`, `2h 03m`: how CI UIs print durations. */
export function formatDuration(ms: number | undefined): string {
	if (ms === undefined) return '—';
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s}s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
	return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export const STATUS_LABELS: Record<RunStatus, string> = {
	success: 'Success',
	failed: 'Failed',
	cancelled: 'Cancelled',
	skipped: 'Skipped',
	running: 'Running',
	timedout: 'Timed out',
	unknown: 'Unknown',
};

/** A whole workflow run (pipeline) not ended when its job was recorded, as the run page says it. */
const IN_PROGRESS_TEXT: Record<Exclude<Run['workflowInProgress'], 'on-hold' | undefined>, string> = {
	running: 'still running',
	failing: 'failing (a job had failed, others were still running)',
};

/** What a whole run on hold waited for, in each CI's terms. */
function onHoldText(provider: Provider): string {
	if (provider === 'circleci') return 'on hold, waiting for an approval,';
	if (provider === 'github-actions') return 'waiting on an environment’s protection rules (a reviewer or a timer)';
	if (provider === 'gitlab') return 'blocked on a manual job';
	return 'on hold';
}

/**
 * What the run page's Workflow row adds about the whole workflow run (`noun`: the CI's word for
 * it): how it ended where that is not this job's end (a job that passed in a run that failed),
 * or how it stood when the job was recorded, if it had not ended.
 */
export function wholeRunText(run: Pick<Run, 'provider' | 'status' | 'workflowStatus' | 'workflowInProgress'>, noun: string): string {
	if (run.workflowStatus !== undefined) return run.workflowStatus === run.status ? '' : ` · the whole ${noun}: ${STATUS_LABELS[run.workflowStatus]}`;
	const stood = run.workflowInProgress === 'on-hold' ? onHoldText(run.provider) : run.workflowInProgress && IN_PROGRESS_TEXT[run.workflowInProgress];
	return stood ? ` · the whole ${noun} was ${stood} when this job was recorded` : '';
}

/**
 * The run page's term for the workflow a job ran in: the CI's word, or, for a GitLab job no
 * config entry matched, "Stage" (GitLab reports a job's stage, not its pipeline's workflow).
 */
export function workflowRowTerm(provider: Provider, matched: boolean): 'Workflow' | 'Pipeline' | 'Stage' {
	if (provider === 'gitlab' && !matched) return 'Stage';
	return workflowWord(provider) === 'pipeline' ? 'Pipeline' : 'Workflow';
}

/** What a run was recorded from, as its page says it. */
export const RUN_FORMAT_LABELS: Record<RunFormat, string> = {
	'circleci-api': 'CircleCI’s API (the job and its steps’ output, as JSON)',
	'circleci-text': 'a CircleCI log copied as text',
	'github-log': 'a GitHub Actions job log',
	'github-archive': 'GitHub Actions’ log archive (a file per step)',
	'github-cli': 'the output of `gh run view --log`',
	'gitlab-trace': 'a GitLab job log (its trace)',
	text: 'a log as plain text',
};

/**
 * What a CI calls where a job ran, as the run page's facts name it: CircleCI's executor and
 * resource class, GitLab's executor and its runner's tag (GitLab.com's `saas-linux-small-amd64`),
 * GitHub's runner (its image or name).
 */
export const EXECUTOR_LABELS: Record<Provider, string> = {
	circleci: 'Executor / resource class',
	'github-actions': 'Runner',
	gitlab: 'Executor / runner tag',
	bitbucket: 'Runner',
	heroku: 'Executor',
	unknown: 'Executor',
};

/**
 * What started a workflow run, in words, by the CI's own name for it (GitHub's events, GitLab's
 * pipeline sources). A name not listed is shown as the CI wrote it.
 */
const RUN_EVENTS: Partial<Record<Provider, Record<string, string>>> = {
	'github-actions': {
		push: 'a push',
		pull_request: 'a pull request',
		pull_request_target: 'a pull request (run in its base branch’s context)',
		merge_group: 'the merge queue',
		schedule: 'its schedule',
		workflow_dispatch: 'someone starting it by hand',
		repository_dispatch: 'an API call',
		workflow_run: 'another workflow’s run',
		workflow_call: 'another workflow calling it',
		release: 'a release',
		create: 'a branch or tag being created',
		delete: 'a branch or tag being deleted',
		issue_comment: 'a comment',
	},
	circleci: {
		github: 'a push or pull request on GitHub',
		bitbucket: 'a push or pull request on Bitbucket',
		gitlab: 'a push or merge request on GitLab',
		api: 'an API call',
		trigger: 'an API call',
		scheduled_workflow: 'a scheduled pipeline',
		retry: 'someone re-running it',
		ssh: 'someone re-running it with SSH',
		edit: 'someone editing the configuration',
	},
	gitlab: {
		push: 'a push',
		merge_request_event: 'a merge request',
		external_pull_request_event: 'an external pull request',
		schedule: 'a pipeline schedule',
		web: 'someone starting it by hand (Run pipeline)',
		api: 'an API call',
		trigger: 'a trigger token',
		pipeline: 'another project’s pipeline',
		parent_pipeline: 'its parent pipeline',
		chat: 'a chat command',
		webide: 'the Web IDE',
	},
};

/** What started a run, in words with the CI's own name in code (`a pull request #482 (\`pull_request\`)`). */
export function runEventText(run: Pick<Run, 'provider' | 'event' | 'pullRequest'>): string | undefined {
	if (run.event === undefined) return undefined;
	const words = RUN_EVENTS[run.provider]?.[run.event];
	const number = run.pullRequest !== undefined ? ` ${run.provider === 'gitlab' ? '!' : '#'}${run.pullRequest}` : '';
	return words ? `${words}${number} (\`${run.event}\`)` : `\`${run.event}\`${number}`;
}

/** A symbol that reads without colour (status is never told by colour alone). */
export const STATUS_SYMBOLS: Record<RunStatus, string> = {
	success: '✓',
	failed: '✗',
	cancelled: '⊘',
	skipped: '↷',
	running: '…',
	timedout: '⧖',
	unknown: '?',
};

export interface TimelineBar {
	label: string;
	status: RunStatus;
	/** Failed or timed out, and the configuration lets it (a step's `allowedToFail`). */
	allowedToFail?: true;
	/** Offsets in ms from the earliest start. */
	start: number;
	duration: number;
	href?: string;
}

/**
 * Bars for a timeline. Items with a start time are placed by it; without one, each starts
 * where the previous ended (CircleCI text exports carry durations only).
 */
export function timeline<T extends { startedAt?: string; durationMs?: number; status: RunStatus; allowedToFail?: true }>(items: readonly T[], label: (item: T) => string, href?: (item: T) => string | undefined): { bars: TimelineBar[]; total: number } {
	const starts = items.map((item) => (item.startedAt ? Date.parse(item.startedAt) : Number.NaN));
	const known = starts.filter((t) => Number.isFinite(t));
	const origin = known.length > 0 ? Math.min(...known) : 0;
	let cursor = 0;
	const bars = items.map((item, i) => {
		const start = Number.isFinite(starts[i]!) ? starts[i]! - origin : cursor;
		const duration = item.durationMs ?? 0;
		cursor = Math.max(cursor, start + duration);
		const link = href?.(item);
		return { label: label(item), status: item.status, ...(item.allowedToFail ? { allowedToFail: true as const } : {}), start, duration, ...(link ? { href: link } : {}) };
	});
	return { bars, total: Math.max(1, ...bars.map((b) => b.start + b.duration)) };
}

/** Step anchors: `step-3`, and its lines `step-3-L42`. */
export const stepAnchor = (step: Pick<RunStep, 'index'>) => `step-${step.index}`;

/** A run as its page is titled: the job the CI ran, and its number there (`run_tests #366`). */
export const runTitle = (run: Pick<Run, 'job' | 'number'>) => `${run.job}${run.number !== undefined ? ` #${run.number}` : ''}`;

/**
 * A status in words: a failure the configuration allows says so, as the CI shows such a step
 * failed while the job goes on.
 */
export function statusLabel(status: RunStatus, allowedToFail = false): string {
	return allowedToFail ? `${STATUS_LABELS[status]}, ${ALLOWED_TO_FAIL}` : STATUS_LABELS[status];
}

/**
 * Failed steps open by default: that is what a reader of a failed run came for. Not one the
 * configuration lets fail: its failure is not the run's.
 */
export function openByDefault(step: Pick<RunStep, 'status' | 'allowedToFail'>): boolean {
	return (step.status === 'failed' || step.status === 'timedout') && !step.allowedToFail;
}

/**
 * Variables a stage lists as `NAME=value` lines (CircleCI's "Preparing environment variables",
 * an `env` dump): their names, in order, once each. Values are not looked at.
 */
export function listedVariables(step: Pick<RunStep, 'lines'>): string[] {
	const names = new Set<string>();
	for (const line of step.lines) {
		const m = /^\s+([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.replace(/\x1b\[[0-9;:]*m/g, ''));
		if (m) names.add(m[1]!);
	}
	return [...names];
}

/** The config step a run step ran: one of its job's own, or one its workflow entry ran around them. */
export type ConfigStep = { step: Step; added?: undefined } | { step: Step; added: { workflow: Workflow; entry: WorkflowEntry; when: 'before' | 'after' } };

/**
 * What matching (src/runs/match.ts) paired a run step with, found again in the model: a step of
 * the job (expanded ones first, as matched), or a step the run's workflow entry added before or
 * after the job's own (CircleCI's `pre-steps`, `post-steps`).
 */
export function configStepOf(run: Pick<Run, 'entry'>, runStep: Pick<RunStep, 'matchedStepId'>, pipeline: Pipeline, job: Job | undefined): ConfigStep | undefined {
	const id = runStep.matchedStepId;
	if (id === undefined) return undefined;
	const within = (steps: readonly Step[]) => leafSteps(steps).find((s) => s.id === id) ?? steps.find((s) => s.id === id);
	const own = job && within(job.steps);
	if (own) return { step: own };
	const workflow = run.entry && pipeline.workflows.find((w) => w.id === run.entry!.workflowId);
	const entry = workflow?.entries.find((e) => e.id === run.entry!.id);
	if (!workflow || !entry) return undefined;
	for (const [when, steps] of [['before', entry.preSteps], ['after', entry.postSteps]] as const) {
		const step = within(steps ?? []);
		if (step) return { step, added: { workflow, entry, when } };
	}
	return undefined;
}
