import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What a folder holds, as one hash of every file's path and bytes. A loader whose folder hashes
 * the same as at the last build keeps what it stored then: the store lives in the build cache,
 * whose key covers Pipeline Atlas's own code, so the same inputs give the same entries. Reading
 * the bytes costs a fraction of parsing them (about 0.2 s for 90 MB); times and sizes alone
 * would miss an edit that keeps both.
 */
export function folderFingerprint(dir: string): string {
	const hash = createHash('sha256');
	const files = readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.sort();
	for (const file of files) {
		const bytes = readFileSync(file);
		hash.update(`${relative(dir, file).split(sep).join('/')}\0${bytes.length}\0`).update(bytes);
	}
	return hash.digest('hex');
}
