/**
 * Lighthouse on the pages a newcomer opens first (the overview, a pipeline, a recorded run), with
 * its mobile preset (see ../../bench/lib/lighthouse.ts); the site is served compressed, as every
 * static host serves it.
 *
 * The budget, 100 for performance and accessibility, is measured by `npm run bench:lighthouse`,
 * not asserted here: performance is timed on this machine's CPU (total blocking time), and the
 * same bytes of a page gave 0–349 ms of it from one run to the next on a shared 2-core host, a
 * plain Starlight doc up to 172 ms; five runs in a row all fell short once in CI, on a run page
 * the benchmark saw at 100 in most runs. Checked here: accessibility 100 and layout shift
 * scoring 100, which do not depend on the host's speed, and performance in Lighthouse's "good"
 * band (90 or more), which a page that blocks its first paint on a script or a font, or ships a
 * framework's runtime, falls out of. That one is timed too: it holds while one of three runs
 * keeps its blocking time under about 410 ms (the worst single run seen here: 349 ms, 92).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Audit, audit, auditedPages, cpuSlowdown, launchChrome } from '../../bench/lib/lighthouse';
import { base, siteDir } from './support/paths';
import { serve } from './support/server';

let chrome: Awaited<ReturnType<typeof launchChrome>>;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	server = await serve(siteDir, base, {}, { gzip: true });
	chrome = await launchChrome();
}, 60_000);

afterAll(async () => {
	chrome?.kill();
	await server?.close();
});

const held = (a: Audit) => a.accessibility === 1 && a.layoutShift === 1 && a.performance >= 0.9;

describe('Lighthouse', () => {
	for (const [name, path] of auditedPages(siteDir)) {
		it(`scores 100 for accessibility and layout shift, and 90 or more for performance, on ${name} (${path || '/'})`, async () => {
			// Up to three runs, as Lighthouse advises for its variance; each measures the host's
			// speed (benchmarkIndex) for the next one's slowdown.
			let last: Audit | undefined;
			for (let run = 0; run < 3 && !(last && held(last)); run++) last = await audit(`${server.url}${path}`, chrome.port, last?.benchmarkIndex);
			const { accessibility, layoutShift, performance, shortfalls } = last!;
			expect({ accessibility, layoutShift, performanceOf90: performance >= 0.9, performance, shortfalls }).toEqual({
				accessibility: 1,
				layoutShift: 1,
				performanceOf90: true,
				performance: expect.any(Number),
				shortfalls: expect.any(Array),
			});
		}, 180_000);
	}

	it('keeps the mobile preset on a host as fast as the one it is made for, and calibrates on a slower one', () => {
		expect([undefined, 2224, 1500].map(cpuSlowdown)).toEqual([4, 4, 4]);
		expect(cpuSlowdown(1125)).toBe(3);
		expect(cpuSlowdown(600)).toBe(2);
	});
});
