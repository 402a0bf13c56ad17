import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors';
import { foldersLeft, newImageClaims } from './image-claims';
import { drawImagesApart, moveImages } from './image-worker';
import { isKept, keep, keptRunImages, pipelinesFingerprint } from './kept-images';
import { EARLY_EXPLANATIONS, IMAGES_BY_CLI, INDEX_AFTER_ASTRO, SEARCH_INPUTS } from '../config/paths';
import { parsePngScale, PNG_SCALE_VARIABLE, pngScale, type PngScale } from '../config/png-scale';
import { doneParsing, markParsing } from '../loaders/parsed-pipelines';
import { startSearchIndexApart, writeSearchIndexApart, type SearchIndexApart } from './search-worker';
import { stopOnSignals, type Stoppable } from './stop';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ORPHAN_GUARD = new URL('./orphan-guard.mjs', import.meta.url).href;
/** Tells the guard which descriptor is the CLI's pipe (and that it is one: a forked child's fd 3 is Node's IPC channel). */
const ORPHAN_GUARD_FD = 'ATLAS_ORPHAN_GUARD_FD';

interface BuildOptions {
	pipelines?: string | undefined;
	content?: string | undefined;
	out?: string | undefined;
	base?: string | undefined;
	/** Where the content folder is edited online, e.g. `https://github.com/org/docs/edit/main/content/`. */
	editUrl?: string | undefined;
	/** Where the site is published, e.g. `https://org.github.io`: gives it a sitemap and canonical links. */
	site?: string | undefined;
	/** Pixels of a PNG download per CSS pixel, `1` or `2` (see ../config/png-scale.ts); else ATLAS_PNG_SCALE's, else 1. */
	pngScale?: string | undefined;
	/** Start from an empty cache (thrown away after): nothing is reused from earlier builds. */
	noCache?: boolean | undefined;
}

/**
 * Builds the site from any folders. Astro runs in a child process from the project root, so a
 * user can point it at a repository checkout without copying files into `pipelines/`.
 */
