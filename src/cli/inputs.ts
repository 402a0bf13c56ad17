import { stat } from 'node:fs/promises';
import { assembleFolder } from '../ingest/assemble';
import { readPipelines, readSingleFile } from '../ingest/read';
import type { Pipeline } from '../model';
import { UsageError } from './errors';

/** The pipelines a command-line argument names: a single config file, or a folder of them. */
export async function pipelinesFrom(path: string): Promise<{ pipelines: Pipeline[]; isFile: boolean }> {
	const info = await stat(path).catch(() => undefined);
	if (!info) throw new UsageError(`no such file or folder: ${path}`);
	if (info.isDirectory()) {
		const pipelines = await readPipelines(path);
		// A mistyped checkout path must not pass as "0 errors".
		if (pipelines.length === 0) throw new UsageError(`no CI configuration found under ${path}`);
		return { pipelines, isFile: false };
	}
	const folder = await readSingleFile(path);
	return { pipelines: assembleFolder(folder), isFile: true };
}
