/**
 * The CLI's side of the images a build draws (see ./images.ts): a worker thread draws them,
 * and their folders are moved into the site at the end. Apart from ./images.ts so the CLI's
 * main thread never loads the drawing code (~70 MB resident, for nothing: it only waits).
 */
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageShare } from './images';
import { runApart } from './worker-apart';

/**
 * `drawImages` in a worker thread of its own (see ./worker-apart.ts): in the CLI's heap, drawing
 * left ~0.8 GB resident for the rest of the build, while Pagefind (1.4 GB) indexed.
 * `abandon()` stops it between images. With `share`, one of the threads drawing one build.
 */
export function drawImagesApart(pipelinesDir: string, into: string, cacheDir: string, share?: ImageShare): { made: Promise<number>; abandon(): void } {
	let abandoned = false;
	const heapMb = Number(process.env.ATLAS_IMAGES_HEAP_MB) || IMAGES_HEAP_MB;
	// Out of its heap, a worker hands over to the calling thread, which draws every image again
	// on its own: the folders the worker had taken are not all done, and the same files from
	// another thread are the same bytes.
	const apart = runApart<number>(new URL('./images-worker.mjs', import.meta.url), { pipelines: pipelinesDir, into, cacheDir, share }, heapMb, 'image', () =>
		import('./images').then(({ drawImages }) => drawImages(pipelinesDir, into, () => abandoned, cacheDir)),
	);
	return {
		made: apart.result,
		abandon: () => {
			abandoned = true;
			apart.post('abandon');
		},
	};
}

/**
 * The image worker's heap limit (MB), `ATLAS_IMAGES_HEAP_MB` to change it: it holds the parsed
 * pipelines and one run folder at a time.
 */
const IMAGES_HEAP_MB = 512;

/**
 * Moves what `drawImages` wrote under `from` into the built site: each run's folders (its images,
 * its log downloads), and each diagram PNG into its pipeline's diagrams folder, which Astro's
 * other diagram files are in.
 */
export function moveImages(from: string, site: string): void {
	const pipelinesDir = join(from, 'pipelines');
	for (const pipeline of entries(pipelinesDir)) {
		const diagrams = join(pipelinesDir, pipeline, 'diagrams');
		const files = entries(diagrams);
		if (files.length > 0) mkdirSync(join(site, 'pipelines', pipeline, 'diagrams'), { recursive: true });
		for (const file of files) renameSync(join(diagrams, file), join(site, 'pipelines', pipeline, 'diagrams', file));
		for (const run of entries(join(pipelinesDir, pipeline, 'runs'))) {
			const target = join(site, 'pipelines', pipeline, 'runs', run);
			mkdirSync(target, { recursive: true });
			for (const folder of entries(join(pipelinesDir, pipeline, 'runs', run))) renameSync(join(pipelinesDir, pipeline, 'runs', run, folder), join(target, folder));
		}
	}
}

/** A folder's entries, none when there is no such folder (no runs, no diagrams). */
function entries(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}
