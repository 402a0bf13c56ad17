/**
 * The CLI's side of the images a build draws (see ./images.ts): a worker thread draws them,
 * and their folders are moved into the site at the end. Apart from ./images.ts so the CLI's
 * main thread never loads the drawing code (~70 MB resident, for nothing: it only waits).
 */
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * `drawImages` in a worker thread of its own, whose heap is freed when it is done. In the CLI's
 * own heap, which V8 grows lazily toward Node's limit, drawing left ~0.8 GB resident for the
 * rest of the build, while Pagefind (1.4 GB) indexed. `abandon()` stops it between images. A
 * worker that runs out of its heap (a site far larger than size M) hands over to the CLI's
 * thread, which draws them all under Node's own limit.
 */
export function drawImagesApart(pipelinesDir: string, into: string, cacheDir: string): { made: Promise<number>; abandon(): void } {
	let abandoned = false;
	const worker = new Worker(new URL('./images-worker.mjs', import.meta.url), {
		workerData: { pipelines: pipelinesDir, into, cacheDir },
		resourceLimits: { maxOldGenerationSizeMb: Number(process.env.ATLAS_IMAGES_HEAP_MB) || IMAGES_HEAP_MB },
	});
	const made = new Promise<number>((resolve, reject) => {
		let answered = false;
		worker.on('message', (message: { made: number }) => {
			answered = true;
			resolve(message.made);
			// Its 'abandon' listener would keep it, and the CLI, alive.
			void worker.terminate();
		});
		worker.on('error', (error: Error & { code?: string }) => {
			answered = true;
			if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
			console.log('The image worker ran out of its heap: drawing the images in the main thread.');
			import('./images').then(({ drawImages }) => drawImages(pipelinesDir, into, () => abandoned, cacheDir)).then(resolve, reject);
		});
		worker.on('exit', (code) => {
			if (!answered) reject(new Error(`the image worker stopped (exit code ${code}) before it was done`));
		});
	});
	return {
		made,
		abandon: () => {
			abandoned = true;
			worker.postMessage('abandon');
		},
	};
}

/**
 * The image worker's heap limit (MB), `ATLAS_IMAGES_HEAP_MB` to change it: it holds the parsed
 * pipelines and one run folder at a time.
 */
const IMAGES_HEAP_MB = 512;

/** Moves each run's images folder from `from` (as `drawImages` wrote it) into the built site. */
export function moveRunImages(from: string, site: string): void {
	const pipelinesDir = join(from, 'pipelines');
	let pipelines: string[];
	try {
		pipelines = readdirSync(pipelinesDir);
	} catch {
		return; // no runs, no images
	}
	for (const pipeline of pipelines) {
		for (const run of readdirSync(join(pipelinesDir, pipeline, 'runs'))) {
			const target = join(site, 'pipelines', pipeline, 'runs', run);
			mkdirSync(target, { recursive: true });
			renameSync(join(pipelinesDir, pipeline, 'runs', run, 'images'), join(target, 'images'));
		}
	}
}
