/**
 * The API responses `record` saves beside GitHub and GitLab logs (`run.json`, `jobs.json`,
 * `job.json`): logs do not say which branch, commit or author a run was for, these do.
 */
import type { ParsedRun } from '../model';
import { endedStatus, inProgressStatus, mapStatus } from './status';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const firstLine = (v: unknown) => str(v)?.split('\n')[0];
/** Run numbers are whole; a saved response edited by hand may say otherwise. */
const whole = (v: unknown) => (Number.isSafeInteger(v) ? (v as number) : undefined);
/** GitLab's seconds as milliseconds; a negative duration is no duration. */
const millis = (seconds: unknown) => {
	const n = num(seconds);
	return n !== undefined && n >= 0 ? Math.round(n * 1000) : undefined;
};

export type ApiMetadataKind = 'github-run' | 'github-jobs' | 'gitlab-job';

export function apiMetadataKind(value: unknown): ApiMetadataKind | undefined {
	if (!isObject(value)) return undefined;
	if ('run_number' in value && ('head_sha' in value || 'workflow_id' in value)) return 'github-run';
	if (Array.isArray(value.jobs) && value.jobs.every((j) => isObject(j) && 'run_id' in j)) return 'github-jobs';
	if ('stage' in value && 'pipeline' in value && /\/-\/jobs\//.test(str(value.web_url) ?? '')) return 'gitlab-job';
	return undefined;
}

const msBetween = (from: unknown, to: unknown) => {
	const a = Date.parse(str(from) ?? '');
	const b = Date.parse(str(to) ?? '');
	return Number.isFinite(a) && Number.isFinite(b) && b >= a ? b - a : undefined;
};

/** The CI's own clock covers the whole job; a log's timestamps only the part it printed. */
const API_WINS = new Set<keyof ParsedRun>(['startedAt', 'durationMs', 'queuedMs', 'number', 'url']);

/** Fields the API knows and the log does not; otherwise what the log says wins. */
function fill(run: ParsedRun, fields: Partial<ParsedRun>): ParsedRun {
	const out: ParsedRun = { ...run };
	for (const [key, value] of Object.entries(fields) as [keyof ParsedRun, unknown][]) {
		if (value === undefined) continue;
		if (out[key] === undefined || API_WINS.has(key) || (key === 'status' && out.status === 'unknown')) (out as Record<string, unknown>)[key] = value;
	}
	return out;
}

const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function withGithubMetadata(run: ParsedRun, runJson: Json | undefined, jobsJson: Json | undefined): ParsedRun {
	let out = run;
	if (runJson) {
		const commit = isObject(runJson.head_commit) ? runJson.head_commit : {};
		const author = isObject(commit.author) ? commit.author : {};
		const actor = isObject(runJson.actor) ? runJson.actor : {};
		out = fill(out, {
			workflow: str(runJson.name),
			number: whole(runJson.run_number),
			event: str(runJson.event),
			pullRequest: pullRequestOf(runJson),
			branch: str(runJson.head_branch),
			commit: str(runJson.head_sha),
			author: str(author.name) ?? str(actor.login),
			message: firstLine(commit.message) ?? str(runJson.display_title),
			workflowStatus: str(runJson.status) === 'completed' ? endedStatus(str(runJson.conclusion)) : undefined,
			workflowInProgress: inProgressStatus(str(runJson.status)),
		});
	}
	const jobs = Array.isArray(jobsJson?.jobs) ? jobsJson.jobs.filter(isObject) : [];
	const job = jobs.find((j) => norm(str(j.name) ?? '') === norm(run.job));
	if (job) {
		const labels = Array.isArray(job.labels) ? job.labels.filter((l): l is string => typeof l === 'string') : [];
		out = fill(out, {
			startedAt: str(job.started_at),
			durationMs: msBetween(job.started_at, job.completed_at),
			queuedMs: msBetween(job.created_at, job.started_at),
			url: str(job.html_url),
			executor: str(job.runner_name) ?? (labels.length > 0 ? labels.join(', ') : undefined),
		});
		// A finished job's conclusion is GitHub's own verdict, with `continue-on-error` and a step that
		// fails with no exit code already weighed: it wins over the status read off the log's steps.
		// An unfinished job's state (`in_progress`) only fills in a log that says nothing.
		const concluded = str(job.status) === 'completed' ? mapStatus(str(job.conclusion) ?? '') : 'unknown';
		const reported = concluded !== 'unknown' ? concluded : out.status === 'unknown' ? mapStatus(str(job.status) ?? '') : 'unknown';
		if (reported !== 'unknown') {
			const { statusFromSteps: _, ...rest } = out;
			out = { ...rest, status: reported };
		}
	}
	// Without the job's own page (no jobs.json), the workflow run's: a way back to GitHub still.
	const runUrl = runJson ? str(runJson.html_url) : undefined;
	return out.url === undefined && runUrl !== undefined ? { ...out, url: runUrl } : out;
}

/**
 * The pull request a GitHub workflow run was for: of a pull request event, the one of its
 * `pull_requests` at the commit or branch it ran (GitHub lists none for a fork's). A push to a
 * branch with a pull request open lists it too: a push says no number.
 */
function pullRequestOf(runJson: Json): number | undefined {
	if (!/^pull_request/.test(str(runJson.event) ?? '')) return undefined;
	const requests = Array.isArray(runJson.pull_requests) ? runJson.pull_requests.filter(isObject) : [];
	const head = (pr: Json) => (isObject(pr.head) ? pr.head : {});
	const own = requests.find((pr) => str(head(pr).sha) === str(runJson.head_sha)) ?? requests.find((pr) => str(head(pr).ref) === str(runJson.head_branch));
	return positive(own?.number);
}

/** A request's number: whole and above zero, else none (the model holds no other). */
function positive(value: unknown): number | undefined {
	const number = whole(value);
	return number !== undefined && number > 0 ? number : undefined;
}

export function withGitlabMetadata(run: ParsedRun, job: Json): ParsedRun {
	const commit = isObject(job.commit) ? job.commit : {};
	const runner = isObject(job.runner) ? job.runner : {};
	const pipeline = isObject(job.pipeline) ? job.pipeline : {};
	const ref = str(job.ref);
	const named = fill({ ...run, job: str(job.name) ?? run.job }, {
		number: whole(job.id),
		branch: job.tag === true ? undefined : ref,
		tag: job.tag === true ? ref : undefined,
		commit: str(commit.id),
		author: str(commit.author_name),
		message: firstLine(commit.title),
		startedAt: str(job.started_at),
		durationMs: millis(job.duration),
		queuedMs: millis(job.queued_duration),
		status: mapStatus(str(job.status) ?? ''),
		url: str(job.web_url),
		executor: str(runner.description),
		event: str(pipeline.source),
		workflowStatus: endedStatus(str(pipeline.status)),
		workflowInProgress: inProgressStatus(str(pipeline.status)),
		pullRequest: ref ? positive(Number(/^refs\/merge-requests\/(\d+)\//.exec(ref)?.[1])) : undefined,
	});
	return { ...named, workflow: named.workflow ?? str(job.stage) };
}
