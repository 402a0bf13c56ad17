/**
 * A `.zip` in a run folder (GitHub's "Download log archive") unpacked in memory, within limits
 * read from its directory before anything is inflated, so a zip bomb costs nothing.
 */
import { unzipSync } from 'fflate';
import type { RunProblem } from './problems';

export const MAX_ZIP_BYTES = 64 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 2000;

export interface ZipEntry {
	path: string;
	bytes: Uint8Array;
}

export interface ZipLimits {
	maxBytes: number;
	maxEntries: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

export function isZip(bytes: Uint8Array): boolean {
	return startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** macOS resource forks and Finder files that zips made on a Mac carry along. */
function isJunk(path: string): boolean {
	const base = path.slice(path.lastIndexOf('/') + 1);
	return path.startsWith('__MACOSX/') || base === '.DS_Store' || base.startsWith('._') || base === 'Thumbs.db';
}

/**
 * The zip's files, paths relative to the folder holding the zip. Directories and Mac junk are
 * left out. Over the limits, or unreadable, it gives a problem and no entries.
 */
export function unzipRunArchive(file: string, bytes: Uint8Array, limits: ZipLimits = { maxBytes: MAX_ZIP_BYTES, maxEntries: MAX_ZIP_ENTRIES }): { entries: ZipEntry[]; problems: RunProblem[] } {
	const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
	let count = 0;
	let total = 0;
	try {
		unzipSync(bytes, {
			filter(info) {
				if (!info.name.endsWith('/') && !isJunk(fixName(info.name))) {
					count++;
					total += info.originalSize;
				}
				return false;
			},
		});
	} catch (error) {
		return { entries: [], problems: [{ file, message: `Could not read the zip (${describe(error)}); left out`, hint: 'Download the log archive again: it may be truncated.' }] };
	}
	if (count > limits.maxEntries || total > limits.maxBytes) {
		const found = `${count.toLocaleString('en-US')} file${count === 1 ? '' : 's'}, ${size(total)} unpacked`;
		return {
			entries: [],
			problems: [
				{
					file,
					message: `The zip is too large to read (${found}; the limit is ${limits.maxEntries.toLocaleString('en-US')} files and ${size(limits.maxBytes)}); left out`,
					hint: 'Unpack the jobs you want to show into the run folder instead.',
				},
			],
		};
	}
	let unpacked: Record<string, Uint8Array>;
	try {
		unpacked = unzipSync(bytes, { filter: (info) => !info.name.endsWith('/') && !isJunk(fixName(info.name)) });
	} catch (error) {
		return { entries: [], problems: [{ file, message: `Could not unpack the zip (${describe(error)}); left out`, hint: 'Download the log archive again: it may be damaged.' }] };
	}
	const entries = Object.entries(unpacked)
		.map(([name, data]) => ({ path: folder + fixName(name), bytes: data }))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	return { entries, problems: [] };
}

/**
 * Entry names as their writer meant them. Zips made without the UTF-8 flag (GitHub's, macOS
 * `zip`) are read by fflate as Latin-1: re-read those bytes as UTF-8 when they are UTF-8.
 * GitHub cuts long job names at a byte count, which can split an emoji: the broken
 * character at a component's end is dropped.
 */
export function fixName(name: string): string {
	const latin1 = /[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name);
	return name
		.replace(/\\/g, '/')
		.split('/')
		.map((part) => (latin1 ? asUtf8(part) : part).replace(/\uFFFD+$/, ''))
		.filter((part) => part !== '' && part !== '.' && part !== '..')
		.join('/')
		.concat(name.endsWith('/') ? '/' : '');
}

const STRICT = new TextDecoder('utf-8', { fatal: true });

/** A Latin-1-read name component as UTF-8, allowing a character cut at its end; else as it was. */
function asUtf8(part: string): string {
	const bytes = Uint8Array.from(part, (c) => c.charCodeAt(0));
	for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
		try {
			return STRICT.decode(bytes.subarray(0, bytes.length - cut));
		} catch {
			// try without the last bytes: a multi-byte character cut short
		}
	}
	return part;
}

function size(bytes: number): string {
	if (bytes < 1024) return `${bytes.toLocaleString('en-US')} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
