import { unzipSync } from 'fflate';
import { RecordError } from './errors';

export const ARCHIVE_LIMITS = { bytes: 64 * 1024 * 1024, entries: 2_000 };

/**
 * A zip's files by path, in the archive's own layout. Refuses archives over the limits before
 * inflating anything (fflate inflates into a buffer of the declared size, so a lying size
 * cannot grow it) and any entry whose path would leave the folder (zip-slip).
 */
export function extractArchive(zip: Uint8Array, limits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
	let entries = 0;
	let bytes = 0;
	const paths = new Map<string, string>();
	const seen = new Set<string>();
	let unzipped: Record<string, Uint8Array>;
	try {
		unzipped = unzipSync(zip, {
			filter(file) {
				if (file.name.endsWith('/')) return false;
				if (++entries > limits.entries) throw new RecordError(`the logs archive has more than ${limits.entries} files: not recorded`);
				bytes += Math.max(file.originalSize, file.size);
				if (bytes > limits.bytes) throw new RecordError(`the logs archive unpacks to more than ${limits.bytes / 1024 / 1024} MiB: not recorded`);
				const path = safeEntryPath(file.name);
				if (path === undefined) throw new RecordError(`the logs archive holds an unsafe path ${JSON.stringify(file.name)}: not recorded`);
				if (seen.has(path)) throw new RecordError(`the logs archive holds ${JSON.stringify(path)} twice: not recorded`);
				seen.add(path);
				paths.set(file.name, path);
				return true;
			},
		});
	} catch (error) {
		if (error instanceof RecordError) throw error;
		throw new RecordError(`the logs archive is not a readable zip (${error instanceof Error ? error.message : String(error)})`);
	}
	const files = new Map<string, Uint8Array>();
	for (const [name, data] of Object.entries(unzipped)) {
		files.set(paths.get(name)!, data);
	}
	return files;
}

/**
 * A relative path inside the folder, `/`-separated, or undefined: no `..`, no absolute or drive
 * paths, no backslashes (a separator on Windows) or control characters.
 */
export function safeEntryPath(name: string): string | undefined {
	if (name === '' || /[\\\x00-\x1f]/.test(name) || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return undefined;
	const segments = name.split('/').filter((s) => s !== '' && s !== '.');
	if (segments.length === 0 || segments.includes('..')) return undefined;
	return segments.join('/');
}
