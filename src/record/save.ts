import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { RecordError } from './errors';
import type { SavedFile } from './recording';

export async function exists(path: string): Promise<boolean> {
	return (await stat(path).catch(() => undefined)) !== undefined;
}

export function refuseExisting(folder: string): RecordError {
	return new RecordError(`${folder} already exists: it holds an earlier recording of this run. Pass --force to replace it.`);
}

/**
 * Writes a run folder whole or not at all: files go to a hidden sibling first, which then takes
 * the folder's place, so an interrupted recording never leaves half a run for the site to show.
 */
export async function saveRunFolder(folder: string, files: readonly SavedFile[], options: { force: boolean }): Promise<void> {
	if (!options.force && (await exists(folder))) throw refuseExisting(folder);
	const parent = dirname(folder);
	await mkdir(parent, { recursive: true });
	const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
	const staging = join(parent, `.${basename(folder)}.partial-${suffix}`);
	const old = join(parent, `.${basename(folder)}.old-${suffix}`);
	try {
		await mkdir(staging);
		for (const file of files) {
			const target = resolve(staging, file.path);
			// Paths were checked when the archive was read; this is the last line of defence.
			const rel = relative(staging, target);
			if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new RecordError(`refusing to write ${JSON.stringify(file.path)} outside the run folder`);
			await mkdir(dirname(target), { recursive: true });
			await writeFile(target, file.bytes, { flag: 'wx' });
		}
		if (await exists(folder)) {
			if (!options.force) throw refuseExisting(folder);
			await rename(folder, old);
		}
		await rename(staging, folder);
	} finally {
		await rm(staging, { recursive: true, force: true });
		await rm(old, { recursive: true, force: true });
	}
}
