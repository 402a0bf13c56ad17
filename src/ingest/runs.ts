import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { z } from 'astro/zod';
import { Run, type Diagnostic, type ParsedRun, type Pipeline, type Provider } from '../model';
import { createRedactor, redactInPlace, secretValuesIn, type Redactor } from '../redact/redact';
import { secretNames } from '../redact/secret-names';
import { markAllowedToFail, matchSteps, matchTarget } from '../runs/match';
import { statusLettingFail } from '../runs/status';
import { parseRunFolder, type RunFile, type RunParseResult } from '../runs/parse';
import { readHead, readTail } from './bounded-read';
import { MAX_LOG_BYTES, MAX_RUN_BYTES, megabytes, truncationMarker } from './limits';
import { byCodePoint } from './order';
import { slugify, uniqueSlugs } from './slug';

export { MAX_LOG_BYTES, MAX_RUN_BYTES };

/**
 * `Run` with zod's generated parser: every line of every log is checked, and zod's runtime
 * parser took 41–53 ms for M's 200 runs where this takes 8–11 ms, the same output. An invalid
 * run falls back to the runtime parser, whose issues are the same.
 */
export const CheckedRun = z.compile(Run);

const PROVIDER_OF_FORMAT: Record<Run['format'], Provider | undefined> = {
	'circleci-api': 'circleci',
	'circleci-text': 'circleci',
	'github-log': 'github-actions',
	'github-archive': 'github-actions',
	'github-cli': 'github-actions',
	'gitlab-trace': 'gitlab',
	text: undefined,
};

/**
 * Every recorded run under `<folder>/runs/<run>/` of each pipeline folder, redacted, matched to
 * its pipeline, job and steps. Runs of a folder go to the pipeline of their CI (a folder may
 * hold a CircleCI and a Heroku pipeline). A run folder that cannot be read becomes a run with a
 * diagnostic, never a failed build.
 */
export async function readRuns(dir: string, pipelines: readonly Pipeline[], display = `${basename(dir)}/`): Promise<Run[]> {
	const runs: Run[] = [];
	for await (const folder of runFolders(dir, pipelines, display)) runs.push(...folder);
	return runs;
}

/** How `runFolders` shares run folders out between readers (see ../cli/image-claims.ts). */
export interface FolderClaims {
	/** The index, in `readRuns`' order, of the next folder this reader takes; past the last, it stops. */
	claim(): number;
	/** Told how many folders there are, before the first is taken. */
	found?(count: number): void;
}

/**
 * The runs of each run folder in turn, in `readRuns`' order: a reader that only passes through
 * them never holds them all. With `claims`, only the folders this reader takes (readers in
 * other threads take the others).
 */
export async function* runFolders(dir: string, pipelines: readonly Pipeline[], display = `${basename(dir)}/`, claims?: FolderClaims): AsyncGenerator<Run[]> {
	const places = await runFolderPlaces(dir, pipelines, display);
	claims?.found?.(places.length);
	let counter = 0;
	const take = claims ? () => claims.claim() : () => counter++;
	// The next folder is read while this one is parsed: reading waits on the disk, parsing on
	// the CPU. At most two folders' files are held at once.
	const read = (i: number) => (i < places.length ? { place: places[i]!, files: ahead(readRunFiles(places[i]!.path)) } : undefined);
	for (let next = read(take()); next; ) {
		const { place, files } = next;
		const folder = await files;
		next = read(take());
		yield runsOfFolder({ folder: place.folder, files: folder, pipelines: place.pipelines, display: place.display });
	}
}

interface RunFolderPlace {
	folder: string;
	path: string;
	pipelines: readonly Pipeline[];
	display: string;
}

