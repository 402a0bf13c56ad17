// Draws the build's images in a worker thread (see drawImagesApart in ./image-worker.ts). Plain
// JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { runInBackground } from './background-thread.mjs';

// The first worker starts with Astro, which the build waits for; a second starts once Astro is
// done, and is then what the build waits for.
if (!workerData.share?.helper) runInBackground();
register();
let abandoned = false;
parentPort.on('message', (message) => {
	if (message === 'abandon') abandoned = true;
});
// Listening does not keep the worker alive once it is done.
parentPort.unref();
const { drawOrLink } = await import('./draw-or-link.ts');
parentPort.postMessage(await drawOrLink(workerData, () => abandoned));
