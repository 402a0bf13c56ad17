/**
 * The performance benchmark: builds a generated site of one size cold, then warm twice (after an
 * edit to the explanation of every checkout, which reaches every job page with one, then to one job's
 * explanation), builds two baselines of the same page count and text (Starlight alone, plain
 * Astro), times the parsers against plainly reading the same bytes, and prints one table of
 * metrics against their budgets.
 *
 *   npm run bench -- --size S|M|L [--out FILE.json] [--skip-baselines] [--keep] [--verbose]
 *                    [--baseline-sidebar matched|all] [--reps N]
 *
 * Everything it writes goes to a temp folder (inputs, sites, baseline projects; removed at the
 * end unless --keep) and to bench/out/ (the JSON, and each build's timestamped log beside it).
 * Builds run one at a time, through the same CLI a user runs, each after any other build of this
 * installation has finished. On 2 cores a full M run, both baselines included, took about 9
 * minutes in round s23; L without them about 12 in round s19. A build that fails (at L,
 * possibly out of memory) is reported with its time and peak memory, and the rest of the run
 * goes on without it.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type Size, type Totals } from './generate';
import { type BuildPhases, parseBuildLog, type RouteKind } from './lib/astro-log';
import { type BaselineKind, baselineParent, type SidebarShape, writeBaseline } from './lib/baselines';
import { benchImages, type ImageBench } from './lib/images';
import { haveTime, type Measurement, measure } from './lib/measure';
import { ASTRO_ENV, ASTRO_NODE_FLAGS } from '../src/cli/build';
import { benchParsers, type ParserBench } from './lib/parsers';
import { speedProbe } from './lib/probe';
import { atlasCacheDir, waitForBuildLock } from './lib/project';
import { type SiteStats, siteStats } from './lib/site';
import { type Cell, mib, num, pct, ratio, s, table } from './lib/table';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
	size: Size;
	out: string;
	skipBaselines: boolean;
	keep: boolean;
	verbose: boolean;
	baselineSidebar: SidebarShape;
	reps: number;
}

const USAGE = 'usage: npm run bench -- --size S|M|L [--out FILE.json] [--skip-baselines] [--keep] [--verbose] [--baseline-sidebar matched|all] [--reps N]';

function parseArgs(argv: string[]): Args {
	const value = (i: number, name: string) => {
		const v = argv[i];
		if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
		return v;
	};
	let size: string | undefined;
	let out: string | undefined;
	let reps: number | undefined;
	const args: Omit<Args, 'size' | 'out' | 'reps'> = { skipBaselines: false, keep: false, verbose: false, baselineSidebar: 'matched' };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i]!.includes('=') ? (argv[i]!.split(/=(.*)/s) as [string, string]) : [argv[i]!, undefined];
		const take = () => inline ?? value(++i, flag);
		if (flag === '--size') size = take();
		else if (flag === '--out') out = take();
		else if (flag === '--reps') reps = Number(take());
		else if (flag === '--baseline-sidebar') {
			const v = take();
			if (v !== 'matched' && v !== 'all') throw new Error('--baseline-sidebar must be matched or all');
			args.baselineSidebar = v;
		} else if (flag === '--skip-baselines') args.skipBaselines = true;
		else if (flag === '--keep') args.keep = true;
		else if (flag === '--verbose') args.verbose = true;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (size !== 'S' && size !== 'M' && size !== 'L') throw new Error('--size must be S, M or L');
	if (reps !== undefined && !(Number.isInteger(reps) && reps > 0)) throw new Error('--reps must be a positive integer');
	return {
		...args,
		size,
		out: resolve(out ?? join(projectRoot, 'bench', 'out', `bench-${size}.json`)),
		// In-process timings are medians of this many passes; one at L, where a pass reads 3M lines.
		reps: reps ?? (size === 'L' ? 1 : 3),
	};
}

/** Peak-memory budgets by size; S has none of its own and is held to M's. */
const RSS_BUDGET: Record<Size, number> = { S: 2 * 2 ** 30, M: 2 * 2 ** 30, L: 6 * 2 ** 30 };

