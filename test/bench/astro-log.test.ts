import { describe, expect, it } from 'vitest';
import { parseBuildLog } from '../../bench/lib/astro-log';

const at = (ms: number, text: string) => ({ ms, text, stream: 'out' as const });

describe('build phases read off the build log', () => {
	it('give each file the time from its line to the next file, rendered and copied apart', () => {
		const phases = parseBuildLog([
			at(0, '08:00:00 [content] Syncing content'),
			at(1000, '08:00:01 [content] Synced content'),
			at(1500, ' generating static routes '),
			at(2000, '08:00:02   ├─ /pipelines/a/jobs/build/index.html'),
			at(2100, '08:00:02   ├─ /pipelines/a/jobs/test/index.html (restored)'),
			at(2110, '08:00:02   ├─ /pipelines/a/jobs/deploy/index.html'),
			at(2410, '08:00:02 [WARN] [build] something while it renders'),
			at(2500, '08:00:02   ├─ /pipelines/a/runs/r1/index.html'),
			at(3500, '08:00:03 ✓ Completed in 2.0s.'),
		]);
		expect(phases.generateMs).toBe(2000);
		expect(phases.routes['page: job']).toEqual({ count: 2, ms: 100 + 390, copied: 1, copiedMs: 10, slowest: { path: '/pipelines/a/jobs/deploy/index.html', ms: 390 } });
		expect(phases.routes['page: run']).toMatchObject({ count: 1, ms: 1000 });
		// Before the first file: getStaticPaths.
		expect(phases.routeSetupMs).toBe(500);
	});
});
