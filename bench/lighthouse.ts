/**
 * The Lighthouse budget: performance and accessibility 100 on the overview, a pipeline page and a
 * run page of the example site (mobile preset; see ./lib/lighthouse.ts). Each page is audited
 * `--runs` times, round-robin so a busy minute of the host falls on every page alike, and the
 * table says how many runs scored 100 and the spread of total blocking time, the one metric
 * timed on this host's CPU. Run it on a quiet machine: a build or a test beside it is measured
 * too.
 *
 *   npm run bench:lighthouse -- [--runs N] [--site DIR] [--out FILE.json]
 *
 * Without `--site` it builds the example site first (under /docs/ci/, as the browser tests do)
 * into a temp folder; with it, DIR must have been built under that base, with recorded runs (its
 * pipeline page is the example's monorepo, else its first pipeline's).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The browser tests' static server: a subpath, compressed text, as a static host serves them.
import { serve } from '../test/e2e/support/server';
import { type Audit, audit, auditedPages, launchChrome } from './lib/lighthouse';
import { table } from './lib/table';

const BASE = '/docs/ci/';
const root = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '10' }, site: { type: 'string' }, out: { type: 'string' } }, strict: true });
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number of runs, 1 or more (got ${options.runs})`);

const built = options.site ? undefined : mkdtempSync(join(tmpdir(), 'atlas-lighthouse-'));
const audits = new Map<string, Audit[]>();
let pages: [name: string, path: string][] = [];
try {
	const site = options.site ?? join(built!, 'dist');
	if (built) {
		console.log(`Building the example site into ${site} …`);
		const build = spawnSync(process.execPath, [join(root, 'bin/pipeline-atlas.mjs'), 'build', '--out', site, '--base', BASE], { cwd: root, encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`the build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
	}
	pages = auditedPages(site);
	for (const [name] of pages) audits.set(name, []);
	const server = await serve(site, BASE, {}, { gzip: true });
	try {
		const chrome = await launchChrome();
		try {
			let benchmarkIndex: number | undefined;
			for (let run = 1; run <= runs; run++) {
				for (const [name, path] of pages) {
					const result = await audit(`${server.url}${path}`, chrome.port, benchmarkIndex);
					benchmarkIndex = result.benchmarkIndex;
					audits.get(name)!.push(result);
				}
				process.stdout.write(`\rrun ${run} of ${runs}`);
			}
		} finally {
			chrome.kill();
		}
	} finally {
		await server.close();
	}
} finally {
	if (built) rmSync(built, { recursive: true, force: true });
}
process.stdout.write('\n\n');

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], format: (n: number) => string) => `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
const rows = pages.map(([name, path]) => {
	const all = audits.get(name)!;
	const perfect = all.filter((a) => a.performance === 1 && a.accessibility === 1).length;
	return [
		`${name} (/${path})`,
		`${perfect} of ${all.length}`,
		spread(all.map((a) => a.performance * 100), (n) => n.toFixed(0)),
		spread(all.map((a) => a.accessibility * 100), (n) => n.toFixed(0)),
		spread(all.map((a) => a.totalBlockingTimeMs), (n) => `${n.toFixed(0)} ms`),
		spread(all.map((a) => a.benchmarkIndex), (n) => n.toFixed(0)),
	];
});
console.log(table(['page', 'runs at 100', 'performance', 'accessibility', 'total blocking time', 'benchmarkIndex'], rows));
if (options.out) writeFileSync(options.out, `${JSON.stringify(Object.fromEntries(audits), null, '\t')}\n`);
