/**
 * `gh run view --log` / `--log-failed` output: `job<TAB>step<TAB><timestamp> message` per line.
 * gh names a step only when it can match the log to the job's steps; otherwise every line says
 * "UNKNOWN STEP", and those stretches are split like a raw job log.
 */
import type { ParsedRun } from '../model';
import { buildGithubStep, finishGithubSteps, githubBuiltin, githubExecutor, readGithubLines, splitGithubSteps, type GithubLine, type StepDraft } from './github-log';

const COLUMNS = /^([^\t]*)\t([^\t]*)\t(.*)$/;
const STAMP = /^\uFEFF*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/;
const UNKNOWN_STEP = 'UNKNOWN STEP';

/** Whether most of the first lines are gh's three columns with a timestamped message. */
export function looksLikeGithubCli(rawLines: readonly string[]): boolean {
	let matched = 0;
	let seen = 0;
	for (const raw of rawLines) {
		if (seen >= 100) break;
		if (raw.trim() === '') continue;
		seen++;
		const m = COLUMNS.exec(raw);
		if (m && STAMP.test(m[3]!)) matched++;
	}
	return seen > 0 && matched * 2 >= seen;
}

interface Piece {
	step: string;
	raw: string[];
}

/** One run per job, in the order the jobs first appear. */
export function parseGithubCli(rawLines: readonly string[]): ParsedRun[] {
	const jobs = new Map<string, Piece[]>();
	let lastJob: string | undefined;
	for (const raw of rawLines) {
		const m = COLUMNS.exec(raw);
		// A line without columns (a log line with a stray newline) continues the line before.
		const job = m ? clean(m[1]!) : lastJob;
		if (job === undefined) continue;
		const step = m ? clean(m[2]!) : (jobs.get(job)?.at(-1)?.step ?? UNKNOWN_STEP);
		const text = m ? m[3]! : raw;
		let pieces = jobs.get(job);
		if (!pieces) jobs.set(job, (pieces = []));
		const last = pieces.at(-1);
		if (last && last.step === step) last.raw.push(text);
		else pieces.push({ step, raw: [text] });
		lastJob = job;
	}
	return [...jobs].map(([job, pieces]) => buildJob(job, pieces));
}

function buildJob(job: string, pieces: Piece[]): ParsedRun {
	const drafts: StepDraft[] = [];
	let jobName: string | undefined;
	const allLines: GithubLine[] = [];
	for (const [i, piece] of pieces.entries()) {
		const lines = readGithubLines(piece.raw);
		allLines.push(...lines);
		if (piece.step === UNKNOWN_STEP) {
			const split = splitGithubSteps(lines, i === 0 ? {} : { preamble: { name: 'Unknown step' } });
			jobName ??= split.jobName;
			drafts.push(...split.steps);
		} else {
			const builtin = githubBuiltin(piece.step);
			drafts.push(builtin ? { name: piece.step, builtin, lines } : { name: piece.step, lines });
		}
	}
	const finished = finishGithubSteps(drafts.map((d, i) => buildGithubStep(d, i + 1)));
	const run: ParsedRun = {
		provider: 'github-actions',
		format: 'github-cli',
		job: job || jobName || 'job',
		status: finished.status,
		statusFromSteps: true,
		steps: finished.steps,
	};
	if (finished.startedAt) run.startedAt = finished.startedAt;
	if (finished.durationMs !== undefined) run.durationMs = finished.durationMs;
	const executor = githubExecutor(allLines);
	if (executor) run.executor = executor;
	return run;
}

function clean(column: string): string {
	return column.replace(/\uFEFF/g, '').trim();
}
