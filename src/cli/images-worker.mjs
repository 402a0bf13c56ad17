// Draws the build's images in a worker thread (see drawImagesApart in ./image-worker.ts). Plain
// JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { runInBackground } from './background-thread.mjs';

runInBackground();
register();
let abandoned = false;
parentPort.on('message', (message) => {
	if (message === 'abandon') abandoned = true;
});
// Listening does not keep the worker alive once it is done.
parentPort.unref();
const { pipelines, into, cacheDir, share } = workerData;
// A rebuild from unchanged pipelines links the last build's images: the drawing code is not
// loaded (~2 s of CPU at M, on the cores Astro is starting on). drawImages does the same first.
const { linkIfKept } = await import('./kept-images.ts');
const linked = linkIfKept(share?.kept, into, share);
if (linked !== undefined) {
	// Nothing to parse: Astro's loaders, waiting for the pipelines, wait no longer.
	if (cacheDir) (await import('../loaders/parsed-pipelines.ts')).doneParsing(cacheDir);
	parentPort.postMessage(linked);
} else {
	const { drawImages } = await import('./images.ts');
	parentPort.postMessage(await drawImages(pipelines, into, () => abandoned, cacheDir, share));
}
