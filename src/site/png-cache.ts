/**
 * Stage, job and diagram PNGs kept between builds, by the SVG they are drawn from: a rebuild after an
 * edit to the docs draws only the images whose run changed, where drawing them all was most of
 * a build. The folder lives in the build's cache (`ATLAS_CACHE_DIR`, set by `pipeline-atlas
 * build`), whose key covers Pipeline Atlas's own source and lockfile: new drawing code starts
 * from an empty folder. Without it (a bare `astro build`) every image is drawn.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG_SCALE } from '../images';

/** Images not used by any build for this long are removed. */
const KEEP_MS = 14 * 24 * 3600_000;

let folder: string | null | undefined;

function cacheFolder(): string | null {
	if (folder !== undefined) return folder;
	const root = process.env.ATLAS_CACHE_DIR;
	if (!root) return (folder = null);
	folder = join(root, 'images');
	mkdirSync(folder, { recursive: true });
	const now = Date.now();
	for (const name of readdirSync(folder)) {
		const path = join(folder, name);
		if (now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now) > KEEP_MS) rmSync(path, { force: true });
	}
	return folder;
}

/** The PNG of `svg` (drawn by the `kind` of image's code): from the cache when an earlier build drew it, else drawn and kept. */
export function cachedPng(svg: string, draw: () => Uint8Array, kind: 'stage' | 'diagram' = 'stage'): Uint8Array {
	const dir = cacheFolder();
	if (!dir) return draw();
	const path = join(dir, `${createHash('sha256').update(`${kind}@${PNG_SCALE}\0`).update(svg).digest('hex')}.png`);
	try {
		const bytes = readFileSync(path);
		const now = new Date();
		utimesSync(path, now, now);
		return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
	} catch {
		const bytes = draw();
		// Written whole or not at all: a build stopped halfway leaves no half image behind. A cache
		// that cannot be written (full disk, read-only folder) only costs the next build the drawing.
		const partial = `${path}.${process.pid}.partial`;
		try {
			writeFileSync(partial, bytes);
			renameSync(partial, path);
		} catch {
			rmSync(partial, { force: true });
		}
		return bytes;
	}
}
