/**
 * The parsers as a build runs them. Astro's content layer loads the pipelines' and runs' loaders
 * through Vite, whose transform of TypeScript leaves functions as they are; tsx, which runs the
 * benchmark, keeps every function's name with a call made each time a closure is created
 * (esbuild's `keepNames`), 4% of readPipelines' samples in a profile at size M (one try
 * alternating in one process: 598 against 551 ms a pass; a later one within the noise). The
 * benchmark times the parsers as Vite gives them.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type * as Assemble from '../../src/ingest/assemble';
import type * as Read from '../../src/ingest/read';
import type * as Runs from '../../src/ingest/runs';
import type * as Parse from '../../src/runs/parse';

export interface AsBuilt {
	readFolders: typeof Read.readFolders;
	readPipelines: typeof Read.readPipelines;
	assembleFolder: typeof Assemble.assembleFolder;
	readRuns: typeof Runs.readRuns;
	runsOfFolder: typeof Runs.runsOfFolder;
	parseRunFolder: typeof Parse.parseRunFolder;
	close(): Promise<void>;
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function asBuilt(): Promise<AsBuilt> {
	// No config file, watcher or dependency scan: only the modules' transform is wanted.
	const server = await createServer({ configFile: false, root: projectRoot, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true, include: [] } });
	try {
		const load = <T>(path: string) => server.ssrLoadModule(path) as Promise<T>;
		const [read, assemble, runs, parse] = await Promise.all([
			load<typeof Read>('/src/ingest/read.ts'),
			load<typeof Assemble>('/src/ingest/assemble.ts'),
			load<typeof Runs>('/src/ingest/runs.ts'),
			load<typeof Parse>('/src/runs/parse.ts'),
		]);
		return {
			readFolders: read.readFolders,
			readPipelines: read.readPipelines,
			assembleFolder: assemble.assembleFolder,
			readRuns: runs.readRuns,
			runsOfFolder: runs.runsOfFolder,
			parseRunFolder: parse.parseRunFolder,
			close: () => server.close(),
		};
	} catch (error) {
		await server.close();
		throw error;
	}
}
