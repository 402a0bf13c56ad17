/**
 * "Download all" for a run: a zip whose bytes depend on the files alone. Every entry gets the
 * same timestamp (1980-01-01 00:00, the earliest a zip can hold), no extra fields, no comment,
 * and entries are ordered by name, so the same files give the same archive on any machine.
 */
import { zipSync, type ZipOptions } from 'fflate';

export interface ZipFile {
	name: string;
	bytes: Uint8Array;
}

/** Already-compressed formats are stored: deflating them again only costs time. */
const STORED = /\.(png|jpe?g|gif|webp|avif|zip|gz|tgz|br|zst)$/i;

export function runZip(files: readonly ZipFile[]): Uint8Array {
	const seen = new Set<string>();
	for (const { name } of files) {
		if (!name || name.startsWith('/') || name.endsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
			throw new Error(`Not a file name for a zip entry: ${JSON.stringify(name)}`);
		}
		if (seen.has(name)) throw new Error(`Two files named ${JSON.stringify(name)} in one zip`);
		seen.add(name);
	}
	// fflate's DOS timestamp reads the local-time fields: a date built from local fields reads
	// back as 1980-01-01 00:00 in every time zone.
	const mtime = new Date(1980, 0, 1, 0, 0, 0);
	const entries: Record<string, [Uint8Array, ZipOptions]> = Object.create(null);
	for (const file of [...files].sort((a, b) => compareNames(a.name, b.name))) {
		entries[file.name] = [file.bytes, { level: STORED.test(file.name) ? 0 : 6, mtime }];
	}
	return zipSync(entries, { mtime });
}

const INDEX = /^(0|[1-9]\d{0,8})$/;

/**
 * Code-unit order, except that names which are array indexes come first in numeric order:
 * that is the order an object's keys enumerate in, which is the order fflate writes them.
 */
function compareNames(a: string, b: string): number {
	const ia = INDEX.test(a);
	const ib = INDEX.test(b);
	if (ia && ib) return Number(a) - Number(b);
	if (ia !== ib) return ia ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}
