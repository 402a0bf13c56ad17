import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Pipeline } from '../model';
import { folderFingerprint } from './fingerprint';
import { awaitParsedPipelines } from './parsed-pipelines';

/**
 * The pipelines folder as both loaders see it: one fingerprint and one parse of every config per
 * build. The runs loader needs the pipelines too (secret names, jobs to match runs to), and the
 * two loaders used to hash the folder and parse every config each (2 × 2–3 s at 100 pipelines).
 * Parsed by neither when the CLI's image worker has left them parsed in the build cache (see
 * ./parsed-pipelines.ts). `forget` after a change on disk (`astro dev`), before the next sync.
 */
export interface PipelinesFolder {
	/** `none` when the folder does not exist. */
	fingerprint: string;
	pipelines(): Promise<Pipeline[]>;
	/** Whether `pipelines()` gave those the image worker parsed, once it has given them. */
	handedOn?: boolean;
}

const known = new Map<string, PipelinesFolder>();

export function pipelinesFolder(dir: string, cacheDir?: string): PipelinesFolder {
	let folder = known.get(dir);
	if (!folder) {
		const exists = existsSync(dir);
		const fingerprint = exists ? folderFingerprint(dir) : 'none';
		let parsed: Promise<Pipeline[]> | undefined;
		// The parsers are imported only when a folder is read: a build whose inputs are unchanged
		// never loads them (Vite transformed ~100 modules and GitHub's parser for nothing, ~1 s of
		// every rebuild's start). The runs loader does the same.
		const read = async (made: PipelinesFolder): Promise<Pipeline[]> => {
			if (!exists) return [];
			const handedOn = cacheDir === undefined ? undefined : await awaitParsedPipelines(cacheDir, fingerprint);
			made.handedOn = handedOn !== undefined;
			if (handedOn) return handedOn;
			const { readPipelines } = await import('../ingest/read');
			return readPipelines(dir, `${basename(dir)}/`);
		};
		const made: PipelinesFolder = { fingerprint, pipelines: () => (parsed ??= read(made)) };
		folder = made;
		known.set(dir, folder);
	}
	return folder;
}

export function forget(dir: string): void {
	known.delete(dir);
}
