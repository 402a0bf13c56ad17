import type { Loader } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { formatDiagnostic } from '../cli/format';
import { readPipelines } from '../ingest/read';
import { readRuns } from '../ingest/runs';

/**
 * Reads recorded runs (`<pipeline folder>/runs/<run>/`) into the `runs` collection, each
 * already redacted and matched to its pipeline's jobs and steps. Entry ids are
 * `<pipeline>/<run>`. Problems are printed and kept on the run; they never fail the build.
 */
export function runsLoader({ dir }: { dir: string }): Loader {
	return {
		name: 'pipeline-atlas-runs',
		load: async ({ store, parseData, generateDigest, logger, watcher }) => {
			async function sync(): Promise<void> {
				store.clear();
				if (!existsSync(dir)) return;
				const display = `${basename(dir)}/`;
				const runs = await readRuns(dir, await readPipelines(dir, display), display);
				for (const run of runs) {
					const id = `${run.pipelineId}/${run.id}`;
					const data = await parseData({ id, data: run });
					store.set({ id, data, digest: generateDigest(data) });
					for (const d of run.diagnostics) if (d.severity !== 'info') logger.warn(formatDiagnostic(d));
				}
				logger.info(`${runs.length} recorded runs`);
			}
			await sync();
			if (!watcher) return;
			const inside = (path: string) => !relative(dir, path).startsWith('..') && relative(dir, path).split(sep).includes('runs');
			for (const event of ['add', 'change', 'unlink'] as const) {
				watcher.on(event, (path) => {
					if (inside(path)) sync().catch((error) => logger.error(String(error)));
				});
			}
		},
	};
}
