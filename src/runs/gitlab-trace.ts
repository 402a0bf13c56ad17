/**
 * GitLab job traces: the runner's raw output with `section_start:<unix time>:<name>[options]\r\e[0K`
 * and `section_end:<unix time>:<name>\r\e[0K` markers, optionally a timestamp prefix on every line
 * (runner 17+ with FF_TIMESTAMPS: `2024-01-01T00:00:00.000000Z 00O ` where `00` is the stream,
 * `O`/`E` stdout or stderr, and `+` instead of the space continues the line before). Top-level
 * sections are the job's stages (get_sources, step_script, ...) and become steps; sections
 * inside them (FF_SCRIPT_SECTIONS, the user's own) stay folds of their step.
 */
import type { BuiltinStage, ParsedRun, RunStatus, RunStepInput } from '../model';
import { StepLog } from './step-log';
import { cleanLine, shownText, splitLines, visibleText } from './terminal';
import { between, isoToMs, msToIso } from './timestamps';

const MARKER = /section_(start|end):(\d+):([A-Za-z0-9_.-]+)(\[[^\]\r\n]*\])?(?:\r?\x1b\[0K|\r)?/g;
const HEADER = /^(?:\x1b\[0K)*\x1b\[36;1m/;
const MARKER_TEST = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+/;
/** `<RFC 3339 time, 6 fractional digits> <stream: 2 hex digits><O|E><+| >`, 32 characters. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z) [0-9a-f]{2}[EO]([+ ])/;

export function looksLikeGitlabTrace(text: string): boolean {
	const head = text.slice(0, 64 * 1024);
	return (
		MARKER_TEST.test(head) ||
		/^(?:\uFEFF)?(?:\x1b\[0K)*Running with gitlab-(?:ci-multi-)?runner /m.test(head) ||
		TIMESTAMP.test(head.replace(/^\uFEFF/, ''))
	);
}

const STAGES: Record<string, BuiltinStage> = {
	prepare_executor: 'prepare-executor',
	prepare_script: 'environment',
	get_sources: 'get-sources',
	restore_cache: 'restore-cache',
	archive_cache: 'save-cache',
	archive_cache_on_failure: 'save-cache',
	download_artifacts: 'download-artifacts',
	upload_artifacts: 'upload-artifacts',
	upload_artifacts_on_success: 'upload-artifacts',
	upload_artifacts_on_failure: 'upload-artifacts',
	cleanup_file_variables: 'cleanup',
};
/** The stages that run the user's `script:`, where `$ ` lines are the commands GitLab echoes. */
const SCRIPT_STAGES = new Set(['step_script', 'build_script', 'script', 'before_script', 'after_script']);
/** Stages GitLab runs after a failed script anyway, so they never are the failure. */
const ALWAYS_STAGES = new Set(['after_script', 'archive_cache_on_failure', 'upload_artifacts_on_failure', 'cleanup_file_variables']);

type Token =
	/** `afterMarker`: the text after a section marker on the marker's own line (where a section's title goes). */
	| { kind: 'line'; raw: string; ts?: number; afterMarker?: boolean }
	| { kind: 'start' | 'end'; name: string; time: number; options?: string; ts?: number };

interface Step {
	section: string;
	name?: string;
	builtin?: BuiltinStage;
	log: StepLog;
	startMs?: number;
	endMs?: number;
	commands: string[];
}

interface Open {
	name: string;
	script: boolean;
}

export function parseGitlabTrace(text: string, job: string): ParsedRun {
	const tokens = tokenize(text);
	const preamble = new StepLog();
	const steps: Step[] = [];
	const stack: Open[] = [];
	let loose: string[] = [];
	let awaitingTitle = false;
	let firstTs: number | undefined;
	let lastTs: number | undefined;

	for (const token of tokens) {
		if (token.ts !== undefined) {
			firstTs ??= token.ts;
			lastTs = token.ts;
		}
		if (token.kind === 'line') {
			const line = cleanLine(token.raw);
			if (stack.length === 0) {
				loose.push(line);
				continue;
			}
			const step = steps.at(-1)!;
			const script = stack.some((s) => s.script);
			// What the line shows is only needed for a title or a command (`$ ...`): most lines are neither.
			const shown = awaitingTitle || (script && line.includes('$')) ? shownText(line).trim() : '';
			// A section's title is the text after its marker, or the runner's bold cyan stage header below it.
			if (awaitingTitle && shown !== '') {
				if (token.afterMarker || HEADER.test(token.raw)) {
					if (stack.length === 1) step.name = shown;
					else step.log.retitle(shown);
				}
				awaitingTitle = false;
			}
			const command = script && shown.startsWith('$ ');
			if (command) step.commands.push(shown.slice(2));
			step.log.push(line, command ? 'command' : undefined);
		} else if (token.kind === 'start') {
			if (stack.length === 0) {
				const previous = steps.at(-1);
				// The first stage takes the runner's preamble when it prepares the executor, as the preamble does.
				const log = steps.length === 0 && token.name === 'prepare_executor' ? preamble : new StepLog();
				for (const line of loose) (previous ? previous.log : preamble).push(line);
				loose = [];
				const startMs = token.ts ?? token.time * 1000;
				const step: Step = { section: token.name, log, startMs, commands: [] };
				const builtin = STAGES[token.name];
				if (builtin) step.builtin = builtin;
				steps.push(step);
			} else {
				// GitLab shows sections open unless they ask to be collapsed.
				steps.at(-1)!.log.openSection(humanize(token.name), /collapsed=true/.test(token.options ?? ''));
			}
			stack.push({ name: token.name, script: SCRIPT_STAGES.has(token.name) || /script_step/.test(token.name) });
			awaitingTitle = true;
		} else {
			const at = stack.map((s) => s.name).lastIndexOf(token.name);
			if (at === -1) continue;
			const step = steps.at(-1)!;
			while (stack.length > at + 1) {
				stack.pop();
				step.log.closeSection();
			}
			stack.pop();
			if (at === 0) step.endMs = token.ts ?? token.time * 1000;
			else step.log.closeSection();
			awaitingTitle = false;
		}
	}

	const trailing = loose.filter((line) => shownText(line).trim() !== '');
	const outcome = readOutcome(trailing);
	const all: Step[] = [];
	if (steps.length === 0) {
		// No sections (a runner older than 11, or a log cut before the first one): the job as one step.
		for (const line of loose) preamble.push(line);
		all.push({ section: '', name: 'Job log', log: preamble, commands: [] });
	} else {
		// Old runners printed the executor's preparation before any section.
		if (steps[0]!.log !== preamble && preamble.length > 0) all.push({ section: '', name: 'Prepare executor', builtin: 'prepare-executor', log: preamble, commands: [] });
		all.push(...steps);
		if (trailing.length > 0) {
			const end = new StepLog();
			for (const line of loose) end.push(line);
			const name = outcome.status === 'success' ? 'Job succeeded' : outcome.status === 'unknown' ? 'Job end' : 'Job failed';
			all.push({ section: '', name, builtin: 'complete-job', log: end, commands: [] });
		}
	}

	const failing = outcome.status === 'success' || outcome.status === 'unknown' ? -1 : failingStep(all);
	const result: RunStepInput[] = all.map((step, i) => {
		const { lines, sections, marks } = step.log.finish();
		const out: RunStepInput = {
			index: i + 1,
			name: step.name ?? humanize(step.section),
			status: stepStatus(outcome.status, i, failing, all.length),
			lines,
			sections,
			marks,
		};
		if (step.builtin) out.builtin = step.builtin;
		if (i === failing && outcome.exitCode !== undefined) out.exitCode = outcome.exitCode;
		if (step.commands.length > 0) out.command = step.commands.join('\n');
		const startedAt = msToIso(step.startMs);
		if (startedAt) out.startedAt = startedAt;
		const end = step.endMs ?? all.slice(i + 1).find((s) => s.startMs !== undefined)?.startMs;
		const duration = between(step.startMs, end);
		if (duration !== undefined) out.durationMs = duration;
		return out;
	});

	const run: ParsedRun = { provider: 'gitlab', format: 'gitlab-trace', job, status: outcome.status, steps: result };
	const starts = all.map((s) => s.startMs).filter((ms): ms is number => ms !== undefined);
	const ends = all.map((s) => s.endMs).filter((ms): ms is number => ms !== undefined);
	const first = starts.length > 0 ? Math.min(...starts) : firstTs;
	const last = ends.length > 0 ? Math.max(...ends, lastTs ?? -Infinity) : lastTs;
	const startedAt = msToIso(first);
	if (startedAt) run.startedAt = startedAt;
	const durationMs = between(first, last);
	if (durationMs !== undefined) run.durationMs = durationMs;
	describeRunner(run, result);
	return run;
}

/** Lines and section markers, in order; a line holding markers gives the text around them as lines of their own. */
function tokenize(text: string): Token[] {
	const physical = splitLines(text, { bareCarriageReturns: true });
	const logical: { raw: string; ts?: number }[] = [];
	const stamped = physical.length > 0 && TIMESTAMP.test(physical[0]!);
	for (const line of physical) {
		const m = stamped ? TIMESTAMP.exec(line) : null;
		if (!m) {
			logical.push({ raw: line });
			continue;
		}
		const raw = line.slice(m[0].length);
		const previous = logical.at(-1);
		if (m[2] === '+' && previous) previous.raw += raw;
		else {
			const ts = isoToMs(m[1]);
			logical.push(ts === undefined ? { raw } : { raw, ts });
		}
	}
	const tokens: Token[] = [];
	for (const { raw, ts } of logical) {
		if (!raw.includes('section_')) {
			tokens.push(ts === undefined ? { kind: 'line', raw } : { kind: 'line', raw, ts });
			continue;
		}
		let last = 0;
		let found = false;
		MARKER.lastIndex = 0;
		for (let m = MARKER.exec(raw); m; m = MARKER.exec(raw)) {
			const before = raw.slice(last, m.index);
			if (visibleText(before).trim() !== '') tokens.push({ kind: 'line', raw: before });
			const token: Token = { kind: m[1] === 'start' ? 'start' : 'end', name: m[3]!, time: Number(m[2]) };
			if (m[4]) token.options = m[4];
			if (ts !== undefined) token.ts = ts;
			tokens.push(token);
			last = MARKER.lastIndex;
			found = true;
		}
		const after = raw.slice(last);
		if (!found) tokens.push(ts === undefined ? { kind: 'line', raw } : { kind: 'line', raw, ts });
		else if (visibleText(after).trim() !== '') tokens.push({ kind: 'line', raw: after, afterMarker: true });
	}
	return tokens;
}

interface Outcome {
	status: RunStatus;
	exitCode?: number;
}

/** GitLab's last words: "Job succeeded", "ERROR: Job failed: exit code 1", a timeout or a cancel. */
function readOutcome(trailing: string[]): Outcome {
	for (let i = trailing.length - 1; i >= 0; i--) {
		const text = shownText(trailing[i]!).trim();
		if (/^Job succeeded\b/.test(text)) return { status: 'success' };
		const exit = /^ERROR: Job failed: exit (?:code|status) (-?\d+)/.exec(text);
		if (exit) return { status: 'failed', exitCode: Number(exit[1]) };
		if (/^ERROR: Job failed: execution took longer than/.test(text)) return { status: 'timedout' };
		if (/^ERROR: Job failed: (?:job )?cancel+ed|^WARNING: .*job (?:was )?cancel+ed/i.test(text)) return { status: 'cancelled' };
		if (/^ERROR: Job failed\b/.test(text)) return { status: 'failed' };
	}
	return { status: 'unknown' };
}

/** The step that failed: the script stage when there is one, else the last stage that is not run regardless. */
function failingStep(steps: Step[]): number {
	for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.endMs === undefined && steps[i]!.section !== '') return i;
	for (let i = steps.length - 1; i >= 0; i--) if (['step_script', 'build_script', 'script'].includes(steps[i]!.section)) return i;
	for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.section !== '' && !ALWAYS_STAGES.has(steps[i]!.section)) return i;
	return steps.length - 1;
}

function stepStatus(run: RunStatus, i: number, failing: number, count: number): RunStatus {
	if (run === 'success') return 'success';
	if (run === 'unknown') return i < count - 1 ? 'success' : 'unknown';
	if (i === failing) return run;
	return 'success';
}

function humanize(section: string): string {
	const words = section.replace(/[_.-]+/g, ' ').trim();
	return words === '' ? 'Job' : words[0]!.toUpperCase() + words.slice(1);
}

/** The executor, GitLab.com's runner size, and the commit checked out, from what the runner printed. */
function describeRunner(run: ParsedRun, steps: RunStepInput[]): void {
	const early = steps.slice(0, 4).flatMap((s) => (s.lines ?? []).slice(0, 60)).map((line) => shownText(line));
	for (const text of early) {
		const executor = /Preparing the "([^"]+)" executor/.exec(text) ?? /Using (\w[\w+]*) executor/.exec(text);
		if (executor && !run.executor) run.executor = executor[1]!.toLowerCase();
		const size = /\b(saas-[a-z0-9]+(?:-[a-z0-9]+)*?)\.runners-manager\b/.exec(text);
		if (size && !run.resourceClass) run.resourceClass = size[1]!;
		const checkout = /Checking out ([0-9a-f]{7,40}) as (?:detached HEAD \(ref is ([^)]+)\)|(\S+?))\.\.\./.exec(text);
		if (checkout && !run.commit) {
			run.commit = checkout[1]!;
			const branch = checkout[2] ?? checkout[3];
			if (branch) run.branch = branch;
		}
	}
}
