import type { Run, RunStep } from '../model';
import { stripEscapes } from '../redact/ansi';

/** What a failed run page says first: the step that failed, and the lines of its log that say why. */
export interface Failure {
	step: RunStep;
	/** Lines of the step's log that report the failure, in order: 1-based, as the log numbers them. */
	lines: { n: number; text: string }[];
}

/** How many lines the summary quotes; the step's log, opened below, has the rest. */
const QUOTED = 3;
/** A quoted line is cut here: the summary is a pointer to the log, not a copy of it. */
const MAX_CHARS = 160;

/**
 * A line naming an error: an exception's class and its colon (`AssertionError: …`; not
 * `thiserror-impl`, `enum ZipError {` or `ZipError::Validation`) or at the line's end,
 * `error:` or `error[E0308]:` (compilers, linters), `ERROR`, pytest's `E   ` lines, `fatal:`, a
 * Go panic, a Python traceback. Case matters: `--error-format=json` in a command is none.
 */
const ERROR_LINE = /\b[A-Z]\w*(?:Error|Exception)(?::(?!:)|\s*$)|\b[Ee]rror(?:\[\w+\])?:|\bERROR\b|^E\s{2,}|\bfatal:|\bpanic:|^Traceback\b/;
/** A line naming a failure: a test runner's FAIL, a cross, "1 failed". */
const FAILURE_LINE = /\bFAIL(?:ED|URE)?\b|(?<!\b0 )\b[Ff]ailed\b|[✗×✖]/;
/**
 * Only the end of a step's log is read: a runner reports what failed last (a test summary, the
 * compiler's errors before it stops), and a long log's earlier lines name errors it got past
 * (a test that logs an error on purpose, a retried download).
 */
const TAIL = 100;
/**
 * The CI's own last word, which the summary says already (with the exit code): GitHub's
 * "Process completed with exit code 1", CircleCI's "Exited with code exit status 1", GitLab's
 * "ERROR: Job failed: exit code 1".
 */
const CI_EXIT_LINE = /Process completed with exit code \d+|Exited with code (?:exit status )?\d+|Job failed: exit code \d+/i;
/** A line is tested this far: the patterns stay linear on a minified bundle printed whole. */
const TESTED_CHARS = 2000;

/**
 * The step that failed a run that did, with up to three lines of the end of its log that report
 * why: lines naming an error first, then lines naming a failure, quoted in the order the log has
 * them. `undefined` for a run that did not fail, or whose failure no step recorded.
 *
 * That step is the first that failed or timed out, passing over those the configuration lets fail
 * (`allowedToFail`: GitHub's `continue-on-error: true`, Bitbucket's `after-script`): the CI marks
 * them failed, yet the job went on. When every failed step was let fail, the run failed otherwise:
 * a step the job's own time limit stopped (it stops whatever step runs), else the first.
 */
export function failureOf(run: Pick<Run, 'provider' | 'status' | 'steps'>): Failure | undefined {
	if (run.status !== 'failed' && run.status !== 'timedout') return undefined;
	const failed = run.steps.filter((s) => s.status === 'failed' || s.status === 'timedout');
	const step = failed.find((s) => !s.allowedToFail) ?? failed.find((s) => s.status === 'timedout' && !s.ownTimeout) ?? failed[0];
	if (!step) return undefined;
	const errors: number[] = [];
	const failures: number[] = [];
	// The lines GitHub flagged as errors (`##[error]`, an action's `::error::`) come first, whatever
	// they say. CircleCI's error marks are all it sent on stderr, where tools print progress too.
	const flagged = new Set(run.provider === 'github-actions' ? step.marks.filter((m) => m.level === 'error').map((m) => m.line) : []);
	const from = Math.max(0, step.lines.length - TAIL);
	step.lines.slice(from).forEach((line, at) => {
		const i = from + at;
		if (errors.length >= QUOTED) return;
		const text = stripEscapes(line.slice(0, TESTED_CHARS));
		if (CI_EXIT_LINE.test(text) || text.trim() === '') return;
		if (flagged.has(i) || ERROR_LINE.test(text)) errors.push(i);
		else if (FAILURE_LINE.test(text)) failures.push(i);
	});
	const quoted = [...errors, ...failures.slice(0, Math.max(0, QUOTED - errors.length))].sort((a, b) => a - b);
	return { step, lines: quoted.map((i) => ({ n: i + 1, text: shortened(stripEscapes(step.lines[i]!).trim()) })) };
}

function shortened(text: string): string {
	return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
