import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Pipeline } from '../model';
import { folderFingerprint } from './fingerprint';

/**
 * The pipelines folder as both loaders see it: one fingerprint and one parse of every config per
 * build. The runs loader needs the pipelines too (secret names, jobs to match runs to), and the
 * two loaders used to hash the folder and parse every config each (2 × 2–3 s at 100 pipelines).
 * `forget` after a change on disk (`astro dev`), before the next sync.
 */
export interface PipelinesFolder {
	/** `none` when the folder does not exist. */
	fingerprint: string;
	pipelines(): Promise<Pipeline[]>;
}

const known = new Map<string, PipelinesFolder>();

export function pipelinesFolder(dir: string): PipelinesFolder {
	let folder = known.get(dir);
	if (!folder) {
		const exists = existsSync(dir);
		let parsed: Promise<Pipeline[]> | undefined;
		// The parsers are imported only when a folder is read: a build whose inputs are unchanged
		// never loads them (Vite transformed ~100 modules and GitHub's parser for nothing, ~1 s of
		// every rebuild's start). The runs loader does the same.
		folder = {
			fingerprint: exists ? folderFingerprint(dir) : 'none',
			pipelines: () => (parsed ??= exists ? import('../ingest/read').then(({ readPipelines }) => readPipelines(dir, `${basename(dir)}/`)) : Promise.resolve([])),
		};
		known.set(dir, folder);
	}
	return folder;
}

export function forget(dir: string): void {
	known.delete(dir);
}
