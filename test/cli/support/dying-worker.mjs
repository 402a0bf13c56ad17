// Stands in for a build's worker that runs out of its heap partway (see ../worker-apart.test.ts):
// it does part of the real worker's work, then dies with the error Node gives a worker out of
// heap. A real one cannot be relied on in the suite: V8 can run out while finalising compiled
// code, which aborts the whole process instead of stopping the worker.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// Listening for 'abandon' must not keep the worker alive.
parentPort.unref();
const outOfHeap = () => Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });

if (workerData.root !== undefined) {
	// The search index worker, dying with Pagefind started: its process must not outlive it, and
	// the records must be left for the thread that takes over.
	const pagefind = await import('pagefind');
	const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
	await index.addHTMLFile({ sourcePath: 'partial.html', content: '<html><body><main data-pagefind-body><h1>Half done</h1></main></body></html>' });
	throw outOfHeap();
} else if (workerData.pipelines !== undefined) {
	// The image worker, dying after a few images: the thread that takes over draws them all.
	const { drawImages } = await import('../../../src/cli/images.ts');
	let asked = 0;
	await drawImages(workerData.pipelines, workerData.into, () => ++asked > 3, workerData.cacheDir, workerData.share);
	throw outOfHeap();
} else {
	throw outOfHeap();
}
