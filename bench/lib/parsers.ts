/**
 * The parsers on their own, in this process (as a build runs them: see ./as-built.ts), against
 * the bare cost of reading the same bytes: how fast configs are read (files/s) and how much
 * dearer reading runs is than `readFile` and splitting into lines. Also the build's parse phase
 * by proxy: the build logs when each loader finishes, not how long its parsing took (Markdown
 * rendering and Astro's own work share the content-sync window), so these in-process times
 * stand in for it.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Run } from '../../src/model';
import type { RunFile } from '../../src/runs/parse';
import { type AsBuilt, asBuilt } from './as-built';
import { type ImageSample, imageSample } from './images';

export interface ParserBench {
	reps: number;
	configs: {
		files: number;
		bytes: number;
		/** `readPipelines`: read, detect, parse, assemble, redact (median of `passes`). */
		readPipelinesMs: number;
		/** How many passes the configs' medians are of: CONFIG_PASSES_PER_REP for each rep. */
		passes: number;
		/** The quickest and slowest of those passes: how much the machine moved while they ran. */
		readPipelinesRangeMs: [number, number];
		/**
		 * The first `readPipelines` of the process, before the reps: code not yet optimised by the
		 * JIT, zod's parser compiled, but the modules loaded and the files read once already. A
		 * build's one parse costs at least this (the budget's figure is the passes' median).
		 */
		firstPassMs: number;
		/** `assembleFolder` over files already in memory: the providers' parsing alone. */
		parseOnlyMs: number;
		filesPerS: number;
		parseOnlyFilesPerS: number;
	};
	runs: {
		folders: number;
		files: number;
		bytes: number;
		/** Lines of the run files as `split(/\r?\n/)` counts them (CircleCI's JSON exports hold many log lines per file line). */
		rawLines: number;
		runs: number;
		/** Lines of the parsed runs' steps. */
		parsedLines: number;
		/** `readRuns`: read, decode, parse, redact, validate, match (median of reps). */
		readRunsMs: number;
		/** `runsOfFolder` on files already in memory: readRuns without the reading. */
		runsOfFolderMs: number;
		/** `parseRunFolder` on files already in memory: the format parsers alone. */
		parseOnlyMs: number;
		/** `fs.readFile` + `toString` + `split(/\r?\n/)` of the same files. */
		readSplitMs: number;
		/** readRunsMs / readSplitMs: the budget is 3x. */
		ratio: number;
		parseOnlyRatio: number;
		linesPerS: number;
	};
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
	const t = performance.now();
	const value = await f();
	return [value, performance.now() - t];
}

interface RunFolderFiles {
	group: string;
	folder: string;
	paths: string[];
}

