/**
 * Work the CLI hands to a worker thread with a heap of its own. V8 grows a thread's heap lazily
 * toward Node's limit and keeps what it grew: done in the CLI's own thread, drawing images or
 * feeding Pagefind left hundreds of MB resident beside the processes that peak after it. A
 * worker's heap is bounded while it works and freed when it is done.
 */
import { Worker } from 'node:worker_threads';

export interface Apart<T> {
	/** The worker's first message; or, once it ran out of its heap, what `fallback` gives. */
	result: Promise<T>;
	post(message: unknown): void;
}

/**
 * Runs `script` (which posts its result as its first message, and whose port does not keep it
 * alive) in a worker limited to `heapMb`.
 * A worker that runs out of its heap (a site far larger than the limit was sized for) hands
 * over to `fallback`, which does the same work in the calling thread under Node's own limit.
 */
export function runApart<T>(script: URL, workerData: unknown, heapMb: number, what: string, fallback: () => Promise<T>): Apart<T> {
	const worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
	const result = new Promise<T>((resolve, reject) => {
		let answered = false;
		worker.on('message', (message: T) => {
			answered = true;
			resolve(message);
			// It ends by itself once done (its port does not keep it alive); meanwhile, neither
			// does it keep the CLI alive.
			worker.unref();
		});
		worker.on('error', (error: Error & { code?: string }) => {
			answered = true;
			if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
			console.log(`The ${what} worker ran out of its ${heapMb} MB heap: carrying on in the main thread.`);
			fallback().then(resolve, reject);
		});
		worker.on('exit', (code) => {
			if (!answered) reject(new Error(`the ${what} worker stopped (exit code ${code}) before it was done`));
		});
	});
	return { result, post: (message) => worker.postMessage(message) };
}