export async function build(options: BuildOptions): Promise<number> {
	const pipelines = resolve(options.pipelines ?? 'pipelines');
	// The bundled docs describe the bundled example pipelines: other pipelines get no docs
	// rather than docs whose links all point at pipelines that are not there.
	const content = options.content || !options.pipelines ? resolve(options.content ?? 'content') : undefined;
	const out = resolve(options.out ?? 'dist');
	if (!isDirectory(pipelines)) throw new UsageError(`no pipelines folder at ${pipelines}`);
	if (options.editUrl && !/^https?:\/\//.test(options.editUrl)) throw new UsageError(`--edit-url must be an http(s) address, not ${options.editUrl}`);
	if (options.site && !/^https?:\/\/[^/]/.test(options.site)) throw new UsageError(`--site must be an http(s) address, such as https://org.github.io, not ${options.site}`);
	if (content && !isDirectory(content)) throw new UsageError(`no content folder at ${content}`);
	const scale = options.pngScale === undefined ? scaleFromEnvironment() : parsePngScale(options.pngScale);
	if (scale === undefined) throw new UsageError(`--png-scale must be 1 or 2, not ${JSON.stringify(options.pngScale)}`);
	// Astro's CLI entry is its package `bin`, which its exports map does not expose.
	// Astro empties and fills the output folder: it must not hold, or sit in, what the build reads.
	for (const [name, dir] of [['pipelines', pipelines], ['content', content]] as const) {
		if (dir && (inside(out, dir) || inside(dir, out))) throw new UsageError(`--out ${out} overlaps the ${name} folder ${dir}; choose an output folder outside it`);
	}
	if (inside(projectRoot, out)) throw new UsageError(`--out ${out} would hold Pipeline Atlas itself; choose a folder of its own`);
	const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
	const astro = join(dirname(astroPackage), 'bin/astro.mjs');
	const args = [...ASTRO_NODE_FLAGS, astro, 'build', '--root', projectRoot, ...(options.base ? ['--base', options.base] : [])];
	// Only now, with the arguments known good: a usage error prints nothing but the error.
	const docs = content ?? emptyContent();
	const release = await buildLock();
	const stoppable: Stoppable = { out, dirs: [] };
	const forget = stopOnSignals(stoppable, release);
	try {
		return await withPngScale(scale, () => runAstro(args, { out, pipelines, content: docs, editUrl: options.editUrl, site: options.site, noCache: options.noCache ?? false }, stoppable));
	} finally {
		forget();
		release();
	}
}

/**
 * `run` with ATLAS_PNG_SCALE set to `scale`, as it is read by Astro's process (whose environment
 * is this one's) and by the image workers (made in this process, or drawing in it); as it was after.
 */
export async function withPngScale<T>(scale: PngScale, run: () => Promise<T>): Promise<T> {
	const given = process.env[PNG_SCALE_VARIABLE];
	process.env[PNG_SCALE_VARIABLE] = String(scale);
	try {
		return await run();
	} finally {
		if (given === undefined) delete process.env[PNG_SCALE_VARIABLE];
		else process.env[PNG_SCALE_VARIABLE] = given;
	}
}

/** The scale ATLAS_PNG_SCALE asks for, or the default; a usage error when it asks for another. */
function scaleFromEnvironment(): PngScale {
	try {
		return pngScale();
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

/**
 * Astro keeps generated modules in the project's `.astro/` whatever the inputs: two builds at
 * once (two terminals, parallel tests) would read each other's. Builds of one installation
 * take turns; a lock left by a process that died is taken over.
 */
export async function buildLock(): Promise<() => void> {
	const lock = join(projectRoot, '.astro', 'build.lock');
	mkdirSync(dirname(lock), { recursive: true });
	for (let waited = 0; ; waited += 250) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			return () => rmSync(lock, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!alive(lock)) rmSync(lock, { recursive: true, force: true });
			else if (waited === 0) console.log('Another build of this installation is running: waiting for it to finish.');
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}

/**
 * Folders in `dir` whose name `pattern` matches, its first group the id of the build process
 * that made them: those of builds no longer running (one killed outright, or whose folder could
 * not be removed when it was stopped), and this process's own of an earlier build. The pattern
 * is the whole name as the build writes it, so a folder of the user's beside them is never taken.
 */
function removeLeft(dir: string, pattern: RegExp): void {
	// A folder not made yet holds nothing left.
	const names = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(dir) : [];
	for (const name of names) {
		const pid = Number(pattern.exec(name)?.[1]);
		if (!Number.isSafeInteger(pid) || pid <= 0) continue;
		if (pid === process.pid || !processRuns(pid)) rmSync(join(dir, name), { recursive: true, force: true });
	}
}

/**
 * What builds killed outright left, removed by the next (builds of one installation take turns:
 * none runs but this one): their throwaway caches, and their run-images folders beside `out`.
 */
export function removeLeftovers(out: string): void {
	removeLeft(NO_CACHE_PARENT, NO_CACHE);
	removeLeft(dirname(out), new RegExp(`^${escapeRegExp(basename(out))}\\.images-(\\d+)$`));
}

/** Where `--no-cache` builds keep their throwaway caches, each named for its process. */
const NO_CACHE_PARENT = join(projectRoot, 'node_modules', '.astro');
const NO_CACHE = /^no-cache-(\d+)-[A-Za-z0-9]{6}$/;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function processRuns(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function alive(lock: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
	} catch (error) {
		// No pid file yet (just created) counts as alive.
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}
	return processRuns(pid);
}

/**
 * A young generation of up to 32 MB instead of V8's default 16: loading pipelines and runs
 * allocates many short-lived objects, and fewer scavenges parsed configs 18% faster and runs 7%
 * (measured with `bench/parsers.ts` at size M), for ~50 MB more memory. `npm run bench` times
 * the parsers under the same flag.
 */
export const ASTRO_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * Vite's bundler (Rolldown, native code) allocates through mimalloc, which by default keeps
 * freed memory for a while before giving it back; Astro bundles, then renders for a minute
 * with that memory still counted: ~900 MB of resident memory outside the JavaScript heap at
 * size M. Given back at once, Astro's peak went from 2.2 to 1.9 GiB with no measurable cost
 * in time (warm build at M, 2-core machine).
 */
export const ASTRO_ENV = { MIMALLOC_PURGE_DELAY: '0' };

/**
 * Astro's JavaScript heap limit, in MB. Node sizes it from the machine (4 GB on 24 GB, 2 GB on a
 * 16 GB CI runner) and V8 lets the heap grow lazily toward it: at size M Astro's heap reached
 * 1.6 GB holding what fits in 0.7 GB. With this limit V8 collects sooner: cold build at M, peak
 * 2.15 -> 1.67 GiB, no slower. A site that needs more still builds: a run out of heap is
 * started again with Node's own limit. `ATLAS_ASTRO_HEAP_MB` sets another limit, and
 * `--max-old-space-size` in NODE_OPTIONS takes precedence over both.
 */
export const ASTRO_HEAP_MB = 1536;

/** Whether Node's own limit applies instead of ours. */
function heapLimitGiven(): boolean {
	return /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '');
}

async function runAstro(
	args: string[],
	{ out, pipelines, content, editUrl, site, noCache }: { out: string; pipelines: string; content: string; editUrl?: string | undefined; site?: string | undefined; noCache: boolean },
	stoppable: Stoppable,
): Promise<number> {
	// Built beside the output and swapped in at the end: a failed build leaves the previous site whole.
	// Always the same name (builds of one installation take turns, see buildLock): Astro writes
	// its output folder into the code it bundles, and a page whose code changed is rendered again
	// however unchanged its data (src/site/page-keys.ts).
	const staging = `${out}.partial`;
	rmSync(staging, { recursive: true, force: true });
	const environment = astroEnvironment(process.env);
	removeLeftovers(out);
	const cacheDir = noCache ? emptyCache() : cacheDirFor(pipelines, content);
	// Always set (to a path that stays the same from build to build): Astro writes the value of
	// every variable its code names into the code, and other code renders every page again.
	const early = join(cacheDir, `${SEARCH_INPUTS}-early-explanations.json`);
	rmSync(early, { force: true });
	// Before Astro starts: its loaders then wait for the pipelines the image worker parses
	// instead of parsing them too (see ../loaders/parsed-pipelines.ts); the worker clears it.
	markParsing(cacheDir);
	stoppable.dirs.push(staging, ...(noCache ? [cacheDir] : []));
	const env = { ...environment, ...ASTRO_ENV, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ATLAS_PIPELINES_DIR: pipelines, ATLAS_CONTENT_DIR: content, ATLAS_OUT_DIR: staging, ATLAS_CACHE_DIR: cacheDir, [INDEX_AFTER_ASTRO]: '1', [IMAGES_BY_CLI]: '1', [EARLY_EXPLANATIONS]: early, ...(editUrl ? { ATLAS_EDIT_URL: editUrl } : {}), ...(site ? { ATLAS_SITE: site } : {}) };
	const astro = (heap: string[]) =>
		new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((done) => {
			// fd 3: a pipe Astro watches to end with the CLI, should the CLI be killed outright (./orphan-guard.mjs).
			const child = spawn(process.execPath, [...heap, `--import=${ORPHAN_GUARD}`, ...args], { cwd: projectRoot, stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env: { ...env, [ORPHAN_GUARD_FD]: '3' } });
			stoppable.child = child;
			const pipe = child.stdio[3] as Socket | null;
			pipe?.unref();
			// On exit, not on close: a process Astro started may hold the pipe's other end on.
			child.on('exit', (status, signal) => {
				pipe?.destroy();
				done({ status, signal });
			});
		});
	const abandoning: (() => void)[] = [];
	const abandonImages = () => abandoning.forEach((abandon) => abandon());
	const searchInputs = noCache ? undefined : join(cacheDir, SEARCH_INPUTS);
	let headStart: SearchIndexApart | undefined;
	stoppable.abandon = () => {
		abandonImages();
		void headStart?.abandon();
	};
	const closed = (async () => {
		const limited = !heapLimitGiven();
		const heapMb = Number(process.env.ATLAS_ASTRO_HEAP_MB) || ASTRO_HEAP_MB;
		// `ATLAS_ASTRO_PROFILE=DIR`: a CPU profile of Astro's process into DIR (Node does not take
		// --cpu-prof from NODE_OPTIONS), to see where a build's time goes.
		const profile = process.env.ATLAS_ASTRO_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ATLAS_ASTRO_PROFILE}`] : [];
		let exit = await astro([...profile, ...(limited ? [`--max-old-space-size=${heapMb}`] : [])]);
		// V8 aborts when the heap is full: SIGABRT (134 through a shell).
		if (limited && !stoppable.stopping && (exit.signal === 'SIGABRT' || exit.status === 134)) {
			console.log(`Astro ran out of its ${heapMb} MB heap: building again with Node's own limit (set NODE_OPTIONS=--max-old-space-size=MB to choose one).`);
			rmSync(staging, { recursive: true, force: true });
			exit = await astro([]);
		}
		if (exit.status !== 0) {
			abandonImages();
			await headStart?.abandon();
		}
		return exit.status ?? 1;
	})();
	// A rebuild's search index, begun from the last site on the core Astro leaves idle (Astro
	// started first), and finished from it only when the new site gives Pagefind the same
	// (../integrations/search-head-start.ts). Let go however the build ends; one that cannot
	// start is only time lost (Astro is running by now, and the index is built after it).
	try {
		headStart = searchInputs && isDirectory(join(out, 'pagefind')) ? startSearchIndexApart(out, searchInputs, early) : undefined;
	} catch {
		headStart = undefined;
	}
	try {
		return await publish();
	} finally {
		void headStart?.abandon();
	}

	async function publish(): Promise<number> {
		// The images, on the core Astro leaves idle (see ./images.ts): into the cache Astro's diagram
		// routes read, and into a folder of their own for the runs', moved into the site at the end.
		process.env.ATLAS_CACHE_DIR = cacheDir;
		const imagesDir = `${out}.images-${process.pid}`;
		stoppable.dirs.push(imagesDir);
		// The last build's run images, linked in when the pipelines are as they were; else kept for the next.
		const fingerprint = pipelinesFingerprint(pipelines);
		const kept = keptRunImages(pipelines, cacheDir, fingerprint);
		const reused = kept !== undefined && isKept(kept);
		const claims = newImageClaims();
		const drawing = drawImagesApart(pipelines, imagesDir, cacheDir, { claims, kept, fingerprint });
		abandoning.push(drawing.abandon);
		// Awaited below; a failure meanwhile is not an unhandled rejection. A worker that failed
		// before it cleared the mark leaves nothing for Astro's loaders to wait for.
		drawing.made.catch(() => doneParsing(cacheDir));
		let code = await closed;
		if (code === 0) {
			// The core Astro gives back draws too: a second worker takes the run folders the first has
			// not reached (a third of the images at size M were still to draw when Astro exited).
			const helper = foldersLeft(claims) >= 2 ? drawImagesApart(pipelines, imagesDir, cacheDir, { claims, helper: true, fingerprint }) : undefined;
			if (helper) abandoning.push(helper.abandon);
			// One failing stops the other (the build fails either way), and both are done before their folder goes.
			const parts = [drawing.made, ...(helper ? [helper.made] : [])];
			for (const part of parts) part.catch(abandonImages);
			const images = Promise.allSettled(parts).then((settled) => {
				const failed = settled.find((s) => s.status === 'rejected');
				if (failed) throw failed.reason;
				const [first, second] = settled.map((s) => (s.status === 'fulfilled' ? s.value : 0));
				return `${first! + (second ?? 0)} diagram and run images and log downloads drawn, written or taken from the cache${second === undefined ? '' : ` (${second} by a second worker once Astro was done)`}`;
			});
			// The search index, now that Astro's memory is given back (see INDEX_AFTER_ASTRO), while
			// the last images are drawn: Pagefind indexes in a process of its own.
			// The last site's index: the new one links its files that did not change.
			const previousIndex = join(out, 'pagefind');
			const fromScratch = () => writeSearchIndexApart(staging, isDirectory(previousIndex) ? previousIndex : undefined, searchInputs);
			const indexing = headStart
				? headStart.finish(staging).catch((error: Error) => {
						console.log(`The search index's head start failed (${error.message}): building the index from scratch.`);
						return fromScratch();
					})
				: fromScratch();
			const [indexed, drawn] = await Promise.allSettled([indexing, images]);
			if (indexed.status === 'fulfilled') console.log(`${new Date().toTimeString().slice(0, 8)} [pipeline-atlas-search-index] ${indexed.value}`);
			else console.error(`The search index could not be built: ${(indexed.reason as Error).message}`);
			if (drawn.status === 'fulfilled') {
				if (kept && !reused) keep(imagesDir, kept);
				moveImages(imagesDir, staging);
				console.log(`${new Date().toTimeString().slice(0, 8)} [pipeline-atlas-images] ${drawn.value}`);
			} else console.error(`The run images could not be drawn: ${(drawn.reason as Error).message}`);
			if (indexed.status === 'rejected' || drawn.status === 'rejected') code = 1;
		} else await drawing.made.catch(() => undefined);
		// Removed with many files at a time (`rm` of node:fs/promises works on Node's thread pool):
		// the previous site of size M, 15,000 files, took 2.1 s one file at a time and 1.3 s so.
		const removing = [rm(imagesDir, { recursive: true, force: true }), rm(early, { force: true }), ...(noCache ? [rm(cacheDir, { recursive: true, force: true })] : [])];
		if (code !== 0) {
			await Promise.all([...removing, rm(staging, { recursive: true, force: true })]);
			if (isDirectory(out)) console.error(`The build failed; the previous site in ${out} is left as it was.`);
			return code;
		}
		// The new site in the place of the old at once, the old one removed after. Builds of one
		// installation take turns (buildLock), so `.old` is only ever a leftover of a stopped build.
		const old = `${out}.old`;
		await rm(old, { recursive: true, force: true });
		if (statSync(out, { throwIfNoEntry: false })) renameSync(out, old);
		renameSync(staging, out);
		stoppable.published = true;
		await Promise.all([...removing, rm(old, { recursive: true, force: true })]);
		return 0;
	}
}

