// Writes the search index in a worker thread (see ./search-worker.ts): at once, or, given a
// head start, begun from the last site and finished once told where the new one is.
// Plain JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
if (workerData.headStart) {
	// At the build's priority, though begun beside Astro: since a copied page is given its edited
	// explanation text (../site/explanation-bodies.ts), a rebuild waits for this index as much as
	// for Astro (niced, it was written 2-3 s after Astro was done at size M).
	const { lastSite, inputsDir, previous, early } = workerData.headStart;
	const { startHeadStart } = await import('../integrations/search-head-start.ts');
	const head = startHeadStart(lastSite, inputsDir, { previous, early });
	parentPort.once('message', async ({ root }) => {
		parentPort.postMessage(root ? await head.finish(root) : await head.abandon().then(() => ''));
	});
} else {
	const { writeSearchIndex } = await import('../integrations/search-index.ts');
	parentPort.postMessage(await writeSearchIndex(workerData.root, { previous: workerData.previous, keepInputs: workerData.keepInputs }));
}
