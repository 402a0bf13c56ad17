/**
 * Makes the next worker `runApart` starts the stand-in that dies out of heap partway
 * (./dying-worker.mjs) instead of the real one. In a test:
 * `vi.mock('../../src/cli/worker-apart', async (original) => (await import('./support/dying')).dyingWorkers(original))`.
 */
export const dying = { next: false };

export async function dyingWorkers(original: () => Promise<typeof import('../../../src/cli/worker-apart')>) {
	const actual = await original();
	return {
		...actual,
		runApart: ((script, ...rest) => {
			const stand = dying.next ? new URL('./dying-worker.mjs', import.meta.url) : script;
			dying.next = false;
			return actual.runApart(stand, ...rest);
		}) satisfies typeof actual.runApart,
	};
}
