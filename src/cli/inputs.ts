import { stat } from 'node:fs/promises';
import { assembleFolder } from '../ingest/assemble';
import { readPipelines, readSingleFile } from '../ingest/read';
import type { Pipeline } from '../model';
import { UsageError } from './errors';

/** The pipelines a command-line argument names: a single config file, or a folder of them. */
export async function pipelinesFrom(path: string): Promise<{ pipelines: Pipeline[]; isFile: boolean }> {
	const info = await stat(path).catch(() => undefined);
	if (!info) throw new UsageError(`no such file or folder: ${path}`);
	if (info.isDirectory()) return { pipelines: await readPipelines(path), isFile: false };
	const folder = await readSingleFile(path);
	return { pipelines: assembleFolder(folder), isFile: true };
}