/** Every run folder, in `readRuns`' order, with the pipelines it may belong to. */
async function runFolderPlaces(dir: string, pipelines: readonly Pipeline[], display: string): Promise<RunFolderPlace[]> {
	const places: RunFolderPlace[] = [];
	const groups = [...new Set(pipelines.map((p) => p.group))].sort(byCodePoint);
	for (const group of groups) {
		const nested = join(dir, group);
		const root = existsSync(nested) && statSync(nested).isDirectory() ? nested : dir;
		const prefix = root === dir ? display : `${display}${group}/`;
		const runsDir = join(root, 'runs');
		if (!existsSync(runsDir)) continue;
		const candidates = pipelines.filter((p) => p.group === group);
		const folders = (await readdir(runsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort(byCodePoint);
		for (const folder of folders) places.push({ folder, path: join(runsDir, folder), pipelines: candidates, display: `${prefix}runs/${folder}/` });
	}
	return places;
}

/**
 * A promise started before it is awaited: its failure surfaces where it is awaited, or nowhere
 * if that never happens (a reader that stops early, an earlier read that failed first),
 * instead of as an unhandled rejection that ends the process.
 */
function ahead<T>(started: Promise<T>): Promise<T> {
	started.catch(() => undefined);
	return started;
}

/** A file of a run folder left unread, and why. */
export interface SkippedRunFile {
	path: string;
	size: number;
	/** `file`: a JSON file or zip over `MAX_LOG_BYTES`; `folder`: the folder's files reached `MAX_RUN_BYTES`. */
	over: 'file' | 'folder';
}

async function readRunFiles(folder: string): Promise<{ files: RunFile[]; skipped: SkippedRunFile[] }> {
	const found = await filesUnder(folder);
	// All at once: the disk works through them while the CPU parses the folder before.
	const sizes = await Promise.all(found.map(async ({ full }) => (await stat(full)).size));
	const reads: Promise<RunFile>[] = [];
	const skipped: SkippedRunFile[] = [];
	let total = 0;
	for (const [i, { full, path }] of found.entries()) {
		const size = sizes[i]!;
		const long = size > MAX_LOG_BYTES;
		if (long && !(await canKeepEnd(full, path))) skipped.push({ path, size, over: 'file' });
		else if (total + Math.min(size, MAX_LOG_BYTES) > MAX_RUN_BYTES) skipped.push({ path, size, over: 'folder' });
		else if (long) {
			// What the cut keeps counts towards the folder's limit: read it before the next file is weighed.
			const end = await readEnd(full, path, size);
			total += end.bytes.length;
			reads.push(Promise.resolve(end));
		} else {
			total += size;
			reads.push(ahead(readWhole(full, path)));
		}
	}
	return { files: await Promise.all(reads), skipped };
}

/** A folder's files, depth first in code-point order, with their paths relative to it. */
async function filesUnder(folder: string): Promise<{ full: string; path: string }[]> {
	const found: { full: string; path: string }[] = [];
	async function walk(dir: string): Promise<void> {
		for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name))) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (entry.isFile()) found.push({ full, path: relative(folder, full).split(sep).join('/') });
		}
	}
	await walk(folder);
	return found;
}

