/**
 * Build phases read off what the build prints. Astro logs its own milestones (content sync,
 * Vite bundles, "generating static routes", one line per written file,
 * "N page(s) built in X"), and our integrations log the search index; each line was
 * timestamped when it reached us, so a phase is the time between two milestone lines.
 * Nothing in src/ is changed to get these.
 */
import type { LogLine } from './measure';

/** Astro's `getTimeStat`: `512ms`, `5.44s`, `3m 27s`. */
export function parseDuration(text: string): number | undefined {
	let m = /^(\d+(?:\.\d+)?)ms$/.exec(text.trim());
	if (m) return Number(m[1]);
	m = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
	if (m) return Number(m[1]) * 1000;
	m = /^(\d+)m (\d+)s$/.exec(text.trim());
	if (m) return Number(m[1]) * 60_000 + Number(m[2]) * 1000;
	return undefined;
}

export type RouteKind =
	| 'page: job'
	| 'page: run'
	| 'page: pipeline'
	| 'page: doc'
	| 'page: other'
	| 'diagram png'
	| 'diagram svg'
	| 'diagram mmd'
	| 'stage/job png'
	| 'stage/job svg'
	| 'run images zip'
	| 'run log txt'
	| 'other file';

/** What a written file is, from its path (see src/pages/ for the routes). */
export function routeKind(path: string): RouteKind {
	if (/\/runs\/[^/]+\/images\/[^/]+\.png$/.test(path)) return 'stage/job png';
	if (/\/runs\/[^/]+\/images\/[^/]+\.svg$/.test(path)) return 'stage/job svg';
	if (/\/runs\/[^/]+\/images\/[^/]+\.zip$/.test(path)) return 'run images zip';
	if (/\/runs\/[^/]+\/logs\/[^/]+\.txt$/.test(path)) return 'run log txt';
	if (/\/diagrams\/[^/]+\.png$/.test(path)) return 'diagram png';
	if (/\/diagrams\/[^/]+\.svg$/.test(path)) return 'diagram svg';
	if (/\/diagrams\/[^/]+\.mmd$/.test(path)) return 'diagram mmd';
	if (path.endsWith('.html')) {
		if (/^\/pipelines\/[^/]+\/jobs\//.test(path)) return 'page: job';
		if (/^\/pipelines\/[^/]+\/runs\//.test(path)) return 'page: run';
		if (/^\/pipelines\/[^/]+\/index\.html$/.test(path)) return 'page: pipeline';
		if (/^\/docs\//.test(path)) return 'page: doc';
		return 'page: other';
	}
	return 'other file';
}

export interface RouteTotal {
	/** Files rendered. */
	count: number;
	ms: number;
	/** Files Astro's incremental build copied from the last build instead of rendering. */
	copied?: number;
	/** Time from each copied file's line to the next file's. */
	copiedMs?: number;
	/** The slowest file of the kind: where to look first. */
	slowest: { path: string; ms: number };
}

export interface BuildPhases {
	/** The CLI printed that another build of this installation was running and waited for it. */
	waitedForLock: boolean;
	/** Spawn to Astro's first milestone (CLI start, tsx, Astro and config load). */
	startupMs?: number;
	/** `[content] Syncing content` to `Synced content`: every loader, including parsing all inputs. */
	contentSyncMs?: number;
	/** When the pipelines and runs loaders reported, counted from the start of content sync. */
	pipelinesLoadedAfterMs?: number;
	runsLoadedAfterMs?: number;
	/** Sync end to the Vite bundles' start (types, build info). */
	typesAndInfoMs?: number;
	/** Vite's server and client bundles. */
	bundleMs?: number;
	/** "generating static routes" to its "Completed": getStaticPaths and every written file. */
	generateMs?: number;
	/** Per kind, the time from each of its files' lines to the next file's (see parseBuildLog). */
	routes: Partial<Record<RouteKind, RouteTotal>>;
	/** generateMs minus the per-file times: getStaticPaths, before the first file. */
	routeSetupMs?: number;
	/** Starlight's own pagefind pass (logged). */
	starlightPagefindMs?: number;
	/** Our search index (src/integrations/search-index.ts logs it). */
	searchIndexMs?: number;
	/** End of generation to the last line: every `astro:build:done` hook (both search indexes, CSP, link check). */
	buildDoneHooksMs?: number;
	/** Astro's own "N page(s) built in X". */
	astroReportedMs?: number;
	pagesReported?: number;
}

function firstAfter(lines: LogLine[], from: number, test: RegExp): { index: number; line: LogLine; match: RegExpExecArray } | undefined {
	for (let i = Math.max(0, from); i < lines.length; i++) {
		const match = test.exec(lines[i]!.text);
		if (match) return { index: i, line: lines[i]!, match };
	}
	return undefined;
}

const ROUTE = /[├└]─ (\/\S*)/;

export function parseBuildLog(lines: LogLine[]): BuildPhases {
	const phases: BuildPhases = { waitedForLock: lines.some((l) => l.text.includes('Another build of this installation is running')), routes: {} };
	const at = (from: number, re: RegExp) => firstAfter(lines, from, re);
	const sync = at(0, /\[content\] Syncing content/);
	const synced = at(sync?.index ?? 0, /\[content\] Synced content/);

	const start = lines.find((l) => /^\d\d:\d\d:\d\d \[/.test(l.text));
	if (start) phases.startupMs = start.ms;
	if (sync && synced) phases.contentSyncMs = synced.line.ms - sync.line.ms;
	const pipes = at(sync?.index ?? 0, /\[pipeline-atlas-pipelines\] \d+ pipelines/);
	const runs = at(sync?.index ?? 0, /\[pipeline-atlas-runs\] \d+ recorded runs/);
	if (sync && pipes) phases.pipelinesLoadedAfterMs = pipes.line.ms - sync.line.ms;
	if (sync && runs) phases.runsLoadedAfterMs = runs.line.ms - sync.line.ms;

	const entry = at(0, /\[build\] Building static entrypoints/);
	const rearranged = at(entry?.index ?? 0, /\[build\] Rearranging server assets/);
	if (synced && entry) phases.typesAndInfoMs = entry.line.ms - synced.line.ms;
	if (entry && rearranged) phases.bundleMs = rearranged.line.ms - entry.line.ms;

	const gen = at(0, /generating static routes/);
	const genDone = gen ? at(gen.index + 1, /✓ Completed in/) : undefined;
	if (gen && genDone) phases.generateMs = genDone.line.ms - gen.line.ms;

	// Per-file times. Each generated file is a line of its own (src/integrations/build-log.mjs): a
	// rendered one as its rendering starts, a copied one with "(restored)". Files are rendered a
	// few at a time, so a file's time is from its line to the next file's: the share of the
	// generation it took, and what a kind's files add up to is the wall time they took.
	if (gen) {
		const end = genDone?.index ?? lines.length;
		const files: { path: string; ms: number; copied: boolean }[] = [];
		for (let i = gen.index + 1; i < end; i++) {
			const text = lines[i]!.text;
			const route = ROUTE.exec(text);
			if (route) files.push({ path: route[1]!, ms: lines[i]!.ms, copied: /\((cached|restored)\)/.test(text) });
		}
		const until = genDone?.line.ms ?? lines.at(-1)?.ms ?? 0;
		let perFile = 0;
		files.forEach((file, i) => {
			const ms = Math.max(0, (files[i + 1]?.ms ?? until) - file.ms);
			perFile += ms;
			const total = (phases.routes[routeKind(file.path)] ??= { count: 0, ms: 0, slowest: { path: '', ms: -1 } });
			if (file.copied) {
				total.copied = (total.copied ?? 0) + 1;
				total.copiedMs = (total.copiedMs ?? 0) + ms;
				return;
			}
			total.count++;
			total.ms += ms;
			if (ms > total.slowest.ms) total.slowest = { path: file.path, ms };
		});
		if (phases.generateMs !== undefined) phases.routeSetupMs = Math.max(0, phases.generateMs - perFile);
	}

	const pf = at(0, /\[starlight:pagefind\] Finished building search index in (\S+?)\.?$/);
	if (pf) phases.starlightPagefindMs = parseDuration(pf.match[1]!);
	const si = at(0, /search index: .* in (\d+)ms/);
	if (si) phases.searchIndexMs = Number(si.match[1]);
	const built = at(0, /\[build\] (\d+) page\(s\) built in (.+)$/);
	if (built) {
		phases.pagesReported = Number(built.match[1]);
		phases.astroReportedMs = parseDuration(built.match[2]!);
		if (genDone) phases.buildDoneHooksMs = built.line.ms - genDone.line.ms;
	}
	return phases;
}