/**
 * The environment Astro is given: the caller's, without what Vite or Astro would read as
 * `import.meta.env` values that are not ours to set.
 * - BASE_URL, MODE, DEV, PROD, SSR: CI systems and test runners set them for other things, and a
 *   DEV=1 left over built a site whose search said "only available in production builds".
 * - `_`, which a shell sets to the program it runs (`/usr/bin/npx`, `/usr/bin/time`): Astro
 *   writes every variable whose name a module's source contains into that module, and every
 *   source contains `_`. A build started another way than the last one had other code, so its
 *   incremental build rendered every page again (a rebuild at size M: 47 s instead of 33).
 */
export function astroEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, _: _program, ...environment } = env;
	return environment;
}

/**
 * Astro's content cache keeps rendered Markdown across builds and does not notice a change in
 * the code that renders it (our Markdown plugins, Expressive Code options): the cache is keyed
 * by the inputs and by Pipeline Atlas's own source, so an upgrade starts from a clean cache.
 */
function cacheDirFor(pipelines: string, content: string): string {
	const hash = createHash('sha256').update(`${pipelines}\0${content}`);
	const own = ['astro.config.mjs', 'package-lock.json', ...readdirSync(join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join('src', f))].sort();
	for (const file of own) {
		const path = join(projectRoot, file);
		if (statSync(path, { throwIfNoEntry: false })?.isFile()) hash.update(`\0${file}\0`).update(readFileSync(path));
	}
	const key = hash.digest('hex').slice(0, 16);
	const caches = join(projectRoot, 'node_modules', '.astro', 'inputs');
	pruneCaches(caches, key);
	return join(caches, key);
}

