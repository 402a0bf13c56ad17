// Writes the search index in a worker thread (see ./search-worker.ts): at once, or, given a
// head start, begun from the last site and finished once told where the new one is.
// Plain JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { runInBackground } from './background-thread.mjs';

register();
if (workerData.headStart) {
	// Begun beside Astro, which the build waits for; an index built from scratch after Astro keeps the build's priority.
	runInBackground();
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
