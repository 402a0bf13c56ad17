import type { Loader } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../cli/format';
import { forget, pipelinesFolder } from './inputs';
import { pruneRunLogs, runLogsKept, storeRunLogs } from './run-logs';
import type { Diagnostic, StoredRun } from '../model';

/**
 * Reads recorded runs (`<pipeline folder>/runs/<run>/`) into the `runs` collection, each
 * already redacted and matched to its pipeline's jobs and steps. Entry ids are
 * `<pipeline>/<run>`. Problems are printed and kept on the run; they never fail the build.
 * Log lines go to files of the build cache, not into the store (`StoredRun`); pages read them
 * back through `withLogs`.
 */
export function runsLoader({ dir }: { dir: string }): Loader {
	return {
		name: 'pipeline-atlas-runs',
		load: async ({ config, store, meta, parseData, generateDigest, logger, watcher }) => {
			const logsDir = fileURLToPath(new URL('run-logs/', config.cacheDir));
			const cacheDir = fileURLToPath(config.cacheDir);
			const report = (diagnostics: readonly Diagnostic[]) => {
				for (const d of diagnostics) if (d.severity !== 'info') logger.warn(formatDiagnostic(d));
			};
			async function sync(): Promise<void> {
				// Runs depend on their pipelines too (secret names, jobs to match): the whole folder counts.
				const folder = pipelinesFolder(dir, cacheDir);
				const { fingerprint } = folder;
				const stored = () => store.values().map((entry) => entry.data as StoredRun);
				if (fingerprint === meta.get('inputs') && store.keys().length > 0 && runLogsKept(stored())) {
					for (const run of stored()) report(run.diagnostics);
					logger.info(`${store.keys().length} recorded runs, unchanged since the last build`);
					return;
				}
				store.clear();
				meta.set('inputs', fingerprint);
				if (!existsSync(dir)) return pruneRunLogs(logsDir, new Set());
				const display = `${basename(dir)}/`;
				const { readRuns } = await import('../ingest/runs');
				const runs = await readRuns(dir, await folder.pipelines(), display);
				const kept = new Set<string>();
				for (const run of runs) {
					const id = `${run.pipelineId}/${run.id}`;
					const data = await parseData({ id, data: storeRunLogs(run, logsDir) });
					kept.add(data.logs);
					store.set({ id, data, digest: generateDigest(data) });
					report(run.diagnostics);
				}
				pruneRunLogs(logsDir, kept);
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
