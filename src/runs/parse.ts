/**
 * A run folder's files in, its runs out: one per job, whatever the CI exported. Formats are told
 * apart by content; the pipeline's CI only breaks ties (plain per-step text files look the same
 * whoever wrote them). Nothing is ever lost or fatal: text no parser knows becomes a plain
 * one-step run, unreadable files and oversized zips become problems, and a parser that fails
 * on a file hands it to the plain-text reader.
 */
import type { ParsedRun, Provider } from '../model';
import { apiMetadataKind, withGithubMetadata, withGitlabMetadata } from './api-metadata';
import { isZip, unzipRunArchive } from './archive';
import { CIRCLECI_STEP_FILE, circleciJsonKind, readCircleci, type JsonFile } from './circleci';
import { decodeText } from './decode';
import type { ReadRun, TextFile } from './folder';
import { readGithubFiles } from './github-archive';
import { looksLikeGithubCli, parseGithubCli } from './github-cli';
import { looksLikeGithubLog } from './github-log';
import { looksLikeGitlabTrace, parseGitlabTrace } from './gitlab-trace';
import { baseName, comparePaths, dirName, stem } from './paths';
import { parsePlainText, textFlavour } from './plain-text';
import type { RunProblem } from './problems';
import { firstLines, splitLines } from './terminal';

export type { RunProblem } from './problems';

export interface RunFile {
	/** Relative to the run folder, `/`-separated. */
	path: string;
	bytes: Uint8Array;
	/**
	 * When `bytes` are only the end of a longer file (cut at a line by whoever read it): the
	 * line that says so, shown first in the run's log.
	 */
	truncated?: string;
}

export interface RunParseResult {
	runs: ParsedRun[];
	problems: RunProblem[];
	/** `files[i]`: the run folder's files `runs[i]` was read from, in reading order (a zip's entries count as the zip). */
	files: string[][];
	/**
	 * The text of each file read as UTF-8 (a leading BOM kept), by its path as given, so whoever
	 * needs the raw text again need not decode it twice. Absent when the folder could not be read.
	 */
	utf8?: ReadonlyMap<string, string>;
}

/** A file of the folder, or an entry of a zip in it, before decoding. */
interface RawFile {
	path: string;
	bytes: Uint8Array;
	origin: string;
	fromZip: boolean;
	truncated?: string;
	/** Its path as given, when its bytes are a file's own (not a zip's entry) and no other file was given that path. */
	given?: string;
}

type Kind = 'circleci-build' | 'circleci-job' | 'circleci-workflow' | 'circleci-output' | 'github-run' | 'github-jobs' | 'gitlab-job' | 'github-log' | 'github-cli' | 'gitlab-trace' | 'json' | 'bad-json' | 'text';

interface Classified extends TextFile {
	kind: Kind;
	json?: unknown;
	/** For JSON that does not parse: the 1-based line of the error, when the engine says. */
	errorLine?: number;
}

/** A file read as plain text, and why when that is not what it looked like. */
interface Textual {
	file: Classified;
	why?: string;
	line?: number;
}

/** GitHub's archive names step files `<n>_<step>.txt` (CircleCI's downloads may be `NN-<step>.txt`). */
const GITHUB_NUMBERED = /^\d+_.+\.(?:txt|log)$/i;
/** GitLab's FF_TIMESTAMPS prefix, which GitHub's timestamp test would also take. */
const GITLAB_TIMESTAMPED = /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z [0-9a-f]{2}[EO][+ ]/;

export function parseRunFolder(files: RunFile[], hint?: Provider): RunParseResult {
	const problems: RunProblem[] = [];
	try {
		return readFolder(files, hint, problems);
	} catch (error) {
		problems.push({ file: '.', message: `Could not read the run folder (${describe(error)})` });
		return { runs: [], problems, files: [] };
	}
}

