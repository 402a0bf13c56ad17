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

/** A line naming an error: `AssertionError: …`, `error:`, `E   assert …` (pytest), a panic. */
const ERROR_LINE = /\b\w*(?:Error|Exception)\b|\berror\b|^E\s{2,}|\bfatal\b|\bpanic:|\bTraceback\b/i;
/** A line naming a failure: a test runner's FAIL, a cross, "1 failed". */
const FAILURE_LINE = /\bFAIL(?:ED|URE)?\b|\bfailed\b|[✗×✖]/i;
/**
 * The CI's own last word, which the summary says already (with the exit code): GitHub's
 * "Process completed with exit code 1", CircleCI's "Exited with code exit status 1", GitLab's
 * "ERROR: Job failed: exit code 1".
 */
const CI_EXIT_LINE = /Process completed with exit code \d+|Exited with code (?:exit status )?\d+|Job failed: exit code \d+|^Error: Process completed/i;

/**
 * The first step that failed or timed out of a run that did, with up to three lines of its log
 * that report why: lines naming an error first, then lines naming a failure, quoted in the
 * order the log has them. `undefined` for a run that did not fail, or whose failure no step
 * recorded.
 */
export function failureOf(run: Pick<Run, 'status' | 'steps'>): Failure | undefined {
	if (run.status !== 'failed' && run.status !== 'timedout') return undefined;
	const step = run.steps.find((s) => s.status === 'failed' || s.status === 'timedout');
	if (!step) return undefined;
	const errors: number[] = [];
	const failures: number[] = [];
	step.lines.forEach((line, i) => {
		if (errors.length >= QUOTED) return;
		const text = stripEscapes(line);
		if (CI_EXIT_LINE.test(text) || text.trim() === '') return;
		if (ERROR_LINE.test(text)) errors.push(i);
		else if (FAILURE_LINE.test(text)) failures.push(i);
	});
	const quoted = [...errors, ...failures.slice(0, Math.max(0, QUOTED - errors.length))].sort((a, b) => a - b);
	return { step, lines: quoted.map((i) => ({ n: i + 1, text: shortened(stripEscapes(step.lines[i]!).trim()) })) };
}

function shortened(text: string): string {
	return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