/** A cache of its own for one build, for `--no-cache`, named for its process (see removeLeft). */
function emptyCache(): string {
	mkdirSync(NO_CACHE_PARENT, { recursive: true });
	return mkdtempSync(join(NO_CACHE_PARENT, `no-cache-${process.pid}-`));
}

/** Caches of other inputs or older code: the most recently used few are kept. */
function pruneCaches(dir: string, current: string, keep = 6): void {
	mkdirSync(dir, { recursive: true });
	const entries = readdirSync(dir, { withFileTypes: true, encoding: 'utf8' })
		.filter((e) => e.isDirectory() && e.name !== current)
		.map((e) => ({ path: join(dir, e.name), used: statSync(join(dir, e.name)).mtimeMs }))
		.sort((a, b) => b.used - a.used);
	for (const { path } of entries.slice(keep - 1)) rmSync(path, { recursive: true, force: true });
}

/** An empty content folder at a fixed place, so builds without docs share one content cache. */
function emptyContent(): string {
	const dir = join(projectRoot, 'node_modules', '.astro', 'no-content');
	mkdirSync(join(dir, 'docs'), { recursive: true });
	console.log(`No --content given with --pipelines: building without onboarding docs (write them in a folder and pass --content DIR).`);
	return dir;
}

function isDirectory(path: string): boolean {
	return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** `x` is `y` or inside it. */
function inside(x: string, y: string): boolean {
	const rel = relative(y, x);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