function readFolder(input: RunFile[], hint: Provider | undefined, problems: RunProblem[]): RunParseResult {
	const raw = expand(input, problems);
	const markers = new Map(raw.flatMap((f) => (f.truncated === undefined ? [] : [[f.path, f.truncated] as const])));
	const utf8 = new Map<string, string>();
	const texts = decodeAll(raw, problems, utf8);
	const classified = texts.map(classify);
	const reads: ReadRun[] = [];
	const textual: Textual[] = [];

	const byKind = (kind: Kind) => classified.filter((f) => f.kind === kind);
	const githubEvidence = classified.some((f) => f.kind === 'github-log' || f.kind === 'github-cli' || f.fromZip || baseName(f.path).toLowerCase() === 'system.txt');
	const circleciEvidence = classified.some((f) => f.kind.startsWith('circleci-'));
	const stepTexts: Classified[] = [];
	const githubFiles: Classified[] = byKind('github-log');
	for (const file of byKind('text')) {
		const base = baseName(file.path);
		if (!CIRCLECI_STEP_FILE.test(base)) {
			textual.push({ file });
			continue;
		}
		const owner = stepFileOwner(file, base, hint, githubEvidence, circleciEvidence);
		if (owner === 'github-actions') githubFiles.push(file);
		else if (owner === 'circleci') stepTexts.push(file);
		else textual.push({ file });
	}

	guarded(reads, textual, byKind('circleci-build').concat(byKind('circleci-job'), byKind('circleci-workflow'), byKind('circleci-output'), stepTexts), 'CircleCI', () => {
		const json = (kind: Kind): JsonFile[] => byKind(kind).map((f) => ({ path: f.path, value: f.json }));
		const result = readCircleci({ builds: json('circleci-build'), jobs: json('circleci-job'), workflows: json('circleci-workflow'), outputs: json('circleci-output'), stepTexts });
		problems.push(...result.problems);
		return result.reads;
	});
	guarded(reads, textual, githubFiles, 'a GitHub Actions log', () => readGithubFiles(githubFiles));
	for (const file of byKind('github-cli')) {
		guarded(reads, textual, [file], 'gh run view output', () => parseGithubCli(splitLines(file.text)).map((run) => ({ run, files: [file.path] })));
	}
	for (const file of byKind('gitlab-trace')) {
		guarded(reads, textual, [file], 'a GitLab job trace', () => [{ run: parseGitlabTrace(file.text, stem(file.path)), files: [file.path] }]);
	}
	for (const file of byKind('json')) textual.push({ file, why: 'JSON that is not a CircleCI build, job, workflow or step output' });
	for (const file of byKind('bad-json')) {
		textual.push({ file, why: 'Not valid JSON (cut short or edited?)', ...(file.errorLine ? { line: file.errorLine } : {}) });
	}

	for (const { file, why, line } of textual.sort((a, b) => comparePaths(a.file.path, b.file.path))) {
		const flavour = textFlavour(file.text);
		const run = safePlainText(file, flavour);
		if (flavour === 'plain' && hint) run.provider = hint;
		if (why || flavour === 'plain') {
			problems.push({
				file: where(file),
				...(line ? { line } : {}),
				message: `${why ?? 'Not a CI log this reader knows'}; shown as plain text`,
				hint: 'Run folders read CircleCI build JSON (API v1.1) with step outputs, GitHub Actions job logs, log archives and `gh run view --log` output, GitLab job traces, and Travis, Buildkite or Jenkins console logs.',
			});
		}
		reads.push({ run, files: [file.path] });
	}

	const origins = new Map(classified.map((f) => [f.path, f.origin]));
	const metadata = (kind: Kind) => byKind(kind).map((f) => ({ path: f.path, value: f.json as Record<string, unknown> }))[0];
	const [githubRun, githubJobs, gitlabJob] = [metadata('github-run'), metadata('github-jobs'), metadata('gitlab-job')];
	for (const read of reads) {
		// API responses saved by `record` describe the run the logs beside them came from.
		if (read.run.format?.startsWith('github') && (githubRun || githubJobs)) {
			read.run = withGithubMetadata(read.run, githubRun?.value, githubJobs?.value);
			read.files.push(...[githubRun?.path, githubJobs?.path].filter((p): p is string => p !== undefined));
		} else if (read.run.format === 'gitlab-trace' && gitlabJob) {
			read.run = withGitlabMetadata(read.run, gitlabJob.value);
			read.files.push(gitlabJob.path);
		}
	}
	for (const read of reads) {
		const marker = read.files.map((path) => markers.get(path)).find((m) => m !== undefined);
		if (marker !== undefined) read.run = startingWith(marker, read.run);
	}
	return {
		runs: reads.map((r) => r.run),
		problems,
		files: reads.map((r) => [...new Set(r.files.map((path) => origins.get(path) ?? path))]),
		utf8,
	};
}

