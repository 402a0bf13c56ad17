// Writes the search index in a worker thread (see ./search-worker.ts). Plain JavaScript: the
// worker registers tsx itself before it loads the TypeScript.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { beginIndex, writeSearchIndex } = await import('../integrations/search-index.ts');
const { root, keptRecords } = workerData;
if (keptRecords === undefined) parentPort.postMessage(await writeSearchIndex(root));
else {
	// Begun before the site is built (beginSearchIndexApart): the kept records first, then the
	// word to finish or to stop.
	const begun = readFile(keptRecords, 'utf8').then(beginIndex);
	// Awaited below; a failure meanwhile is not an unhandled rejection.
	begun.catch(() => undefined);
	const word = await new Promise((resolve) => parentPort.once('message', resolve));
	if (word === 'go') parentPort.postMessage(await writeSearchIndex(root, undefined, begun));
	else {
		const { close } = await import('pagefind');
		await begun.then(({ index }) => index.deleteIndex()).catch(() => undefined);
		await close();
		parentPort.postMessage('abandoned');
	}
}
