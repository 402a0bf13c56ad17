// Writes the search index in a worker thread (see writeSearchIndexApart in ./search-worker.ts).
// Plain JavaScript: the worker registers tsx itself before it loads the TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { writeSearchIndex } = await import('../integrations/search-index.ts');
parentPort.postMessage(await writeSearchIndex(workerData.root, undefined, workerData.previous));