/** Run folders as `readRuns` finds them: `<dir>/<pipeline folder>/runs/<run>/**`, sorted. */
function runFolders(dir: string): RunFolderFiles[] {
	const out: RunFolderFiles[] = [];
	for (const group of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
		const runsDir = join(dir, group, 'runs');
		let folders: string[];
		try {
			folders = readdirSync(runsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
		} catch {
			continue;
		}
		for (const folder of folders) {
			const root = join(runsDir, folder);
			const paths = (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
				.filter((e) => e.isFile())
				.map((e) => join(e.parentPath, e.name))
				.sort();
			out.push({ group, folder, paths });
		}
	}
	return out;
}

async function loadFolder(f: RunFolderFiles, root: string): Promise<RunFile[]> {
	const files: RunFile[] = [];
	for (const path of f.paths) files.push({ path: relative(root, path).split(sep).join('/'), bytes: new Uint8Array(await readFile(path)) });
	return files;
}

async function readSplit(paths: string[]): Promise<number> {
	let lines = 0;
	for (const path of paths) lines += (await readFile(path)).toString('utf8').split(/\r?\n/).length;
	return lines;
}

/**
 * A pass over M's configs takes under a second, where the runs' takes a few: the configs get
 * three passes for each rep, so that their median is not the middle of three passes on a
 * machine whose speed moved by half within a minute (round `s45`).
 */
const CONFIG_PASSES_PER_REP = 3;

export async function benchParsers(dir: string, reps: number, imageSampleSize: number, log: (s: string) => void): Promise<ParserBench & { images: ImageSample }> {
	const parsers = await asBuilt();
	try {
		return await timeParsers(parsers, dir, reps, imageSampleSize, log);
	} finally {
		await parsers.close();
	}
}

async function timeParsers(
	{ readFolders, readPipelines, assembleFolder, readRuns, runsOfFolder, parseRunFolder }: AsBuilt,
	dir: string,
	reps: number,
	imageSampleSize: number,
	log: (s: string) => void,
): Promise<ParserBench & { images: ImageSample }> {
	const display = 'pipelines/';
	// Configs. Warm-up first: the first pass pays for the JIT (and zod's compiled parser), which a
	// build pays once too; the modules are loaded and the files were read just before.
	const folders = await readFolders(dir, display);
	const configFiles = folders.reduce((n, f) => n + f.files.length, 0);
	const configBytes = folders.reduce((n, f) => n + f.files.reduce((m, x) => m + Buffer.byteLength(x.text), 0), 0);
	let [pipelines, firstPassMs] = await timed(() => readPipelines(dir, display));
	const pipelineTimes: number[] = [];
	const assembleTimes: number[] = [];
	const passes = reps * CONFIG_PASSES_PER_REP;
	for (let i = 0; i < passes; i++) {
		const [p, ms] = await timed(() => readPipelines(dir, display));
		pipelines = p;
		pipelineTimes.push(ms);
		assembleTimes.push((await timed(() => folders.flatMap(assembleFolder)))[1]);
	}
	log(`configs: ${configFiles} files, readPipelines ${median(pipelineTimes).toFixed(0)} ms`);

	// Runs.
	const all = runFolders(dir);
	const paths = all.flatMap((f) => f.paths);
	const groupPipelines = (group: string) => pipelines.filter((p) => p.group === group);
	const hint = (group: string) => {
		const ps = groupPipelines(group);
		return ps.find((p) => p.provider !== 'heroku')?.provider ?? ps[0]?.provider;
	};
	// Warm-up on a few folders: every format's code paths, without paying a full pass at size L.
	const warm = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 12)) === 0);
	for (const f of warm) runsOfFolder({ folder: f.folder, files: { files: await loadFolder(f, join(dir, f.group, 'runs', f.folder)), skipped: [] }, pipelines: groupPipelines(f.group), display: `${display}${f.group}/runs/${f.folder}/` });
	await readSplit(warm.flatMap((f) => f.paths));

	const readRunsTimes: number[] = [];
	const splitTimes: number[] = [];
	let runs: Run[] = [];
	let rawLines = 0;
	// Interleaved, so a noisy moment on the machine hits both sides alike; the median of each is kept.
	for (let i = 0; i < reps; i++) {
		runs = []; // the previous pass's runs are garbage before the next pass allocates its own
		const [r, ms] = await timed(() => readRuns(dir, pipelines, display));
		runs = r;
		readRunsTimes.push(ms);
		const [lines, splitMs] = await timed(() => readSplit(paths));
		rawLines = lines;
		splitTimes.push(splitMs);
	}
	log(`runs: ${runs.length} runs from ${all.length} folders, readRuns ${median(readRunsTimes).toFixed(0)} ms, read+split ${median(splitTimes).toFixed(0)} ms`);

	// What the image timing needs is kept; the parsed runs are let go before parsing again (memory at L).
	const parsedLines = runs.reduce((n, r) => n + r.steps.reduce((m, s) => m + s.lines.length, 0), 0);
	const runCount = runs.length;
	const images = imageSample(runs, imageSampleSize);
	runs = [];

	// Parsing without reading: files loaded once, then only the parsers (and, for runsOfFolder, redaction and matching).
	let bytes = 0;
	const loaded: { f: RunFolderFiles; files: RunFile[] }[] = [];
	for (const f of all) {
		const files = await loadFolder(f, join(dir, f.group, 'runs', f.folder));
		bytes += files.reduce((n, x) => n + x.bytes.length, 0);
		loaded.push({ f, files });
	}
	const parseTimes: number[] = [];
	const ofFolderTimes: number[] = [];
	// Each folder's result is dropped as soon as it is made, as a build's loader would hand it on.
	for (let i = 0; i < reps; i++) {
		parseTimes.push((await timed(() => loaded.forEach(({ f, files }) => void parseRunFolder(files, hint(f.group)))))[1]);
		ofFolderTimes.push(
			(await timed(() => loaded.forEach(({ f, files }) => void runsOfFolder({ folder: f.folder, files: { files, skipped: [] }, pipelines: groupPipelines(f.group), display: `${display}${f.group}/runs/${f.folder}/` }))))[1],
		);
	}
	const readRunsMs = median(readRunsTimes);
	const readSplitMs = median(splitTimes);
	const parseOnlyMs = median(parseTimes);
	return {
		reps,
		configs: {
			files: configFiles,
			bytes: configBytes,
			readPipelinesMs: median(pipelineTimes),
			passes,
			readPipelinesRangeMs: [Math.min(...pipelineTimes), Math.max(...pipelineTimes)],
			firstPassMs,
			parseOnlyMs: median(assembleTimes),
			filesPerS: configFiles / (median(pipelineTimes) / 1000),
			parseOnlyFilesPerS: configFiles / (median(assembleTimes) / 1000),
		},
		runs: {
			folders: all.length,
			files: paths.length,
			bytes,
			rawLines,
			runs: runCount,
			parsedLines,
			readRunsMs,
			runsOfFolderMs: median(ofFolderTimes),
			parseOnlyMs,
			readSplitMs,
			ratio: readRunsMs / readSplitMs,
			parseOnlyRatio: parseOnlyMs / readSplitMs,
			linesPerS: parsedLines / (readRunsMs / 1000),
		},
		images,
	};
}