async function readWhole(full: string, path: string): Promise<RunFile> {
	// A view of the Buffer, not a copy of it: the bytes of a run folder can be tens of MB.
	const buffer = await readFile(full);
	return { path, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}

async function readEnd(full: string, path: string, size: number): Promise<RunFile> {
	const bytes = await readTail(full, size, MAX_LOG_BYTES);
	return { path, bytes, truncated: truncationMarker(bytes.length, size) };
}

/** Text logs can lose their start and stay readable; JSON and zips cannot. */
async function canKeepEnd(full: string, path: string): Promise<boolean> {
	if (/\.(json|zip)$/i.test(path)) return false;
	const head = new TextDecoder().decode(await readHead(full, 64));
	return !head.startsWith('PK\x03\x04') && !/^\uFEFF?\s*\{/.test(head);
}

export interface RunFolder {
	folder: string;
	files: { files: RunFile[]; skipped: readonly SkippedRunFile[] };
	pipelines: readonly Pipeline[];
	/** How paths of this folder are shown (`pipelines/lettings-django/runs/circleci-366/`). */
	display: string;
}

/** The runs of one folder: pure apart from the files handed in. */
export function runsOfFolder({ folder, files: { files, skipped }, pipelines, display }: RunFolder): Run[] {
	const hint = pipelines.find((p) => p.provider !== 'heroku')?.provider ?? pipelines[0]?.provider;
	const result = parseRunFolder(files, hint);
	const folderDiagnostics: Diagnostic[] = [
		...skipped.map(({ path, size, over }) =>
			over === 'file'
				? diagnostic('warning', 'run-too-large', `${path} is ${megabytes(size)}, over the ${megabytes(MAX_LOG_BYTES)} limit for a JSON file or zip of a run, which cannot be cut: it was not read`, `${display}${path}`, 1, 'Keep the step logs people need; a full log belongs in the CI.')
				: diagnostic('warning', 'run-too-large', `${path} is not read: the run folder's files are over ${megabytes(MAX_RUN_BYTES)} together`, `${display}${path}`, 1, 'Keep the step logs people need; a full log belongs in the CI.'),
		),
		...files.flatMap((f) =>
			f.truncated === undefined
				? []
				: [diagnostic('warning', 'run-truncated', `${f.path} is over the ${megabytes(MAX_LOG_BYTES)} limit for a log: only its end is shown, after the line ${f.truncated}`, `${display}${f.path}`, 1, 'The end of a log is where a failed run says why; the full log belongs in the CI.')],
		),
		...result.problems.map((p) => diagnostic('warning', 'run-format', p.message, `${display}${p.file}`, p.line ?? 1, p.hint)),
	];
	const redactor = redactorFor(files, result, pipelines);
	const ids = result.runs.length === 1 ? [slugify(folder)] : uniqueSlugs(result.runs.map((r) => `${folder}-${r.job}`));
	return result.runs.map((parsed, i) => {
		const clean = redactInPlace(parsed, redactor);
		const provider = PROVIDER_OF_FORMAT[clean.format ?? 'text'] ?? hint ?? 'unknown';
		const pipeline = pipelines.find((p) => p.provider === provider) ?? pipelines[0];
		const identity = { provider, id: ids[i]!, group: folder, pipelineId: pipeline?.id ?? 'unknown', files: result.files[i] ?? [] };
		const checked = CheckedRun.safeParse({ ...clean, ...identity, diagnostics: folderDiagnostics });
		if (!checked.success) return unmodelled(clean, identity, folderDiagnostics, checked.error.issues[0], display);
		return pipeline ? matched(checked.data, pipeline, display) : checked.data;
	});
}

/**
 * A parser produced something the model rejects: a bug of ours, shown on the run rather than
 * failing every run of the build. The run keeps its identity; its steps are not shown.
 */
function unmodelled(
	parsed: ParsedRun,
	identity: Pick<Run, 'provider' | 'id' | 'group' | 'pipelineId' | 'files'>,
	diagnostics: Diagnostic[],
	issue: { path: PropertyKey[]; message: string } | undefined,
	display: string,
): Run {
	return Run.parse({
		...identity,
		format: Run.shape.format.safeParse(parsed.format).data ?? 'text',
		job: typeof parsed.job === 'string' ? parsed.job : 'job',
		status: 'unknown',
		diagnostics: [
			...diagnostics,
			diagnostic('error', 'internal', `Pipeline Atlas could not model this run: ${issue?.path.map(String).join('.')}: ${issue?.message}`, display, 1, 'This is a bug in Pipeline Atlas; please report it with the run folder.'),
		],
	});
}

function matched(run: Run, pipeline: Pipeline, display: string): Run {
	const target = matchTarget(run, pipeline);
	if (!target) {
		return {
			...run,
			diagnostics: [
				...run.diagnostics,
				diagnostic('info', 'run-unmatched-job', `the run's job "${run.job}" is no job of pipeline ${pipeline.id}: its steps are shown without their configuration`, display, 1, 'Record runs of jobs the configuration still has, or rename the run folder’s job.'),
			],
		};
	}
	const entry = target.entry ? { entry: { workflowId: target.entry.workflow.id, id: target.entry.entry.id } } : {};
	const steps = markAllowedToFail(matchSteps(run.steps, target), target);
	return { ...run, jobId: target.job.id, ...entry, steps, status: statusLettingFail({ ...run, steps }) };
}

/**
 * Secret values are learned from the run's own files (env dumps, `::add-mask::`) for names the
 * configuration marks secret or that look secret; the redactor also knows token shapes.
 */
function redactorFor(files: readonly RunFile[], { runs, utf8 }: RunParseResult, pipelines: readonly Pipeline[]): Redactor {
	const isSecret = secretNames(pipelines.flatMap((p) => [...p.env, ...p.jobs.flatMap((j) => j.env)]).filter((v) => v.secret).map((v) => v.name));
	const decoder = new TextDecoder();
	// Every file as UTF-8 text, as the parser read it when it did (decoding is dear on big logs).
	const raw = files.map((f) => withoutBom(utf8?.get(f.path)) ?? decoder.decode(f.bytes));
	// Parsed lines too: a zipped logs archive is only text once parsed.
	const logs = new Map<readonly string[], string>(runs.flatMap((r) => (r.steps ?? []).flatMap((s) => (s.lines ? [[s.lines, s.lines.join('\n')] as const] : []))));
	const values = [...raw, ...logs.values()].flatMap((text) => secretValuesIn(text, isSecret));
	const redactor = createRedactor({ values, ciMasks: 'all' });
	// Each step's lines are redacted as the text just searched: joined once, not twice.
	return { redact: redactor.redact, shortest: redactor.shortest, redactLines: (lines, joined) => redactor.redactLines(lines, joined ?? logs.get(lines)) };
}

/** The text a default TextDecoder gives: it drops a leading BOM, which the parser keeps. */
function withoutBom(text: string | undefined): string | undefined {
	return text?.startsWith('\uFEFF') ? text.slice(1) : text;
}

function diagnostic(severity: Diagnostic['severity'], code: string, message: string, file: string, line: number, hint?: string): Diagnostic {
	return { severity, code, message, location: { file, line, column: 1 }, ...(hint ? { hint } : {}) };
}
