/**
 * GitHub Actions job logs: a timestamp on every line the runner wrote (`2024-01-01T00:00:00.0000000Z
 * message`; lines without one continue the line before), `##[...]` markers for folds and
 * annotations. Steps are found the way the web UI's raw log shows them: "Set up job" up to the
 * first `##[group]Run `, a step per `##[group]Run <x>`, post steps from "Post job cleanup.",
 * "Complete job" from "Cleaning up orphan processes". Logs written with step debugging name every
 * step (`##[debug]Starting: <name>`), skipped ones included, and those names win.
 */
import type { BuiltinStage, RunStatus, RunStepInput } from '../model';
import { statusOfSteps } from './status';
import { StepLog } from './step-log';
import { cleanLine, visibleText } from './terminal';
import { between, isoToMs, msToIso } from './timestamps';

export interface GithubLine {
	/** Milliseconds since the epoch, when the line carried a timestamp. */
	ts?: number;
	/** The line after its timestamp, still raw (markers, ANSI). */
	text: string;
}

export interface StepDraft {
	name: string;
	builtin?: BuiltinStage;
	lines: GithubLine[];
	/** Step debugging logged the step's condition as false and never started it. */
	skipped?: boolean;
	/** The CI's own number for the step (archive file names carry it). */
	number?: number;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)(?: |$)/;

/** Timestamps split off; a BOM may sit at the start of any line (`gh` output puts one mid-file). */
export function readGithubLines(rawLines: readonly string[]): GithubLine[] {
	const lines: GithubLine[] = [];
	for (let raw of rawLines) {
		if (raw.charCodeAt(0) === 0xfeff) raw = raw.replace(/^\uFEFF+/, '');
		const m = TIMESTAMP.exec(raw);
		if (m) lines.push({ ts: isoToMs(m[1]), text: raw.slice(m[0].length) });
		else lines.push({ text: raw });
	}
	return lines;
}

/** Whether most of a text's first lines start with a GitHub timestamp (lines without one continue the line before). */
export function looksLikeGithubLog(rawLines: readonly string[]): boolean {
	let stamped = 0;
	let seen = 0;
	for (const raw of rawLines) {
		if (seen >= 200) break;
		if (raw.trim() === '') continue;
		seen++;
		if (TIMESTAMP.test(raw.replace(/^\uFEFF+/, ''))) stamped++;
		else if (seen === 1) return false;
	}
	return seen > 0 && stamped * 2 >= seen;
}

const BUILTIN_NAMES: [RegExp, BuiltinStage][] = [
	[/^Set up job$/i, 'set-up-job'],
	[/^Complete job$/i, 'complete-job'],
	[/^Post\b/, 'post-job'],
	[/^Initialize containers$/i, 'spin-up'],
	[/^Stop containers$/i, 'cleanup'],
];