/**
 * Who wrote a plain-text numbered step file: a zip or GitHub's other files in the folder say
 * GitHub, CircleCI's JSON says CircleCI; otherwise the pipeline's CI decides, and without one
 * the name does (`<job>/<n>_<step>.txt` is GitHub's archive layout); in another CI's pipeline
 * they are plain text.
 */
function stepFileOwner(file: Classified, base: string, hint: Provider | undefined, github: boolean, circleci: boolean): Provider | undefined {
	if (file.fromZip) return 'github-actions';
	if (github !== circleci) return github ? 'github-actions' : 'circleci';
	if (hint === 'circleci' || hint === 'github-actions') return hint;
	// Another CI's pipeline: its text files are its own, read as plain text.
	if (hint && hint !== 'unknown') return undefined;
	return GITHUB_NUMBERED.test(base) && dirName(file.path) !== '' ? 'github-actions' : 'circleci';
}

/** The folder's files with zips replaced by their entries; files sorted so every run comes out in the same order. */
function expand(inputs: RunFile[], problems: RunProblem[]): RawFile[] {
	const files: RawFile[] = [];
	// A path given twice names two texts: neither can be looked up by it.
	const counts = new Map<string, number>();
	for (const { path } of inputs) counts.set(path, (counts.get(path) ?? 0) + 1);
	for (const file of inputs) {
		const path = normalise(file.path);
		const base = baseName(path);
		if (path.startsWith('__MACOSX/') || base === '.DS_Store' || base.startsWith('._')) continue;
		const bytes = file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(0);
		if (isZip(bytes)) {
			const { entries, problems: zipProblems } = unzipRunArchive(path, bytes);
			problems.push(...zipProblems);
			for (const entry of entries) files.push({ path: entry.path, bytes: entry.bytes, origin: path, fromZip: true });
		} else {
			const truncated = typeof file.truncated === 'string' ? { truncated: file.truncated } : {};
			const own = file.bytes === bytes && counts.get(file.path) === 1 ? { given: file.path } : {};
			files.push({ path, bytes, origin: path, fromZip: false, ...own, ...truncated });
		}
	}
	return files.sort((a, b) => comparePaths(a.path, b.path));
}

function normalise(path: string): string {
	return String(path ?? '')
		.replace(/\\/g, '/')
		.split('/')
		.filter((part) => part !== '' && part !== '.')
		.join('/');
}

function decodeAll(files: RawFile[], problems: RunProblem[], utf8: Map<string, string>): TextFile[] {
	const texts: TextFile[] = [];
	for (const file of files) {
		const label = where(file);
		const decoded = decodeText(file.bytes);
		if (decoded.text === undefined) {
			problems.push({ file: label, message: `Not a text file: ${decoded.reason}; left out`, hint: 'A run folder holds exported CI logs as text or JSON, or GitHub’s log archive as a .zip.' });
			continue;
		}
		if (file.given !== undefined && decoded.encoding === 'utf-8') utf8.set(file.given, decoded.text);
		if (decoded.text.trim() === '') {
			problems.push({ file: label, message: 'Empty file; left out' });
			continue;
		}
		if (decoded.lossy) problems.push({ file: label, message: 'Some bytes are not valid UTF-8; they are shown as �' });
		texts.push({ path: file.path, text: decoded.text, fromZip: file.fromZip, origin: file.origin });
	}
	return texts;
}