interface BuildResult {
	label: string;
	/** Set when the build exited non-zero (at L the build may run out of memory): its last lines. */
	failed?: string;
	measurement: Omit<Measurement, 'lines'>;
	/** Wall time less any wait for another build's lock inside the CLI. */
	wallMs: number;
	lockWaitMs: number;
	/** From the Astro process's start to its exit, as sampled (our CLI's own overhead is the rest). */
	astroWallMs?: number;
	phases: BuildPhases;
	/** What it wrote; absent when it failed. */
	site?: SiteStats;
	log: string;
	/** The machine's speed just before and just after the build (see ./lib/probe.ts). */
	speedProbeMs: { before: number; after: number };
}

type Built = BuildResult & { site: SiteStats };
const built = (r: BuildResult | undefined): r is Built => r !== undefined && !r.failed && r.site !== undefined;

/** The environment a build sees: ours and the baselines alike. Vite reads these names for itself (see runAstro in src/cli/build.ts). */
function buildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...env } = process.env;
	for (const key of Object.keys(env)) if (key.startsWith('ATLAS_')) delete env[key];
	return { ...env, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** Milestone lines go to the terminal as progress; the thousands of per-file lines only to the log. */
const milestone = (line: string) => line.trim() !== '' && !/[├└]─|^\s*\(\+/.test(line) && !/^\s*[▶λ]/.test(line);

async function runBuild(label: string, command: string[], cwd: string, env: NodeJS.ProcessEnv, outDir: string, args: Args, logBase: string): Promise<BuildResult> {
	await waitForBuildLock(projectRoot, label);
	console.log(`\n${label}: ${command.map((a) => a.replace(projectRoot, '.')).join(' ')}`);
	const log = `${logBase}.${label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.log`;
	// A heartbeat through the long route-writing phase (tens of minutes at M): every 1000 files written.
	let written = 0;
	const echo = (line: string) => {
		if (/[├└]─/.test(line) && ++written % 1000 === 0) console.log(`  [${label}] ${num(written)} files written`);
		return milestone(line);
	};
	const before = speedProbe();
	const m = await measure(command, { cwd, env, label, verbose: args.verbose, echo, logFile: log, timeFile: join(dirname(outDir), `.time-${process.pid}`) });
	// A failed build is a result (its time and memory up to the failure are), not the end of the run.
	const failed = m.exitCode === 0 ? undefined : `exit code ${m.exitCode}:\n${m.lines.slice(-30).map((l) => `  ${l.text}`).join('\n')}`;
	const phases = parseBuildLog(m.lines);
	const astro = m.processes.find((p) => /astro\/bin\/astro\.mjs/.test(p.cmd));
	// The CLI waits for another build's lock inside our measurement if one started after our check:
	// that wait (from its message to the Astro process appearing) is not our build's time.
	let lockWaitMs = 0;
	const waitLine = m.lines.find((l) => l.text.includes('Another build of this installation is running'));
	if (waitLine && astro) lockWaitMs = Math.max(0, astro.firstSeenMs - waitLine.ms);
	const { lines: _lines, ...measurement } = m;
	const result: BuildResult = {
		label,
		...(failed ? { failed } : {}),
		measurement,
		wallMs: m.wallMs - lockWaitMs,
		lockWaitMs,
		...(astro ? { astroWallMs: astro.lastSeenMs - astro.firstSeenMs } : {}),
		phases,
		...(failed ? {} : { site: siteStats(outDir) }),
		log,
		speedProbeMs: { before, after: speedProbe() },
	};
	if (failed) console.error(`${label} FAILED after ${s(m.wallMs)} (peak RSS ${mib(m.peakTreeRssBytes)}), ${failed}\nlog in ${log}`);
	else console.log(
		`${label}: ${s(result.wallMs)} wall, ${m.cpuS.toFixed(1)} s CPU, peak RSS ${mib(m.peakTreeRssBytes)} (tree), ${result.site?.pages} pages, ${mib(result.site?.bytes)} out` +
			(lockWaitMs ? `, ${s(lockWaitMs)} waiting for another build not counted` : '') +
			(m.backgroundCpuS > Math.max(5, 0.25 * (m.wallMs / 1000)) ? `; other processes used ${m.backgroundCpuS.toFixed(0)} CPU-s meanwhile (noisy machine)` : ''),
	);
	return result;
}

function machine() {
	const cpu = cpus()[0];
	return {
		cores: availableParallelism(),
		cpuModel: cpu?.model ?? 'unknown',
		memoryBytes: totalmem(),
		node: process.version,
		loadavg: loadavg(),
		astro: (JSON.parse(readFileSync(join(projectRoot, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version,
		starlight: (JSON.parse(readFileSync(join(projectRoot, 'node_modules/@astrojs/starlight/package.json'), 'utf8')) as { version: string }).version,
		timeTool: haveTime() ? '/usr/bin/time' : 'none (CPU from /proc sampling)',
	};
}

/**
 * The explanation a warm rebuild edits, the first in path order of those `which` takes, so every
 * run edits the same one: at the top of `explanations/` the generator writes the ones every
 * pipeline shares (the first, of every checkout, reaches every job page with one: 1,435 of 2,000
 * at M); in a pipeline's own folder, one of a job of that pipeline. `undefined` if there is none.
 */
function firstExplanation(content: string, which: 'shared' | 'one job'): string | undefined {
	const dir = join(content, 'explanations');
	const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((f) => f.endsWith('.md') && f.includes(sep) === (which === 'one job'))
		.sort();
	return files[0] === undefined ? undefined : join(dir, files[0]);
}

interface Budget {
	metric: string;
	value: Cell;
	budget?: string;
	pass?: boolean;
}

async function main(): Promise<void> {
	let args: Args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	await run(args);
}

async function run(args: Args): Promise<void> {
	const info = machine();
	if (Number(process.versions.node.split('.')[0]) < 22) throw new Error(`Node ${process.version}: run through npm run bench (Node 22 from the node@22 dev dependency)`);
	mkdirSync(dirname(args.out), { recursive: true });
	const logBase = args.out.replace(/\.json$/, '');
	const tmp = mkdtempSync(join(tmpdir(), `atlas-bench-${args.size}-`));
	console.log(`Pipeline Atlas benchmark, size ${args.size}: ${info.cores} cores (${info.cpuModel}), ${mib(info.memoryBytes)} RAM, Node ${info.node}, Astro ${info.astro}, Starlight ${info.starlight}`);
	console.log(`temp folder ${tmp}; results to ${args.out}`);
	let baselineTmp: string | undefined;
	let cacheDir: string | undefined;
	let warmCacheDir: string | undefined;
	try {
		// 1. Inputs.
		const input = join(tmp, 'input');
		let t = performance.now();
		const totals: Totals = generate({ size: args.size, out: input });
		const generateMs = performance.now() - t;
		const pipelines = join(input, 'pipelines');
		const content = join(input, 'content');
		console.log(
			`inputs in ${s(generateMs)}: ${num(totals.pipelines)} pipelines, ${num(totals.jobs)} jobs, ${num(totals.steps)} steps, ${num(totals.runs)} runs (${num(totals.runFolders)} folders), ${num(totals.logLines)} log lines, ${num(totals.files)} files, ${mib(totals.bytes)}`,
		);

		// 2. Cold build: no content cache for these inputs (a previous run with the same temp path could have left one).
		const site = join(tmp, 'site');
		cacheDir = atlasCacheDir(projectRoot, pipelines, content);
		rmSync(cacheDir, { recursive: true, force: true });
		const cli = [process.execPath, join(projectRoot, 'bin/pipeline-atlas.mjs'), 'build', '--pipelines', pipelines, '--content', content, '--out', site];
		const cold = await runBuild('cold', cli, projectRoot, buildEnv(), site, args, logBase);
		const cacheWritten = existsSync(cacheDir);
		if (!cacheWritten) console.warn(`WARNING: the build did not write the cache folder ${cacheDir}: bench/lib/project.ts no longer mirrors cacheDirFor in src/cli/build.ts, so "cold" may have reused a cache`);

		// 3. Warm rebuilds: one explanation gains a sentence; same inputs, so the same cache. First
		// the explanation of every checkout (it reaches every job page with one), then one of a single job.
		// Without a cold site (the build failed) there is nothing to be warm about, nor pages to match.
		const edited = firstExplanation(content, 'shared');
		if (edited === undefined) throw new Error(`no shared explanation under ${content}/explanations`);
		const editedOneJob = firstExplanation(content, 'one job');
		let warm: BuildResult | undefined;
		let warmOneJob: BuildResult | undefined;
		let reusedColdCache = false;
		if (built(cold)) {
			appendFileSync(edited, '\nThe benchmark added this sentence to measure a warm rebuild.\n');
			// The cache key covers Pipeline Atlas's own source: an edit to src/ during the cold build
			// (someone else working in this checkout) makes the "warm" build a cold one. Said, not hidden.
			warmCacheDir = atlasCacheDir(projectRoot, pipelines, content);
			reusedColdCache = warmCacheDir === cacheDir;
			if (!reusedColdCache) console.warn('WARNING: src/, astro.config.mjs or package-lock.json changed since the cold build: the warm build cannot reuse its cache and is not a warm build');
			warm = await runBuild('warm', cli, projectRoot, buildEnv(), site, args, logBase);
			if (built(warm) && editedOneJob) {
				appendFileSync(editedOneJob, '\nThe benchmark added this sentence to measure a warm rebuild.\n');
				warmOneJob = await runBuild('warm-one-job', cli, projectRoot, buildEnv(), site, args, logBase);
			}
		} else console.warn('the cold build failed: no warm rebuild, and no baselines (they copy its page count and text)');

		// 5. Parsers in process (after the builds: nothing else runs now). The parsed runs feed the image sample.
		console.log('\nparsers and images, in process:');
		const parsersProbeMs = speedProbe();
		const { images: sample, ...parsers } = await benchParsers(pipelines, args.reps, args.size === 'S' ? 16 : 24, (line) => console.log(`  ${line}`));
		const images: ImageBench = benchImages(sample);
		console.log(`  stage images: ${images.sampled} sampled, SVG ${images.svgMsEach.toFixed(1)} ms, PNG 2x ${images.png2xMsEach.toFixed(0)} ms, PNG 1x ${images.png1xMsEach.toFixed(0)} ms each`);

		// 4. Baselines: same pages, same text per page, same sidebar size, no Pipeline Atlas.
		const baselines: Partial<Record<BaselineKind, BuildResult & { spec: { pages: number; textChars: number; sidebarLinks: number; sidebar: SidebarShape } }>> = {};
		if (!args.skipBaselines && built(cold)) {
			const spec = {
				pages: cold.site.pages,
				textChars: cold.site.avgMainTextChars,
				sidebarLinks: args.baselineSidebar === 'all' ? cold.site.pages : Math.round(cold.site.avgSidebarLinks),
			};
			const nodeModules = join(projectRoot, 'node_modules');
			baselineTmp = mkdtempSync(join(baselineParent(projectRoot, nodeModules), `.atlas-bench-baselines-${args.size}-`));
			for (const kind of ['starlight', 'astro'] as const) {
				const root = writeBaseline(join(baselineTmp, kind), { kind, ...spec }, nodeModules);
				// The Node flags and environment our build gives Astro (src/cli/build.ts), so neither side has a head start.
				const command = [process.execPath, ...ASTRO_NODE_FLAGS, join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root];
				const result = await runBuild(`baseline ${kind === 'starlight' ? 'a (Starlight)' : 'b (plain Astro)'}`, command, root, buildEnv({ ...ASTRO_ENV, NODE_ENV: 'production' }), join(root, 'dist'), args, logBase);
				baselines[kind] = { ...result, spec: { ...spec, sidebar: args.baselineSidebar } };
			}
		}

		// 6. Report.
		const budgets = report(args, info, totals, cold, warm, warmOneJob, reusedColdCache, parsers, parsersProbeMs, images, baselines);
		const result = {
			size: args.size,
			date: new Date().toISOString(),
			machine: info,
			input: { ...totals, generateMs },
			cold: { ...cold, cacheDir, cacheWritten },
			warm: warm && { ...warm, editedFile: edited.slice(input.length + 1), cacheDir: warmCacheDir, reusedColdCache },
			warmOneJob: warmOneJob && editedOneJob && { ...warmOneJob, editedFile: editedOneJob.slice(input.length + 1), cacheDir: warmCacheDir, reusedColdCache },
			parsers: { ...parsers, speedProbeMs: parsersProbeMs },
			images,
			baselines,
			budgets,
		};
		writeFileSync(args.out, `${JSON.stringify(result, null, '\t')}\n`);
		console.log(`\nwrote ${args.out} (build logs: ${logBase}.*.log)`);
	} finally {
		// The baselines' node_modules are symlinks: rmSync removes the link, never what it points to.
		// The content cache is keyed by our temp paths: nobody can reuse it, and left behind it would
		// push other inputs' caches out of the few the CLI keeps.
		for (const dir of new Set([tmp, baselineTmp, cacheDir, warmCacheDir])) {
			if (!dir) continue;
			if (args.keep) console.log(`kept ${dir}`);
			else rmSync(dir, { recursive: true, force: true });
		}
	}
}

/**
 * How far the machine's speed moved during the run (see ./lib/probe.ts): the slowest probe over
 * the fastest, around the builds and the parsers. Near 1× the ratios between builds compare like
 * with like; well above it, they compare different machines.
 */
function machineDrift(...measured: (BuildResult | number | undefined)[]): Budget {
	const probes = measured.flatMap((m) => (m === undefined ? [] : typeof m === 'number' ? [m] : [m.speedProbeMs.before, m.speedProbeMs.after]));
	const drift = Math.max(...probes) / Math.min(...probes);
	return { metric: 'machine speed: slowest / fastest probe', value: `${ratio(drift)} (${Math.min(...probes).toFixed(0)}–${Math.max(...probes).toFixed(0)} ms)` };
}

/** Time Astro logged for writing run images (stage and job PNG/SVG, zips): the part of a build the baselines have no counterpart for. */
function imageRoutesMs(r: BuildResult): number {
	return (['stage/job png', 'stage/job svg', 'run images zip'] as RouteKind[]).reduce((n, k) => n + (r.phases.routes[k]?.ms ?? 0), 0);
}

function report(
	args: Args,
	info: ReturnType<typeof machine>,
	totals: Totals,
	cold: BuildResult,
	warm: BuildResult | undefined,
	warmOneJob: BuildResult | undefined,
	reusedColdCache: boolean,
	parsers: ParserBench,
	parsersProbeMs: number,
	images: ImageBench,
	baselines: Partial<Record<BaselineKind, BuildResult>>,
): Budget[] {
	const a = baselines.starlight;
	const b = baselines.astro;
	const rssBudget = RSS_BUDGET[args.size];
	const within = (value: number | undefined, max: number) => (value === undefined || !Number.isFinite(value) ? undefined : value <= max);
	const failed = (r: BuildResult) => `FAILED (${r.failed?.split(':')[0]}) after ${s(r.wallMs)}`;
	const summary = (r: BuildResult | undefined) => (r === undefined ? 'not run' : r.failed ? failed(r) : `${s(r.wallMs)} / ${r.measurement.cpuS.toFixed(1)} s / ${mib(r.measurement.peakTreeRssBytes)}`);
	// Ratios of wall times only between builds that finished.
	const versus = (metric: string, other: BuildResult | undefined, max: number) =>
		built(cold) && built(other)
			? { metric, value: ratio(cold.wallMs / other.wallMs), budget: `≤ ${max}×`, pass: within(cold.wallMs / other.wallMs, max) }
			: { metric, value: args.skipBaselines ? 'skipped' : 'n/a (a build failed)', budget: `≤ ${max}×` };
	const warmRows = (edit: string, r: BuildResult | undefined): Budget[] => [
		built(r) && built(cold)
			? { metric: `warm / cold (${edit})`, value: `${pct(r.wallMs / cold.wallMs)} (${s(r.wallMs)})`, budget: '< 30%', pass: r.wallMs / cold.wallMs < 0.3 }
			: { metric: `warm / cold (${edit})`, value: r === undefined ? 'not run' : 'n/a', budget: '< 30%' },
		{ metric: `warm / cold by CPU (${edit})`, value: built(r) && built(cold) ? pct(r.measurement.cpuS / cold.measurement.cpuS) : undefined },
	];
	const rows: Budget[] = [
		{ metric: 'cold build: wall', value: cold.failed ? failed(cold) : s(cold.wallMs) },
		{ metric: 'cold build: CPU (user+sys)', value: `${cold.measurement.cpuS.toFixed(1)} s (${cold.measurement.userS.toFixed(1)} + ${cold.measurement.sysS.toFixed(1)})` },
		{ metric: 'cold build: peak RSS, process tree', value: mib(cold.measurement.peakTreeRssBytes), budget: `< ${mib(rssBudget)}`, pass: cold.measurement.peakTreeRssBytes < rssBudget },
		{ metric: 'cold build: largest single process', value: mib(cold.measurement.maxRssSingleBytes) },
		{ metric: 'cold build: Astro process wall', value: s(cold.astroWallMs) },
		{ metric: 'cold build: other processes\' CPU', value: `${cold.measurement.backgroundCpuS.toFixed(0)} s` },
		{ metric: 'output: size / files', value: cold.site && `${mib(cold.site.bytes)} / ${num(cold.site.files)}` },
		{ metric: 'output: pages (index.html)', value: num(cold.site?.pages) },
		{ metric: 'output: stage+job images png / svg', value: cold.site && `${num(cold.site.runImages.png)} / ${num(cold.site.runImages.svg)} (${mib(cold.site.runImages.pngBytes)} png)` },
		{ metric: 'warm rebuild: wall', value: warm === undefined ? 'not run' : warm.failed ? failed(warm) : `${s(warm.wallMs)}${reusedColdCache ? '' : ' (NOT warm: src/ changed, cache not reused)'}` },
		{ metric: 'warm rebuild: CPU / peak RSS', value: warm && `${warm.measurement.cpuS.toFixed(1)} s / ${mib(warm.measurement.peakTreeRssBytes)}` },
		{ metric: 'warm rebuild, one job\'s explanation: wall / CPU / RSS', value: summary(warmOneJob) },
		...warmRows('every checkout\'s explanation', warm),
		...warmRows('one job\'s explanation', warmOneJob),
		{ metric: 'baseline a (Starlight): wall / CPU / RSS', value: args.skipBaselines ? 'skipped' : summary(a) },
		{ metric: 'baseline b (plain Astro): wall / CPU / RSS', value: args.skipBaselines ? 'skipped' : summary(b) },
		versus('ours / a (wall)', a, 1.5),
		versus('ours / b (wall)', b, 4),
		...(built(cold) && built(a) && built(b)
			? [
					{ metric: 'ours / a (CPU)', value: ratio(cold.measurement.cpuS / a.measurement.cpuS) },
					{ metric: 'ours / b (CPU)', value: ratio(cold.measurement.cpuS / b.measurement.cpuS) },
					// What the ratio would be without the run images: the stage screenshots are output the baselines have no counterpart for.
					{ metric: 'ours without run-image routes / a (wall)', value: ratio((cold.wallMs - imageRoutesMs(cold)) / a.wallMs) },
				]
			: []),
		machineDrift(cold, warm, warmOneJob, a, b, parsersProbeMs),
		{ metric: 'config parsing (readPipelines)', value: `${num(parsers.configs.filesPerS)} files/s (${num(parsers.configs.bytes / 1024 / (parsers.configs.readPipelinesMs / 1000))} KiB/s)`, budget: '> 500 files/s', pass: parsers.configs.filesPerS > 500 },
		{ metric: 'log parsing: readRuns / read+split', value: ratio(parsers.runs.ratio), budget: '≤ 3×', pass: within(parsers.runs.ratio, 3) },
		{ metric: 'log parsing: parsers alone / read+split', value: ratio(parsers.runs.parseOnlyRatio) },
	];

	console.log('\n== Machine and input ==');
	const pageFacts = (site: SiteStats, sidebar: boolean) =>
		`${num(site.pages)} pages, ${num(site.avgMainTextChars)} chars of text in <main> (${num(site.avgBodyTextChars)} in <body>), ${num(site.htmlBytes / Math.max(1, site.pages))} B of HTML` +
		(sidebar ? `, sidebar ${site.avgSidebarLinks} links on average (max ${site.maxSidebarLinks})` : '');
	const facts: [string, string | undefined][] = [
		['machine', `${info.cores} cores, ${info.cpuModel}, ${mib(info.memoryBytes)} RAM, load ${info.loadavg.map((x) => x.toFixed(1)).join(' ')} at start`],
		['versions', `Node ${info.node}, Astro ${info.astro}, Starlight ${info.starlight}; CPU via ${info.timeTool}`],
		['input', `size ${args.size}: ${num(totals.pipelines)} pipelines, ${num(totals.jobs)} jobs, ${num(totals.steps)} steps, ${num(totals.runs)} runs in ${num(totals.runFolders)} folders, ${num(totals.logLines)} log lines; ${num(totals.files)} files, ${mib(totals.bytes)}`],
		['ours', cold.site && pageFacts(cold.site, true)],
		['baseline a', a?.site && `${pageFacts(a.site, true)} (${args.baselineSidebar})`],
		['baseline b', b?.site && pageFacts(b.site, false)],
	];
	for (const [key, value] of facts) if (value) console.log(`${key.padEnd(11)} ${value}`);

	console.log('\n== Phases (wall time) ==');
	const builds: [string, BuildResult | undefined][] = [
		['ours cold', cold],
		['ours warm', warm],
		['ours warm, one job', warmOneJob],
		['a Starlight', a],
		['b Astro', b],
	];
	const present = builds.filter((x): x is [string, BuildResult] => x[1] !== undefined);
	const route = (r: BuildResult, kinds: RouteKind[]) => {
		const hit = kinds.map((k) => r.phases.routes[k]).filter((x) => x !== undefined);
		const copied = hit.reduce((n, x) => n + (x.copied ?? 0), 0);
		return hit.length ? `${s(hit.reduce((n, x) => n + x.ms, 0))} (${num(hit.reduce((n, x) => n + x.count, 0))}${copied ? ` + ${num(copied)} copied` : ''})` : undefined;
	};
	const phaseRows: Cell[][] = [
		['total wall', ...present.map(([, r]) => `${r.failed ? 'FAILED ' : ''}${s(r.wallMs)}`)],
		['total CPU (user+sys)', ...present.map(([, r]) => `${r.measurement.cpuS.toFixed(1)} s`)],
		['other processes\' CPU meanwhile', ...present.map(([, r]) => `${r.measurement.backgroundCpuS.toFixed(0)} s`)],
		['speed probe before / after (ms)', ...present.map(([, r]) => `${r.speedProbeMs.before.toFixed(0)} / ${r.speedProbeMs.after.toFixed(0)}`)],
		['startup (CLI, Astro, config)', ...present.map(([, r]) => s(r.phases.startupMs))],
		['content sync (loaders, Markdown)', ...present.map(([, r]) => s(r.phases.contentSyncMs))],
		['  pipelines loader done after', ...present.map(([, r]) => s(r.phases.pipelinesLoadedAfterMs))],
		['  runs loader done after', ...present.map(([, r]) => s(r.phases.runsLoadedAfterMs))],
		['  parse, in process: configs+runs', s(parsers.configs.readPipelinesMs + parsers.runs.readRunsMs), ...present.slice(1).map(() => '')],
		['Vite bundles', ...present.map(([, r]) => s(r.phases.bundleMs))],
		['generate (all routes)', ...present.map(([, r]) => s(r.phases.generateMs))],
		['  getStaticPaths + between files', ...present.map(([, r]) => s(r.phases.routeSetupMs))],
		['  pages: job (count)', ...present.map(([, r]) => route(r, ['page: job']))],
		['  pages: run', ...present.map(([, r]) => route(r, ['page: run']))],
		['  pages: pipeline', ...present.map(([, r]) => route(r, ['page: pipeline']))],
		['  pages: docs + other', ...present.map(([, r]) => route(r, ['page: doc', 'page: other']))],
		['  diagrams png/svg/mmd', ...present.map(([, r]) => route(r, ['diagram png', 'diagram svg', 'diagram mmd']))],
		['  stage/job images png', ...present.map(([, r]) => route(r, ['stage/job png']))],
		['  stage/job images svg + zip', ...present.map(([, r]) => route(r, ['stage/job svg', 'run images zip']))],
		['  run logs txt + other files', ...present.map(([, r]) => route(r, ['run log txt', 'other file']))],
		['build:done hooks', ...present.map(([, r]) => s(r.phases.buildDoneHooksMs))],
		['  Starlight pagefind', ...present.map(([, r]) => s(r.phases.starlightPagefindMs))],
		['  our search index', ...present.map(([, r]) => s(r.phases.searchIndexMs))],
	];
	console.log(table(['phase', ...present.map(([name]) => name)], phaseRows));
	console.log(
		`stage images in process (${images.sampled} sampled, ${images.avgStepLines} log lines on average): SVG ${images.svgMsEach.toFixed(1)} ms, PNG 2x ${images.png2xMsEach.toFixed(0)} ms, ` +
			`PNG 1x ${images.png1xMsEach.toFixed(0)} ms, job image ${images.jobImageMsEach.toFixed(0)} ms each; ${num(images.stages)} stages -> ~${s(images.estimatedBuildMs, 0)} of drawing per build`,
	);
	console.log(
		`parsers in process (median of ${parsers.reps}; configs of ${parsers.configs.passes} passes, ${s(parsers.configs.readPipelinesRangeMs[0], 2)}–${s(parsers.configs.readPipelinesRangeMs[1], 2)}): ${num(parsers.configs.files)} config files in ${s(parsers.configs.readPipelinesMs, 2)} (providers alone ${s(parsers.configs.parseOnlyMs, 2)}; the process's first pass ${s(parsers.configs.firstPassMs, 2)}); ` +
			`${num(parsers.runs.files)} run files (${mib(parsers.runs.bytes)}) -> ${num(parsers.runs.runs)} runs, ${num(parsers.runs.parsedLines)} lines: readRuns ${s(parsers.runs.readRunsMs, 2)}, ` +
			`parsers alone ${s(parsers.runs.parseOnlyMs, 2)}, parse+redact+match without reading ${s(parsers.runs.runsOfFolderMs, 2)}, readFile+split ${s(parsers.runs.readSplitMs, 2)}`,
	);

	console.log(`\n== Budgets (size ${args.size}) ==`);
	console.log(table(['metric', 'value', 'budget', 'pass'], rows.map((r) => [r.metric, r.value, r.budget, r.pass === undefined ? (r.budget ? 'n/a' : '') : r.pass ? 'PASS' : 'FAIL'])));
	return rows;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.exitCode = 1;
});
