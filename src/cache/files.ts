/**
 * What a build makes slowly, kept between builds by what it was made from: stage, job and
 * diagram PNGs by their SVG, diagram layouts by their Mermaid text, highlighted logs by their
 * lines, highlighted commands by their text. A rebuild after an edit to
 * the docs then draws and lays out only what changed, where drawing it all was most of a build.
 * The folder lives in the build's cache (`ATLAS_CACHE_DIR`, set by `pipeline-atlas build`),
 * whose key covers Pipeline Atlas's own source and lockfile: new drawing code or a new
 * library version starts from an empty folder. Without it (a bare `astro build`, tests)
 * everything is made afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Files not used by any build for this long are removed. */
const KEEP_MS = 14 * 24 * 3600_000;

const folders = new Map<string, string | null>();

function cacheFolder(name: string): string | null {
	const known = folders.get(name);
	if (known !== undefined) return known;
	const root = process.env.ATLAS_CACHE_DIR;
	if (!root) {
		folders.set(name, null);
		return null;
	}
	const folder = join(root, name);
	mkdirSync(folder, { recursive: true });
	const now = Date.now();
	for (const entry of readdirSync(folder)) {
		const path = join(folder, entry);
		if (now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now) > KEEP_MS) rmSync(path, { force: true });
	}
	folders.set(name, folder);
	return folder;
}

interface Entry {
	/** The file the bytes are kept in. */
	path: string;
	read(): Uint8Array | undefined;
	/** Written whole or not at all: a build stopped halfway leaves no half file behind. Whether it was written. */
	write(bytes: Uint8Array): boolean;
}

function entry(folder: string, kind: string, source: string, extension: string): Entry | null {
	const dir = cacheFolder(folder);
	if (!dir) return null;
	const path = join(dir, `${createHash('sha256').update(`${kind}\0`).update(source).digest('hex')}${extension}`);
	return {
		path,
		read() {
			const writing = deferred?.get(path);
			if (writing) return writing.bytes;
			// A miss is a question, not an exception: readFileSync's ENOENT cost ~0.1 ms each, and a
			// cold build misses thousands of times (Astro's thread read 1.40 s -> 0.85 s of files at
			// size M, for 0.18 s of asking).
			if (!existsSync(path)) return undefined;
			try {
				const bytes = readFileSync(path);
				const now = new Date();
				utimesSync(path, now, now);
				return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
			} catch {
				return undefined;
			}
		},
		write(bytes) {
			if (deferred) {
				const done = writeWholeAsync(path, bytes).then(
					() => true,
					() => false,
				);
				const writing = { bytes, done };
				deferred.set(path, writing);
				void done.then(() => deferred?.get(path) === writing && deferred.delete(path));
				return true;
			}
			// A cache that cannot be written (full disk, read-only folder) only costs the next build the work.
			try {
				writeWhole(path, bytes);
				return true;
			} catch {
				// nothing kept
				return false;
			}
		},
	};
}

/** Writes `path` whole or not at all: a build stopped halfway leaves no half file for the next to trust. */
export function writeWhole(path: string, data: Uint8Array | string): void {
	const partial = `${path}.${process.pid}.partial`;
	try {
		writeFileSync(partial, data);
		renameSync(partial, path);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
}

/** Whether `target` could be made a hard link of `source` (not across file systems, say), on libuv's threads. */
export async function linkedAsync(source: string, target: string): Promise<boolean> {
	try {
		await link(source, target);
		return true;
	} catch {
		return false;
	}
}

/** `writeWhole` on libuv's threads. */
export async function writeWholeAsync(path: string, data: Uint8Array | string): Promise<void> {
	// The image worker's thread and, once it runs out of heap, the CLI's: one process, two counters.
	const partial = `${path}.${process.pid}.${threadId}.${++partials}.partial`;
	try {
		await writeFile(partial, data);
		await rename(partial, path);
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	}
}

/** Numbers this thread's partial files: writes in flight at once may be of one path. */
let partials = 0;

/** Cache writes in flight (see deferCacheWrites), by file, with their bytes until they are on disk. */
let deferred: Map<string, { bytes: Uint8Array; done: Promise<boolean> }> | undefined;

/**
 * From now on, this thread's cache files are written by libuv's threads while it goes on. Creating
 * a file takes 0.3–1 ms on the machines measured (ext4 on a virtual disk), and the image worker
 * creates thousands: 5 s of its time at size M went waiting for `open`, at the end of a cold
 * build where it is the last to finish. A file in flight is read back from memory; its path,
 * returned as the file that holds the bytes, is there once `cacheFileWritten` says so.
 */
export function deferCacheWrites(): void {
	deferred ??= new Map();
}

/** Whether the cache file at `path` is on disk, once a deferred write of it ends (at once if none). */
export async function cacheFileWritten(path: string): Promise<boolean> {
	return (await deferred?.get(path)?.done) ?? true;
}

/** Deferred cache writes not yet ended, each settling once its file is written or given up. */
export function cacheWritesInFlight(): Promise<unknown>[] {
	return deferred ? [...deferred.values()].map((w) => w.done) : [];
}

/** Every deferred cache write ended. */
export async function cacheWritesSettled(): Promise<void> {
	while (deferred && deferred.size > 0) await Promise.all([...deferred.values()].map((w) => w.done));
}

/**
 * The bytes made from `source` by `make`: from the cache when an earlier build made them, else
 * made and kept; with the cache file that holds them, when there is one.
 */
function cachedFile(folder: string, kind: string, source: string, extension: string, make: () => Uint8Array): { bytes: Uint8Array; file?: string } {
	const file = entry(folder, kind, source, extension);
	if (!file) return { bytes: make() };
	const known = file.read();
	if (known) return { bytes: known, file: file.path };
	const bytes = make();
	return file.write(bytes) ? { bytes, file: file.path } : { bytes };
}

function cached(folder: string, kind: string, source: string, extension: string, make: () => Uint8Array): Uint8Array {
	return cachedFile(folder, kind, source, extension, make).bytes;
}

/** The PNG of `svg`; `kind` names the code that draws it and how (`run-image@1x`). */
export function cachedPng(kind: string, svg: string, draw: () => Uint8Array): Uint8Array {
	return cached('images', kind, svg, '.png', draw);
}

/**
 * `cachedPng`, with the cache file that holds those bytes when there is one: a build can link
 * it into the site instead of writing the same bytes again (a site of size M has 360 MB of
 * stage PNGs, written in 1–2 s, linked in 0.05).
 */
export function cachedPngFile(kind: string, svg: string, draw: () => Uint8Array): { bytes: Uint8Array; file?: string } {
	return cachedFile('images', kind, svg, '.png', draw);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A text made from `source` (a diagram's layout from its Mermaid text). */
export function cachedText(kind: string, source: string, make: () => string): string {
	return decoder.decode(cached('texts', kind, source, '.txt', () => encoder.encode(make())));
}

/** `cachedText` for a text made asynchronously (a log highlighted by shiki). */
export async function cachedTextAsync(kind: string, source: string, make: () => Promise<string>): Promise<string> {
	const file = entry('texts', kind, source, '.txt');
	if (!file) return make();
	const known = file.read();
	if (known) return decoder.decode(known);
	const text = await make();
	file.write(encoder.encode(text));
	return text;
}