/** The stage GitHub runs itself that a step name stands for. */
export function githubBuiltin(name: string): BuiltinStage | undefined {
	return BUILTIN_NAMES.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

const RUN_GROUP = /^##\[group\](Run .*)$/;
const POST_ACTION = /^(?:##\[group\])?(Post (?:Run )?[\w.-]+\/[^\s@]*(?:@\S+)?)$/;
const COMPLETE_JOB = /^(?:Cleaning up orphan processes|Evaluate and set job outputs)$/;
const DEBUG_STEP = /^##\[(?:debug|section)\](?:(Starting): (.*)|(Evaluating condition) for step: '(.*)')$/;

export interface SplitOptions {
	/** What the lines before the first step are: "Set up job" for a whole job log. */
	preamble?: { name: string; builtin?: BuiltinStage };
}

/** Steps of a job log (or a piece of one), in order; empty leading pieces dropped. */
export function splitGithubSteps(lines: readonly GithubLine[], options: SplitOptions = {}): { steps: StepDraft[]; jobName?: string } {
	const preamble = options.preamble ?? { name: 'Set up job', builtin: 'set-up-job' };
	const debug = lines.some((line) => /^##\[(?:debug|section)\]Starting: /.test(line.text));
	return debug ? splitByDebug(lines, preamble) : splitByMarkers(lines, preamble);
}

function draft(name: string, builtin?: BuiltinStage): StepDraft {
	const stage = builtin ?? githubBuiltin(name);
	return stage ? { name, builtin: stage, lines: [] } : { name, lines: [] };
}

function splitByMarkers(lines: readonly GithubLine[], preamble: { name: string; builtin?: BuiltinStage }): { steps: StepDraft[]; jobName?: string } {
	const steps: StepDraft[] = [];
	let current = draft(preamble.name, preamble.builtin);
	let leading = true;
	const start = (next: StepDraft) => {
		// A log that starts with a step (a per-step file) has no preamble.
		if (!leading || current.lines.length > 0) steps.push(current);
		leading = false;
		current = next;
	};
	for (const line of lines) {
		const text = line.text;
		let m: RegExpExecArray | null;
		if (text.startsWith('##[group]') && (m = RUN_GROUP.exec(text))) {
			start(draft(visibleText(m[1]!).trim()));
		} else if (text === 'Post job cleanup.') {
			start(draft('Post job cleanup', 'post-job'));
		} else if ((text.startsWith('Post ') || text.startsWith('##[group]Post ')) && (m = POST_ACTION.exec(text))) {
			start(draft(visibleText(m[1]!), 'post-job'));
		} else if (current.builtin !== 'complete-job' && COMPLETE_JOB.test(text)) {
			start(draft('Complete job', 'complete-job'));
		}
		current.lines.push(line);
	}
	if (!leading || current.lines.length > 0 || steps.length === 0) steps.push(current);
	return { steps, jobName: findJobName(lines) };
}

function splitByDebug(lines: readonly GithubLine[], preamble: { name: string; builtin?: BuiltinStage }): { steps: StepDraft[]; jobName?: string } {
	const steps: StepDraft[] = [];
	let current: StepDraft = draft(preamble.name, preamble.builtin);
	let jobName: string | undefined;
	// A whole job log starts with the job's own "Starting: <job>"; a piece of one does not.
	let setUpSeen = preamble.builtin !== 'set-up-job';
	for (const line of lines) {
		const m = DEBUG_STEP.exec(line.text);
		if (m) {
			const what = m[1] ?? m[3];
			const name = m[2] ?? m[4] ?? '';
			if (what === 'Starting') {
				if (name === 'Set up job') setUpSeen = true;
				else if (!setUpSeen && jobName === undefined) jobName = name;
				else if (current.name === name) current.skipped = false;
				else {
					steps.push(current);
					current = draft(name);
				}
			} else if (current.name !== name) {
				steps.push(current);
				current = { ...draft(name), skipped: true };
			}
		}
		current.lines.push(line);
	}
	steps.push(current);
	return { steps: steps.filter((step, i) => i > 0 || step.lines.length > 0), jobName: findJobName(lines) ?? jobName };
}

/** The job's display name, which "Set up job" prints (matrix values included). */
export function findJobName(lines: readonly GithubLine[]): string | undefined {
	for (const line of lines) {
		if (line.text.startsWith('Complete job name: ')) return visibleText(line.text.slice('Complete job name: '.length)).trim() || undefined;
	}
	return undefined;
}

/** A step of a job log with what its lines say about how it ended. */
export interface BuiltStep {
	step: RunStepInput;
	firstTs?: number;
	lastTs?: number;
	hasError: boolean;
	exitCode?: number;
	ended?: 'cancelled' | 'timedout';
	/** It ran past its own `timeout-minutes`, not the job's. */
	ownTimeout?: true;
	skipped: boolean;
}

const MARKER = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\](.*)$/;
const WORKFLOW_COMMAND = /^::(group|endgroup|error|warning|notice|debug)(?: [^:]*)?::(.*)$/;
const EXIT_CODE = /^Process completed with exit code (-?\d+)\.?$/;
const DEBUG_EXIT_CODE = /^(?:Node|Docker|Composite) Action run completed with exit code (-?\d+)\.?$/;
const CANCELLED = /^The operation was canceled\.?$/;
const TIMED_OUT = /has exceeded the maximum execution time|has timed out/;
/**
 * What the runner says of a step stopped by its own `timeout-minutes`: "The action 'Test' has
 * timed out after 3 minutes." (older runners: "The action has timed out."). The job's limit
 * reads "…has exceeded the maximum execution time…".
 */
const OWN_TIMEOUT = /^The action (?:'.*' )?has timed out(?: after \d+ minutes?)?\.?$/;
/** The script of a `run:` step, echoed in cyan inside its "Run ..." fold. */
const SCRIPT_LINE = /^\x1b\[36;1m(.*?)(?:\x1b\[0m)?$/;

/** One step's shown log: markers become folds and marks, ANSI kept, redraws collapsed. */
export function buildGithubStep(draft: StepDraft, index: number): BuiltStep {
	const log = new StepLog();
	let groupOpen = false;
	let inHeader = false;
	let headerSeen = false;
	const script: string[] = [];
	let firstTs: number | undefined;
	let lastTs: number | undefined;
	let hasError = false;
	let exitCode: number | undefined;
	let ended: BuiltStep['ended'];
	let ownTimeout = false;
	draft.lines.forEach((line, i) => {
		if (line.ts !== undefined) {
			firstTs ??= line.ts;
			lastTs = line.ts;
		}
		const text = line.text;
		let m = text.startsWith('##[') ? MARKER.exec(text) : text.startsWith('::') ? WORKFLOW_COMMAND.exec(text) : null;
		// With step debugging the runner echoes a workflow command, then writes what it made of it: the echo is just a line.
		if (m && text.startsWith('::') && draft.lines[i + 1]?.text.startsWith(`##[${m[1]}]`)) m = null;
		const kind = m?.[1];
		const rest = m?.[2] ?? '';
		if (kind === 'group') {
			// GitHub's folds do not nest: a new one ends the one before.
			if (groupOpen) log.closeSection();
			// The step's own "Run ..." fold comes first (after debug lines, with step debugging).
			inHeader = !headerSeen && /^Run /.test(rest);
			headerSeen = true;
			log.openSection(visibleText(rest).trim());
			log.push(cleanLine(rest));
			groupOpen = true;
		} else if (kind === 'endgroup') {
			if (groupOpen) log.closeSection();
			groupOpen = false;
			inHeader = false;
		} else if (kind === 'error' || kind === 'warning' || kind === 'notice' || kind === 'debug' || kind === 'command') {
			log.push(cleanLine(rest), kind);
			if (kind === 'error') {
				hasError = true;
				const code = EXIT_CODE.exec(rest.trim());
				if (code) exitCode = Number(code[1]);
				else if (CANCELLED.test(rest.trim())) ended = 'cancelled';
				else if (TIMED_OUT.test(rest)) {
					ended = 'timedout';
					ownTimeout = OWN_TIMEOUT.test(rest.trim());
				}
			} else if (kind === 'debug' && exitCode === undefined) {
				const code = DEBUG_EXIT_CODE.exec(rest.trim());
				if (code) exitCode = Number(code[1]);
			}
		} else if (kind === 'section') {
			log.push(cleanLine(rest));
		} else if (text.startsWith('[command]')) {
			log.push(cleanLine(text.slice('[command]'.length)), 'command');
		} else {
			if (inHeader) {
				const s = SCRIPT_LINE.exec(text);
				if (s) script.push(visibleText(s[1]!));
			}
			log.push(cleanLine(text));
		}
	});
	const { lines, sections, marks } = log.finish();
	const step: RunStepInput = {
		index,
		name: draft.name,
		status: 'unknown',
		lines,
		sections,
		marks,
	};
	if (draft.builtin) step.builtin = draft.builtin;
	if (script.length > 0) step.command = script.join('\n');
	if (exitCode !== undefined) step.exitCode = exitCode;
	const startedAt = msToIso(firstTs);
	if (startedAt) step.startedAt = startedAt;
	const built: BuiltStep = { step, hasError, skipped: draft.skipped === true };
	if (firstTs !== undefined) built.firstTs = firstTs;
	if (lastTs !== undefined) built.lastTs = lastTs;
	if (exitCode !== undefined) built.exitCode = exitCode;
	if (ended) built.ended = ended;
	if (ended === 'timedout' && ownTimeout) built.ownTimeout = true;
	return built;
}

/**
 * Statuses and durations, which need the steps around each one: a step lasts until the next
 * one starts; an error-marked step failed when no step of the job's own ran after it (a
 * failing action shows only `##[error]<message>`, and the job then skips to post steps).
 */
export function finishGithubSteps(built: BuiltStep[]): { steps: RunStepInput[]; status: RunStatus; startedAt?: string; durationMs?: number } {
	const ranMainAfter: boolean[] = new Array(built.length).fill(false);
	// The first timestamp of a later step, found in the same backward pass: looking ahead from
	// every step would be quadratic, and a log may have a hundred thousand steps.
	const nextTs: (number | undefined)[] = new Array(built.length).fill(undefined);
	let later = false;
	let laterTs: number | undefined;
	for (let i = built.length - 1; i >= 0; i--) {
		ranMainAfter[i] = later;
		nextTs[i] = laterTs;
		const b = built[i]!;
		if (!b.skipped && !b.step.builtin && b.step.lines && b.step.lines.length > 0) later = true;
		if (b.firstTs !== undefined) laterTs = b.firstTs;
	}
	const steps = built.map((b, i) => {
		const step = { ...b.step };
		step.status = stepStatus(b, ranMainAfter[i]!);
		if (step.status === 'timedout' && b.ownTimeout) step.ownTimeout = true;
		const duration = between(b.firstTs, nextTs[i] ?? b.lastTs);
		if (duration !== undefined && !b.skipped) step.durationMs = duration;
		return step;
	});
	const status = statusOfSteps(steps);
	const first = built.find((b) => b.firstTs !== undefined)?.firstTs;
	const last = built.reduce<number | undefined>((max, b) => (b.lastTs !== undefined && (max === undefined || b.lastTs > max) ? b.lastTs : max), undefined);
	const result: { steps: RunStepInput[]; status: RunStatus; startedAt?: string; durationMs?: number } = { steps, status };
	const startedAt = msToIso(first);
	if (startedAt) result.startedAt = startedAt;
	const durationMs = between(first, last);
	if (durationMs !== undefined) result.durationMs = durationMs;
	return result;
}

function stepStatus(b: BuiltStep, ranMainAfter: boolean): RunStatus {
	if (b.skipped) return 'skipped';
	if (b.exitCode !== undefined && b.exitCode !== 0) return 'failed';
	if (b.ended) return b.ended;
	// A `run` step (its script echoed, so `command`) that fails always ends "Process completed
	// with exit code N"; an error line without it is an annotation (`::error::`, a problem
	// matcher's) of a step that passed. Only an action fails with an error line alone.
	if (b.hasError && !ranMainAfter && b.step.command === undefined) return 'failed';
	return 'success';
}

/** What the runner said about itself in "Set up job": the requested labels, else the image, else the runner's name. */
export function githubExecutor(lines: readonly GithubLine[]): string | undefined {
	let image: string | undefined;
	let runner: string | undefined;
	for (const line of lines) {
		const text = line.text;
		if (text.startsWith('Requested labels: ')) return visibleText(text.slice('Requested labels: '.length)).trim() || undefined;
		if (image === undefined && text.startsWith('Image: ')) image = visibleText(text.slice('Image: '.length)).trim();
		if (runner === undefined && text.startsWith('Runner name: ')) runner = visibleText(text.slice('Runner name: '.length)).trim().replace(/^'(.*)'$/, '$1');
		if (RUN_GROUP.test(text)) break;
	}
	return image || runner || undefined;
}
