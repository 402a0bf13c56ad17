import type { Loader } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../cli/format';
import { forget, pipelinesFolder } from './inputs';
import type { Diagnostic, StoredPipeline } from '../model';

/** Its `encode` gives a buffer of its own, as long as the text's UTF-8 (not a slice of a pool, as `Buffer.from` may). */
const encoder = new TextEncoder();

/**
 * Reads every pipeline under `dir` into the `pipelines` collection. Diagnostics are printed
 * and kept on the entry (its page shows them); they never fail the build, so one broken file
 * leaves the rest of the site intact. In `astro dev` edits under `dir` reload the collection.
 */
export function pipelinesLoader({ dir }: { dir: string }): Loader {
	return {
		name: 'pipeline-atlas-pipelines',
		load: async ({ config, store, meta, generateDigest, logger, watcher }) => {
			const report = (diagnostics: readonly Diagnostic[]) => {
				for (const d of diagnostics) {
					if (d.severity === 'info') continue;
					logger[d.severity === 'error' ? 'error' : 'warn'](formatDiagnostic(d));
				}
			};
			// Where the CLI's image worker leaves the pipelines it parsed (see ./parsed-pipelines.ts).
			const cacheDir = fileURLToPath(config.cacheDir);
			async function sync(): Promise<void> {
				const folder = pipelinesFolder(dir, cacheDir);
				const { fingerprint } = folder;
				if (fingerprint === meta.get('inputs') && store.keys().length > 0) {
					// Unchanged since the last build: its entries stand, and its problems are told again.
					for (const entry of store.values()) report((entry.data as StoredPipeline).problems);
					logger.info(`${store.keys().length} pipelines from ${relative(process.cwd(), dir) || '.'}, unchanged since the last build`);
					return;
				}
				const pipelines = await folder.pipelines();
				if (!existsSync(dir)) logger.warn(`no pipelines folder at ${dir}`);
				store.clear();
				for (const pipeline of pipelines) {
					// Not through `parseData`: `readPipelines` gave each pipeline through the same schema
					// (`Pipeline`, in assemble.ts) and marks a provider's output it rejects as an error on
					// the pipeline's page instead of failing the build. Again was 110 ms at 100 pipelines.
					// Stored as its JSON's bytes (see StoredPipeline): the model holds no value JSON
					// changes but `undefined` fields, which it leaves out.
					const json = JSON.stringify(pipeline);
					const data: StoredPipeline = { model: encoder.encode(json).buffer, problems: pipeline.diagnostics.filter((d) => d.severity !== 'info') };
					store.set({ id: pipeline.id, data, digest: generateDigest(json) });
					report(data.problems);
				}
				meta.set('inputs', fingerprint);
				logger.info(`${pipelines.length} pipelines from ${relative(process.cwd(), dir) || '.'}${folder.handedOn ? ', parsed by the image worker' : ''}`);
			}
			await sync();
			if (!watcher) return;
			watcher.add(dir);
			const inside = (path: string) => !relative(dir, path).startsWith('..') && !relative(dir, path).split(sep).includes('..');
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
