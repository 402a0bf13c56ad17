// Draws the build's images in a worker thread (see drawImagesApart in ./image-worker.ts). Plain
// JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { drawImages } = await import('./images.ts');
let abandoned = false;
parentPort.on('message', (message) => {
	if (message === 'abandon') abandoned = true;
});
// Listening does not keep the worker alive once it is done.
parentPort.unref();
const made = await drawImages(workerData.pipelines, workerData.into, () => abandoned, workerData.cacheDir, workerData.share);
parentPort.postMessage(made);
