/**
 * Lighthouse on the pages a newcomer opens first (the overview, a pipeline, a recorded run), with
 * its default mobile settings (a mid-range phone on a slow 4G link, simulated), the harder of its
 * two presets, driving Debian's Chromium through chrome-launcher. Shared by the benchmark
 * (bench/lighthouse.ts), which measures how often each page scores 100, and the browser test
 * (test/e2e/lighthouse.test.ts), which guards accessibility and layout shift, and performance
 * with a margin for this machine's noise.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/**
 * Lighthouse's CPU slowdown for the next run. Its default 4x turns a high-end desktop
 * (benchmarkIndex 1,500–2,000) into a mid-tier phone; on a host that measured weaker, its
 * documentation (docs/throttling.md, "Calibrating the CPU slowdown") lowers the multiplier in
 * proportion, so the phone simulated stays the same, and never below the 2x it gives a low-end
 * desktop. A faster host keeps 4x.
 */
export function cpuSlowdown(benchmarkIndex: number | undefined): number {
	if (!benchmarkIndex || benchmarkIndex >= 1500) return 4;
	return Math.max(2, Math.round((4 * benchmarkIndex) / 1500 * 10) / 10);
}

/**
 * The pages audited, by name, as paths under the site's base: the example's monorepo pipeline
 * (the most diagrams), else a site's first pipeline; the first recorded run's page, whichever
 * pipeline it belongs to.
 */
export function auditedPages(siteDir: string): [name: string, path: string][] {
	const pages = readdirSync(join(siteDir, 'pipelines'), { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && e.name === 'index.html')
		.map((e) => relative(siteDir, e.parentPath))
		.sort();
	const pipeline = pages.find((p) => p === 'pipelines/atlas-monorepo') ?? pages.find((p) => /^pipelines\/[^/]+$/.test(p));
	const run = pages.find((p) => /\/runs\/[^/]+$/.test(p));
	if (!pipeline || !run) throw new Error(`${siteDir} has no ${pipeline ? 'run' : 'pipeline'} page: build a site with recorded runs`);
	return [
		['the overview', ''],
		['a pipeline page', `${pipeline}/`],
		['a run page', `${run}/`],
	];
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchChrome(): Promise<chromeLauncher.LaunchedChrome> {
	return chromeLauncher.launch({
		chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
}

export interface Audit {
	performance: number;
	accessibility: number;
	/** Cumulative layout shift's score (1: none, or too little to count): the one performance metric not timed on this machine's CPU. */
	layoutShift: number;
	totalBlockingTimeMs: number;
	/** The host's speed as Lighthouse measured it during this run, and the slowdown applied to it. */
	benchmarkIndex: number;
	cpuSlowdown: number;
	/** What fell short, named, so a failure says where to look, and on what machine. */
	shortfalls: string[];
}

/** One Lighthouse run of `url` in the Chromium listening on `port`, its CPU slowdown set for the host's last measured speed. */
export async function audit(url: string, port: number, lastBenchmarkIndex?: number): Promise<Audit> {
	const cpuSlowdownMultiplier = cpuSlowdown(lastBenchmarkIndex);
	const result = await lighthouse(url, {
		port,
		onlyCategories: ['performance', 'accessibility'],
		output: 'json',
		logLevel: 'error',
		// Merged into the mobile preset's throttling: only the CPU's changes.
		throttling: { cpuSlowdownMultiplier } as never,
	});
	if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { categories, audits, environment } = result.lhr;
	// A page Lighthouse could not audit (not found, never painted) scores nothing: say why.
	const failed = result.lhr.runtimeError ? [`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`] : [];
	const shortfalls = Object.values(audits)
		.filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'binary'))
		.map((a) => `${a.id}: ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}`);
	shortfalls.unshift(...failed);
	shortfalls.push(`benchmarkIndex ${Math.round(environment.benchmarkIndex)}, CPU slowdown ${cpuSlowdownMultiplier}x`);
	return {
		performance: categories.performance?.score ?? 0,
		accessibility: categories.accessibility?.score ?? 0,
		layoutShift: audits['cumulative-layout-shift']?.score ?? 0,
		totalBlockingTimeMs: audits['total-blocking-time']?.numericValue ?? Number.NaN,
		benchmarkIndex: environment.benchmarkIndex,
		cpuSlowdown: cpuSlowdownMultiplier,
		shortfalls,
	};
}