function classify(file: TextFile): Classified {
	// trimStart also drops a BOM.
	const trimmed = file.text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		let value: unknown;
		let parsed = false;
		let failure: unknown;
		try {
			value = JSON.parse(trimmed);
			parsed = true;
		} catch (error) {
			// Not JSON after all: a log may start with a bracket.
			failure = error;
		}
		if (parsed) {
			const kind = circleciJsonKind(value, file.path);
			return { ...file, kind: kind ? (`circleci-${kind}` as Kind) : (apiMetadataKind(value) ?? 'json'), json: value };
		}
		if (/\.json$/i.test(file.path)) {
			const errorLine = jsonErrorLine(file.text, failure);
			return errorLine === undefined ? { ...file, kind: 'bad-json' } : { ...file, kind: 'bad-json', errorLine };
		}
	}
	// The sniffers below read at most the first 200 lines that are not blank.
	const head = firstLines(file.text.slice(0, 256 * 1024), 200);
	if (looksLikeGithubCli(head)) return { ...file, kind: 'github-cli' };
	// GitLab's timestamped lines would pass for GitHub's: tell them apart first.
	if (head.length > 0 && GITLAB_TIMESTAMPED.test(head[0]!)) return { ...file, kind: 'gitlab-trace' };
	if (looksLikeGithubLog(head)) return { ...file, kind: 'github-log' };
	if (looksLikeGitlabTrace(file.text)) return { ...file, kind: 'gitlab-trace' };
	return { ...file, kind: 'text' };
}

/** The 1-based line a JSON.parse error points at (`... at position 123`), counted in the whole file. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
	const message = error instanceof Error ? error.message : '';
	const explicit = /\(line (\d+) column \d+\)/.exec(message);
	const trimmed = text.trimStart();
	const leading = text.length - trimmed.length;
	const countLines = (s: string) => s.split('\n').length - 1;
	if (explicit) return Number(explicit[1]) + countLines(text.slice(0, leading));
	const position = /at position (\d+)/.exec(message);
	return position ? 1 + countLines(text.slice(0, leading + Number(position[1]))) : undefined;
}

/** Runs a format's reader; if it throws, its files are read as plain text with a problem saying so. */
function guarded(reads: ReadRun[], textual: Textual[], files: Classified[], format: string, read: () => ReadRun[]): void {
	if (files.length === 0) return;
	try {
		reads.push(...read());
	} catch (error) {
		for (const file of files) textual.push({ file, why: `Could not be read as ${format} (${describe(error)})` });
	}
}

function safePlainText(file: Classified, flavour: ReturnType<typeof textFlavour>): ParsedRun {
	try {
		return parsePlainText(file.text, stem(file.path), flavour);
	} catch {
		// A last resort that cannot fail: the lines as they are.
		return { provider: 'unknown', format: 'text', job: stem(file.path), status: 'unknown', steps: [{ index: 1, name: stem(file.path), status: 'unknown', lines: splitLines(file.text), sections: [], marks: [] }] };
	}
}

/**
 * A run read from a file cut to its end: the first step's log starts with a line saying so.
 * The parsers never see that line, so it cannot change which format a log is taken for.
 */
function startingWith(line: string, run: ParsedRun): ParsedRun {
	const [first, ...rest] = run.steps ?? [];
	if (!first) return { ...run, steps: [{ index: 1, name: run.job, status: 'unknown', lines: [line], sections: [], marks: [] }] };
	return {
		...run,
		steps: [
			{
				...first,
				lines: [line, ...(first.lines ?? [])],
				sections: (first.sections ?? []).map((section) => ({ ...section, start: section.start + 1, end: section.end + 1 })),
				marks: (first.marks ?? []).map((mark) => ({ ...mark, line: mark.line + 1 })),
			},
			...rest,
		],
	};
}

/** How problems name a file: a zip's entries by the zip and the entry. */
function where(file: { path: string; origin: string; fromZip: boolean }): string {
	return file.fromZip ? `${file.origin} (${file.path})` : file.path;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
