import type { Loader } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { formatDiagnostic } from '../cli/format';
import { forget, pipelinesFolder } from './inputs';
import { readRuns } from '../ingest/runs';
import type { Diagnostic, Run } from '../model';

/**
 * Reads recorded runs (`<pipeline folder>/runs/<run>/`) into the `runs` collection, each
 * already redacted and matched to its pipeline's jobs and steps. Entry ids are
 * `<pipeline>/<run>`. Problems are printed and kept on the run; they never fail the build.
 */
export function runsLoader({ dir }: { dir: string }): Loader {
	return {
		name: 'pipeline-atlas-runs',
		load: async ({ store, meta, parseData, generateDigest, logger, watcher }) => {
			const report = (diagnostics: readonly Diagnostic[]) => {
				for (const d of diagnostics) if (d.severity !== 'info') logger.warn(formatDiagnostic(d));
			};
			async function sync(): Promise<void> {
				// Runs depend on their pipelines too (secret names, jobs to match): the whole folder counts.
				const folder = pipelinesFolder(dir);
				const { fingerprint } = folder;
				if (fingerprint === meta.get('inputs') && store.keys().length > 0) {
					for (const entry of store.values()) report((entry.data as Run).diagnostics);
					logger.info(`${store.keys().length} recorded runs, unchanged since the last build`);
					return;
				}
				store.clear();
				meta.set('inputs', fingerprint);
				if (!existsSync(dir)) return;
				const display = `${basename(dir)}/`;
				const runs = await readRuns(dir, await folder.pipelines(), display);
				for (const run of runs) {
					const id = `${run.pipelineId}/${run.id}`;
					const data = await parseData({ id, data: run });
					store.set({ id, data, digest: generateDigest(data) });
					report(run.diagnostics);
				}
				logger.info(`${runs.length} recorded runs`);
			}
			await sync();
			if (!watcher) return;
			const inside = (path: string) => !relative(dir, path).startsWith('..') && relative(dir, path).split(sep).includes('runs');
			for (const event of ['add', 'change', 'unlink'] as const) {
				watcher.on(event, (path) => {
					if (!inside(path)) return;
					forget(dir);
					sync().catch((error) => logger.error(String(error)));
				});
			}
		},
	};
}
