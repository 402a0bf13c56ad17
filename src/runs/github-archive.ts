/**
 * GitHub Actions log files as they come: the logs archive (`<job>/<n>_<step>.txt` per step,
 * `<n>_<job>.txt` per job, `<job>/system.txt` for the runner assignment) or a single job log
 * saved from the web UI under any name. Per-step files are preferred; a job-level file gives the
 * job only when no per-step files exist for it.
 */
import type { ParsedRun } from '../model';
import type { ReadRun, TextFile } from './folder';
import {
	buildGithubStep,
	findJobName,
	finishGithubSteps,
	githubBuiltin,
	githubExecutor,
	readGithubLines,
	splitGithubSteps,
	type GithubLine,
	type StepDraft,
} from './github-log';
import { baseName, comparePaths, dirName, stem } from './paths';
import { splitLines } from './terminal';

const NUMBERED = /^(\d+)_(.+)\.(?:txt|log)$/i;
/** Lines only the start of a whole job's log has ("Set up job"). */
const JOB_PREAMBLE = /^(?:Current runner version|Requested labels|Job defined at|Runner name|Waiting for a runner|Complete job name|##\[(?:debug|section)\]Starting: )/;

interface StepFile {
	n: number;
	name: string;
	file: TextFile;
	lines: GithubLine[];
}

interface JobFile {
	n?: number;
	name: string;
	file: TextFile;
	lines: GithubLine[];
}

export function readGithubFiles(files: readonly TextFile[]): ReadRun[] {
	const stepDirs = new Map<string, StepFile[]>();
	const systems = new Map<string, TextFile>();
	const jobFiles: JobFile[] = [];
	for (const file of [...files].sort((a, b) => comparePaths(a.path, b.path))) {
		const base = baseName(file.path);
		const dir = dirName(file.path);
		if (base.toLowerCase() === 'system.txt') {
			systems.set(dir, file);
			continue;
		}
		const lines = readGithubLines(splitLines(file.text));
		const m = NUMBERED.exec(base);
		if (m && (githubBuiltin(m[2]!) || !hasJobPreamble(lines))) {
			const list = stepDirs.get(dir) ?? [];
			list.push({ n: Number(m[1]), name: m[2]!, file, lines });
			stepDirs.set(dir, list);
		} else if (m) {
			jobFiles.push({ n: Number(m[1]), name: m[2]!, file, lines });
		} else {
			jobFiles.push({ name: stem(file.path), file, lines });
		}
	}

	// One archive file in the folder makes every job of it part of the archive.
	const archive = stepDirs.size > 0 || systems.size > 0 || files.some((f) => f.fromZip);
	const jobs: { order: number; key: string; read: ReadRun }[] = [];
	const jobFileFor = new Map<string, JobFile>();
	for (const job of jobFiles) {
		const key = join(dirName(job.file.path), job.name);
		if (stepDirs.has(key)) jobFileFor.set(key, job);
		else {
			const system = systems.get(key);
			if (system) systems.delete(key);
			jobs.push({ order: job.n ?? Infinity, key: job.file.path, read: fromJobFile(job, system, archive) });
		}
	}
	for (const [dir, steps] of stepDirs) {
		const system = systems.get(dir);
		if (system) systems.delete(dir);
		const jobFile = jobFileFor.get(dir);
		jobs.push({ order: jobFile?.n ?? Infinity, key: dir, read: fromStepFiles(dir, steps, system, jobFile) });
	}
	for (const [dir, system] of systems) {
		jobs.push({ order: Infinity, key: dir, read: fromJobFile({ name: baseName(dir) || 'job', file: system, lines: [] }, system, true) });
	}
	return jobs.sort((a, b) => a.order - b.order || comparePaths(a.key, b.key)).map((job) => job.read);
}

function join(dir: string, name: string): string {
	return dir === '' ? name : `${dir}/${name}`;
}

function hasJobPreamble(lines: readonly GithubLine[]): boolean {
	return lines.slice(0, 20).some((line) => JOB_PREAMBLE.test(line.text));
}

/** A whole job's log, the runner assignment of `system.txt` (new archives keep it apart) first. */
function fromJobFile(job: JobFile, system: TextFile | undefined, archived: boolean): ReadRun {
	const systemLines = system ? readGithubLines(splitLines(system.text)) : [];
	const lines = system === job.file ? systemLines : [...systemLines, ...job.lines];
	const split = splitGithubSteps(lines);
	const finished = finishGithubSteps(split.steps.map((d, i) => buildGithubStep(d, i + 1)));
	const run: ParsedRun = {
		provider: 'github-actions',
		format: archived ? 'github-archive' : 'github-log',
		job: split.jobName ?? job.name,
		status: finished.status,
		statusFromSteps: true,
		steps: finished.steps,
	};
	decorate(run, finished, lines);
	const files = system && system !== job.file ? [system.path, job.file.path] : [job.file.path];
	return { run, files };
}

/** A job of per-step files, in the order of their numbers. */
function fromStepFiles(dir: string, stepFiles: StepFile[], system: TextFile | undefined, jobFile: JobFile | undefined): ReadRun {
	const ordered = [...stepFiles].sort((a, b) => a.n - b.n || comparePaths(a.file.path, b.file.path));
	const drafts: StepDraft[] = ordered.map((s) => {
		const name = stepName(s);
		const builtin = githubBuiltin(name);
		const draft: StepDraft = { name, lines: s.lines, number: s.n };
		if (builtin) draft.builtin = builtin;
		return draft;
	});
	if (system) {
		const systemLines = readGithubLines(splitLines(system.text));
		const setUp = drafts.find((d) => d.builtin === 'set-up-job');
		if (setUp) setUp.lines = [...systemLines, ...setUp.lines];
		else drafts.unshift({ name: 'Set up job', builtin: 'set-up-job', lines: systemLines });
	}
	const numbers = drafts.map((d) => d.number);
	const numbered = numbers.every((n, i) => n !== undefined && n >= 1 && (i === 0 || n > numbers[i - 1]!));
	const finished = finishGithubSteps(drafts.map((d, i) => buildGithubStep(d, numbered ? d.number! : i + 1)));
	const allLines = drafts.flatMap((d) => d.lines);
	const run: ParsedRun = {
		provider: 'github-actions',
		format: 'github-archive',
		job: findJobName(allLines) ?? (jobFile ? (findJobName(jobFile.lines) ?? jobFile.name) : baseName(dir) || 'job'),
		status: finished.status,
		statusFromSteps: true,
		steps: finished.steps,
	};
	decorate(run, finished, allLines);
	const files = [...(system ? [system.path] : []), ...ordered.map((s) => s.file.path), ...(jobFile ? [jobFile.file.path] : [])];
	return { run, files };
}

/**
 * A step's name from its file name, or from the fold its log opens with when that is the same
 * name before GitHub made it safe for a file name (`Run actions_checkout@v4` → `Run actions/checkout@v4`).
 */
function stepName(step: StepFile): string {
	const first = step.lines.find((line) => line.text.trim() !== '');
	const title = first?.text.startsWith('##[group]') ? first.text.slice('##[group]'.length).trim() : undefined;
	const squash = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
	return title && squash(title) === squash(step.name) ? title : step.name;
}

function decorate(run: ParsedRun, finished: { startedAt?: string; durationMs?: number }, lines: readonly GithubLine[]): void {
	if (finished.startedAt) run.startedAt = finished.startedAt;
	if (finished.durationMs !== undefined) run.durationMs = finished.durationMs;
	const executor = githubExecutor(lines);
	if (executor) run.executor = executor;
}
