/**
 * CircleCI runs: the API v1.1 build JSON (`steps[].actions[]`, one action per parallel container)
 * with each action's output saved beside it as `output-<step>-<container>.json` (the JSON array
 * its `output_url` serves), enriched by the API v2 job details (`job.json`) and its workflow's
 * (`workflow.json`: how the whole workflow ended) when present; or the steps' text as downloaded
 * from the web app, `NN-<step name>.txt`, in NN order.
 */
import type { BuiltinStage, ParsedRun, RunStepInput } from '../model';
import type { ReadRun, TextFile } from './folder';
import { baseName, comparePaths, dirName, stem } from './paths';
import type { RunProblem } from './problems';
import { endedStatus, inProgressStatus, mapStatus } from './status';
import { cleanLines } from './terminal';
import { between, isoToMs, msToIso } from './timestamps';

type Json = Record<string, unknown>;

export type CircleciJsonKind = 'build' | 'job' | 'workflow' | 'output';

export interface JsonFile {
	path: string;
	value: unknown;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a parsed JSON file is to CircleCI, if anything. */
export function circleciJsonKind(value: unknown, path: string): CircleciJsonKind | undefined {
	if (isObject(value)) {
		if (Array.isArray(value.steps) && value.steps.every((s) => isObject(s) && Array.isArray(s.actions)) && (value.steps.length > 0 || 'build_num' in value)) return 'build';
		if (typeof value.number === 'number' && ('started_at' in value || 'stopped_at' in value || 'queued_at' in value) && ('executor' in value || 'web_url' in value || 'project' in value || 'pipeline' in value || 'latest_workflow' in value)) return 'job';
		// API v2's workflow (api/v2/workflow/<id>): no number of its own, its pipeline's beside it.
		if (typeof value.id === 'string' && typeof value.status === 'string' && 'pipeline_id' in value && ('pipeline_number' in value || 'project_slug' in value) && !('number' in value)) return 'workflow';
		return undefined;
	}
	if (Array.isArray(value) && value.every((o) => isObject(o) && typeof o.message === 'string') && (value.length > 0 || /output/i.test(baseName(path)))) return 'output';
	return undefined;
}

/** `NN-<step>.txt` or `NN_<step>.txt`: a step's output downloaded from the web app. */
export const CIRCLECI_STEP_FILE = /^(\d+)[-_ ]+(.+)\.(?:txt|log)$/i;

const BUILTINS: [RegExp, BuiltinStage][] = [
	[/^spin up environment$/i, 'spin-up'],
	[/^starting the build$/i, 'spin-up'],
	[/^start container$/i, 'spin-up'],
	// Secondary (service) containers show as "Container <image>" steps, started with the environment.
	[/^container \S+/i, 'spin-up'],
	[/^preparing environment variables$/i, 'environment'],
	[/^exporting env(?:ironment)? var/i, 'environment'],
];

export function circleciBuiltin(name: string): BuiltinStage | undefined {
	return BUILTINS.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

export interface CircleciInput {
	builds: JsonFile[];
	jobs: JsonFile[];
	/** API v2 workflows (`workflow.json`), each matched to the runs of its jobs by id. */
	workflows?: JsonFile[];
	outputs: JsonFile[];
	/** Plain-text step files (`NN-<step>.txt`). */
	stepTexts: TextFile[];
}

export function readCircleci(input: CircleciInput): { reads: ReadRun[]; problems: RunProblem[] } {
	const reads: ReadRun[] = [];
	const problems: RunProblem[] = [];
	const allWorkflows = input.workflows ?? [];
	const dirs = new Set([...input.builds, ...input.jobs, ...allWorkflows, ...input.outputs, ...input.stepTexts].map((f) => dirName(f.path)));
	const usedJobs = new Set<JsonFile>();
	for (const dir of [...dirs].sort(comparePaths)) {
		const inDir = <T extends { path: string }>(list: T[]) => list.filter((f) => dirName(f.path) === dir).sort((a, b) => comparePaths(a.path, b.path));
		const builds = inDir(input.builds);
		const jobs = inDir(input.jobs);
		const outputs = inDir(input.outputs);
		const texts = inDir(input.stepTexts);
		const workflows = inDir(allWorkflows);
		// Each run's workflow id, as its files name it: matched to the saved workflows once the folder is read.
		const workflowIds = new Map<number, string | undefined>();
		const first = reads.length;
		const claimed = new Set<JsonFile>();
		for (const build of builds) {
			const value = build.value as Json;
			const job = pickJob(jobs, num(value.build_num), builds.length === 1);
			if (job) usedJobs.add(job);
			const mine = assignOutputs(value, outputs, builds.length > 1, problems);
			for (const file of mine.keys()) claimed.add(file);
			workflowIds.set(reads.push(fromBuild(build, value, job, mine)) - 1, workflowId(value, job));
		}
		const orphans = outputs.filter((o) => !claimed.has(o));
		if (orphans.length > 0) {
			for (const file of orphans) {
				problems.push({
					file: file.path,
					message: builds.length > 0 ? 'Could not tell which step of the build this CircleCI step output belongs to; shown as a step of its own' : 'CircleCI step output without its build JSON; shown as a step of its own',
					hint: 'Save the v1.1 build JSON beside its step outputs and name them output-<step position>-<container>.json.',
				});
			}
			const steps = orphans.map((file, i) => ({ ...outputStep(file.value as unknown[]), index: i + 1, name: stem(file.path), status: 'unknown' as const }));
			reads.push({ run: { provider: 'circleci', format: 'circleci-api', job: baseName(dir) || 'job', status: 'unknown', steps }, files: orphans.map((f) => f.path) });
		}
		if (texts.length > 0) {
			const job = pickJob(jobs.filter((j) => !usedJobs.has(j)), undefined, true);
			if (job) usedJobs.add(job);
			workflowIds.set(reads.push(fromStepTexts(dir, texts, job)) - 1, workflowId(undefined, job));
		}
		for (const job of jobs.filter((j) => !usedJobs.has(j))) {
			usedJobs.add(job);
			problems.push({ file: job.path, message: 'CircleCI job details without step output: the run has no steps', hint: 'Save the v1.1 build JSON (api/v1.1/project/<vcs>/<org>/<repo>/<number>) or the steps’ output beside it.' });
			const run: ParsedRun = { provider: 'circleci', format: 'circleci-api', job: 'job', status: 'unknown', steps: [] };
			enrich(run, job.value as Json);
			workflowIds.set(reads.push({ run, files: [job.path] }) - 1, workflowId(undefined, job));
		}
		const used = new Set<JsonFile>();
		const attach = (index: number, workflow: JsonFile) => {
			used.add(workflow);
			reads[index] = withWorkflow(reads[index]!, workflow);
		};
		for (const [index, id] of workflowIds) {
			const workflow = id === undefined ? undefined : workflows.find((w) => (w.value as Json).id === id);
			if (workflow) attach(index, workflow);
		}
		// A run whose files name no workflow (its steps' text alone) takes the folder's only one, unless another run's it is.
		const lone = workflows.length === 1 && !used.has(workflows[0]!) ? workflows[0] : undefined;
		if (lone) for (const [index, id] of workflowIds) if (id === undefined) attach(index, lone);
		const unnamed = [...workflowIds.values()].some((id) => id === undefined);
		for (const workflow of workflows.filter((w) => !used.has(w))) {
			const name = str((workflow.value as Json).name);
			const why = reads.length === first ? 'the folder has no job' : unnamed ? 'its jobs’ files do not say which workflow they ran in, and the folder holds several' : 'its jobs’ files name another workflow';
			problems.push({
				file: workflow.path,
				message: `CircleCI workflow details${name ? ` (${name})` : ''} of no job in this folder: ${why}; not shown`,
				hint: 'Save a workflow beside the job that ran in it: api/v2/workflow/<id>, the id of the job’s latest_workflow.',
			});
		}
	}
	return { reads, problems };
}

/** The workflow a build or job ran in, as the v2 job details (`latest_workflow.id`) or the v1.1 build (`workflows.workflow_id`) say. */
function workflowId(build: Json | undefined, job: JsonFile | undefined): string | undefined {
	const latest = job && isObject((job.value as Json).latest_workflow) ? ((job.value as Json).latest_workflow as Json) : {};
	const workflows = build && isObject(build.workflows) ? build.workflows : {};
	return str(latest.id) ?? str(workflows.workflow_id);
}

/** How the run's whole workflow ended, from its saved workflow. */
function withWorkflow(read: ReadRun, workflow: JsonFile): ReadRun {
	const value = workflow.value as Json;
	const run = { ...read.run };
	fill(run, 'workflow', str(value.name));
	fill(run, 'workflowStatus', endedStatus(str(value.status)));
	// Or still going when its job was recorded (`running`, `failing`, `on_hold`).
	fill(run, 'workflowInProgress', inProgressStatus(str(value.status)));
	return { ...read, run, files: [...read.files, workflow.path] };
}

/** The v2 job details of a build: the one of its number, or the folder's only one when neither says otherwise. */
function pickJob(jobs: JsonFile[], number: number | undefined, alone: boolean): JsonFile | undefined {
	const byNumber = number === undefined ? undefined : jobs.find((j) => (j.value as Json).number === number);
	if (byNumber) return byNumber;
	return alone && jobs.length === 1 && number === undefined ? jobs[0] : undefined;
}

/**
 * Which saved output is which action's: the numbers in its name are the step's position in
 * `steps[]` and the container (`output-3-0.json`); a single number is the step, on its only
 * container. The build number may come first (`812-output-3-0.json`), and must when several
 * builds share the folder.
 */
function assignOutputs(build: Json, outputs: JsonFile[], several: boolean, problems: RunProblem[]): Map<JsonFile, { step: number; container: number }> {
	const steps = Array.isArray(build.steps) ? (build.steps as Json[]) : [];
	const taken = new Map<string, JsonFile>();
	const mine = new Map<JsonFile, { step: number; container: number }>();
	for (const file of outputs) {
		let numbers = (stem(file.path).match(/\d+/g) ?? []).map(Number);
		if (numbers[0] === num(build.build_num) && (several || numbers.length === 3)) numbers = numbers.slice(1);
		else if (several) continue;
		if (numbers.length === 0 || numbers.length > 2) continue;
		const step = numbers[0]!;
		const actions = Array.isArray(steps[step]?.actions) ? (steps[step]!.actions as Json[]) : undefined;
		if (!actions) continue;
		const containers = actions.map((a, i) => (isObject(a) ? whole(a.index) : undefined) ?? i);
		const container = numbers.length === 2 ? numbers[1]! : containers.length === 1 ? containers[0]! : undefined;
		if (container === undefined || !containers.includes(container)) continue;
		const key = `${step}-${container}`;
		const other = taken.get(key);
		if (other) {
			problems.push({ file: file.path, message: `Another file (${other.path}) already holds the output of step ${step} on container ${container}; this one is left out of that step` });
			continue;
		}
		taken.set(key, file);
		mine.set(file, { step, container });
	}
	return mine;
}

function fromBuild(file: JsonFile, build: Json, job: JsonFile | undefined, outputs: Map<JsonFile, { step: number; container: number }>): ReadRun {
	const byAction = new Map<string, JsonFile>();
	for (const [output, at] of outputs) byAction.set(`${at.step}-${at.container}`, output);
	const rawSteps = Array.isArray(build.steps) ? (build.steps as Json[]) : [];
	const parallel = (num(build.parallel) ?? 1) > 1 || rawSteps.some((s) => Array.isArray(s.actions) && s.actions.length > 1);
	const steps: (RunStepInput & { order: [number, number] })[] = [];
	rawSteps.forEach((raw, position) => {
		const actions: unknown[] = Array.isArray(raw.actions) ? raw.actions : [];
		actions.forEach((action, i) => {
			// An action that is not an object (`null` in an edited file) has nothing to show.
			if (!isObject(action)) return;
			const container = whole(action.index) ?? i;
			const output = byAction.get(`${position}-${container}`);
			const name = str(action.name) ?? str(raw.name) ?? `Step ${position + 1}`;
			const step: RunStepInput & { order: [number, number] } = {
				...(output ? outputStep(output.value as unknown[]) : { lines: [], sections: [], marks: [] }),
				index: position + 1,
				name,
				status: actionStatus(action),
				order: [container, position],
			};
			const builtin = circleciBuiltin(name);
			if (builtin) step.builtin = builtin;
			const exitCode = num(action.exit_code);
			if (exitCode !== undefined && Number.isInteger(exitCode)) step.exitCode = exitCode;
			const startedAt = msToIso(isoToMs(action.start_time));
			if (startedAt) step.startedAt = startedAt;
			const duration = num(action.run_time_millis) ?? between(isoToMs(action.start_time), isoToMs(action.end_time));
			if (duration !== undefined && duration >= 0) step.durationMs = duration;
			const command = str(action.bash_command);
			if (command) step.command = command;
			if (parallel) step.container = container;
			steps.push(step);
		});
	});
	steps.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
	const workflows = isObject(build.workflows) ? build.workflows : {};
	const params = isObject(build.build_parameters) ? build.build_parameters : {};
	let status = mapStatus(build.status);
	if (status === 'unknown' || build.status === 'retried') status = mapStatus(build.outcome) === 'unknown' ? status : mapStatus(build.outcome);
	const run: ParsedRun = {
		provider: 'circleci',
		format: 'circleci-api',
		job: str(workflows.job_name) ?? str(build.job_name) ?? str(params.CIRCLE_JOB) ?? 'build',
		status,
		steps: steps.map(({ order: _order, ...step }) => step),
	};
	set(run, 'workflow', str(workflows.workflow_name));
	set(run, 'number', whole(build.build_num));
	set(run, 'branch', str(build.branch));
	set(run, 'tag', str(build.vcs_tag));
	set(run, 'commit', str(build.vcs_revision));
	set(run, 'author', str(build.author_name) ?? str(build.committer_name) ?? (isObject(build.user) ? str(build.user.login) : undefined));
	set(run, 'message', str(build.subject));
	// `why` is CircleCI's name for what started the build (`github`, `api`, `scheduled_workflow`).
	set(run, 'event', str(build.why));
	set(run, 'url', httpUrl(build.build_url));
	const start = isoToMs(build.start_time);
	set(run, 'startedAt', msToIso(start));
	set(run, 'durationMs', duration(build.build_time_millis) ?? between(start, isoToMs(build.stop_time)));
	set(run, 'queuedMs', between(isoToMs(build.queued_at), start));
	const picard = isObject(build.picard) ? build.picard : {};
	set(run, 'executor', str(picard.executor) ?? str(build.executor));
	set(run, 'resourceClass', isObject(picard.resource_class) ? str(picard.resource_class.class) : str(picard.resource_class));
	if (job) enrich(run, job.value as Json);
	const files = [file.path, ...(job ? [job.path] : []), ...[...outputs.keys()].map((f) => f.path).sort(comparePaths)];
	return { run, files };
}

function actionStatus(action: Json): RunStepInput['status'] {
	const status = mapStatus(action.status);
	if (status !== 'unknown') return status;
	if (action.timedout === true) return 'timedout';
	if (action.canceled === true) return 'cancelled';
	if (action.failed === true || action.infrastructure_fail === true) return 'failed';
	return 'unknown';
}

/** An action's output array as log lines; what CircleCI sent on stderr (`type: 'err'`) is marked. */
function outputStep(messages: unknown[]): Pick<RunStepInput, 'lines' | 'sections' | 'marks'> {
	const chunks: string[] = [];
	const errorLines = new Set<number>();
	let line = 0;
	for (const item of messages) {
		if (!isObject(item) || typeof item.message !== 'string') continue;
		const text = item.message;
		const first = line;
		for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
		const last = text.endsWith('\n') ? line - 1 : line;
		if (item.type === 'err') for (let l = first; l <= last; l++) errorLines.add(l);
		chunks.push(text);
	}
	const lines = cleanLines(chunks.join(''));
	const marks = [...errorLines].filter((l) => l < lines.length).sort((a, b) => a - b).map((l) => ({ line: l, level: 'error' as const }));
	return { lines, sections: [], marks };
}

function fromStepTexts(dir: string, texts: TextFile[], job: JsonFile | undefined): ReadRun {
	const ordered = texts
		.map((file) => ({ file, m: CIRCLECI_STEP_FILE.exec(baseName(file.path))! }))
		.sort((a, b) => Number(a.m[1]) - Number(b.m[1]) || comparePaths(a.file.path, b.file.path));
	const steps: RunStepInput[] = ordered.map(({ file, m }, i) => {
		const name = m[2]!.trim();
		const step: RunStepInput = { index: i + 1, name, status: 'unknown', lines: cleanLines(file.text), sections: [], marks: [] };
		const builtin = circleciBuiltin(name);
		if (builtin) step.builtin = builtin;
		return step;
	});
	const run: ParsedRun = { provider: 'circleci', format: 'circleci-text', job: baseName(dir) || 'job', status: 'unknown', steps };
	if (job) enrich(run, job.value as Json);
	return { run, files: [...(job ? [job.path] : []), ...ordered.map((o) => o.file.path)] };
}

/** Fills what the v1.1 build (or the text steps) left open from the v2 job details. */
function enrich(run: ParsedRun, job: Json): void {
	if (run.job === 'job' || run.job === 'build') run.job = str(job.name) ?? run.job;
	if (run.status === 'unknown') run.status = mapStatus(job.status);
	const workflow = isObject(job.latest_workflow) ? job.latest_workflow : {};
	const pipeline = isObject(job.pipeline) ? job.pipeline : {};
	const vcs = isObject(pipeline.vcs) ? pipeline.vcs : {};
	const commit = isObject(vcs.commit) ? vcs.commit : {};
	const executor = isObject(job.executor) ? job.executor : {};
	const start = isoToMs(job.started_at);
	fill(run, 'workflow', str(workflow.name));
	fill(run, 'number', whole(job.number));
	fill(run, 'branch', str(vcs.branch));
	fill(run, 'tag', str(vcs.tag));
	fill(run, 'commit', str(vcs.revision));
	fill(run, 'message', str(commit.subject));
	fill(run, 'url', httpUrl(job.web_url));
	fill(run, 'startedAt', msToIso(start));
	fill(run, 'durationMs', duration(job.duration) ?? between(start, isoToMs(job.stopped_at)));
	fill(run, 'queuedMs', between(isoToMs(job.queued_at), start));
	fill(run, 'executor', str(executor.type));
	fill(run, 'resourceClass', str(executor.resource_class));
}

function set<K extends keyof ParsedRun>(run: ParsedRun, key: K, value: ParsedRun[K] | undefined): void {
	if (value !== undefined) run[key] = value;
}

function fill<K extends keyof ParsedRun>(run: ParsedRun, key: K, value: ParsedRun[K] | undefined): void {
	if (run[key] === undefined && value !== undefined) run[key] = value;
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Build numbers and container indexes are whole and not negative; edited JSON may say otherwise. */
function whole(value: unknown): number | undefined {
	return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

/** A negative duration is no duration. */
function duration(value: unknown): number | undefined {
	const n = num(value);
	return n !== undefined && n >= 0 ? n : undefined;
}

/** Only plain web links are kept: the page links to it. */
function httpUrl(value: unknown): string | undefined {
	const text = str(value);
	return text && /^https?:\/\/[^\s]+$/i.test(text) ? text : undefined;
}
