/**
 * The last build's run images, kept in the build cache for the pipelines folder as it was: a
 * rebuild from the same pipelines links them into the site instead of drawing them again (see
 * ./images.ts). Apart from the drawing code, so the CLI's main thread can keep what its image
 * workers drew without loading it.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pngScale } from '../config/png-scale';
import { folderFingerprint } from '../loaders/fingerprint';
import { claimAll } from './image-claims';
import type { ImageShare } from './images';

/** Written last in a kept folder: a build stopped while keeping leaves no half folder to be used. */
const COMPLETE = '.complete';

/** The pipelines folder's fingerprint (see ../loaders/fingerprint.ts), or undefined without one. */
export function pipelinesFingerprint(pipelinesDir: string): string | undefined {
	return existsSync(pipelinesDir) ? folderFingerprint(pipelinesDir) : undefined;
}

/**
 * Where the run images of the pipelines folder as it is now, at the build's PNG scale, are kept
 * (or would be), or undefined without one; `fingerprint`, the folder's, when the caller has it.
 */
export function keptRunImages(pipelinesDir: string, cacheDir: string, fingerprint = pipelinesFingerprint(pipelinesDir)): string | undefined {
	return fingerprint === undefined ? undefined : join(cacheDir, 'run-images', `${fingerprint}@${pngScale()}x`);
}

/** Whether a whole set is kept there. */
export function isKept(kept: string): boolean {
	return existsSync(join(kept, COMPLETE));
}

/**
 * A drawer's whole work when a whole set of run images is kept at `kept` (see keptRunImages):
 * they are linked under `into`, and the run folders claimed so that no second drawer starts.
 * How many files, or undefined when the images are to be drawn (nothing kept, or a second drawer).
 */
export function linkIfKept(kept: string | undefined, into: string, share?: ImageShare): number | undefined {
	if (!kept || share?.helper || !isKept(kept)) return undefined;
	if (share) claimAll(share.claims);
	return linkKept(kept, into);
}

/** The kept run images linked under `into`, as drawing them would have placed them; returns how many. */
export function linkKept(kept: string, into: string): number {
	return linkTree(join(kept, 'pipelines'), join(into, 'pipelines'));
}

/** The run images under `from`, kept as the only set in the cache (one per pipelines folder state). */
export function keep(from: string, kept: string): void {
	try {
		rmSync(dirname(kept), { recursive: true, force: true });
		if (existsSync(join(from, 'pipelines'))) linkTree(join(from, 'pipelines'), join(kept, 'pipelines'));
		else mkdirSync(kept, { recursive: true });
		writeFileSync(join(kept, COMPLETE), '');
	} catch {
		// A cache that cannot be written only costs the next build the work.
		rmSync(dirname(kept), { recursive: true, force: true });
	}
}

/** Whether `target` could be made a hard link of `source`. */
function linked(source: string, target: string): boolean {
	try {
		linkSync(source, target);
		return true;
	} catch {
		return false;
	}
}

/** `from`'s files at the same places under `to`: hard links where the file system allows, else copies. Returns how many. */
function linkTree(from: string, to: string): number {
	if (!existsSync(from)) return 0;
	let count = 0;
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		const source = join(from, entry.name);
		const target = join(to, entry.name);
		if (entry.isDirectory()) {
			mkdirSync(target, { recursive: true });
			count += linkTree(source, target);
		} else if (entry.isFile()) {
			if (!linked(source, target)) copyFileSync(source, target);
			count++;
		}
	}
	return count;
}
