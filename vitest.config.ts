import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirst from './test/support/sequencer.ts';

/**
 * Unit test files that need modules of their own: they mock modules, load them again
 * (`vi.resetModules`), or set the environment a module reads once when it loads (the build
 * cache's folder). `test/config/own-modules.test.ts` finds such files and fails when one is
 * missing here.
 */
export const OWN_MODULES = [
	'test/cache/files.test.ts',
	'test/cli/images.test.ts',
	'test/cli/search-worker.test.ts',
	'test/cli/worker-apart.test.ts',
	'test/images/zip.test.ts',
	'test/ingest/runs.test.ts',
	'test/integrations/build-log.test.ts',
	'test/providers/yaml.test.ts',
	'test/record/record.test.ts',
	'test/site/run-images.test.ts',
];

/**
 * Browser tests that run alone, one at a time, once every other test is done: `astro dev`, which
 * writes the project's `.astro/` outside the build lock, and Lighthouse, whose performance score
 * is timed on this machine's CPU. The browser tests that build sites run beside the others (their
 * builds take turns with the unit tests' by the CLI's lock, their timeouts allowing for the wait):
 * alone, they left a quarter of two cores idle for three minutes.
 */
const SERIAL_E2E = ['test/e2e/dev-reload.test.ts', 'test/e2e/lighthouse.test.ts'];

export default defineConfig({
	test: {
		// GitHub's workflow parser imports JSON without import attributes: let Vite bundle it.
		server: { deps: { inline: ['@actions/workflow-parser'] } },
		// Every core: Vitest's default leaves one free, which on the 2-core machines ran the unit
		// tests one file at a time (130 → 76–109 s).
		maxWorkers: availableParallelism(),
		sequence: { sequencer: SlowFirst },
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts'],
					exclude: ['test/e2e/**', 'test/stress/**', ...OWN_MODULES],
					setupFiles: ['test/support/temp-cleanup.ts'],
					// The files of a worker share their modules instead of loading them again each:
					// 164 → 120 s for this project on one worker. Files that need modules of
					// their own are in the project below.
					isolate: false,
				},
			},
			{
				test: {
					name: 'unit-isolated',
					include: OWN_MODULES,
					setupFiles: ['test/support/temp-cleanup.ts'],
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					exclude: SERIAL_E2E,
					globalSetup: ['test/e2e/support/global-setup.ts'],
					setupFiles: ['test/support/temp-cleanup.ts'],
					// Beside the unit tests, on every core: each file starts its own Chromium and
					// server on the shared built site, which none writes. One file at a time, the
					// second core idled through the last half of the run.
					testTimeout: 60_000,
					hookTimeout: 600_000,
				},
			},
			{
				test: {
					name: 'e2e-serial',
					include: SERIAL_E2E,
					globalSetup: ['test/e2e/support/global-setup.ts'],
					setupFiles: ['test/support/temp-cleanup.ts'],
					fileParallelism: false,
					sequence: { groupOrder: 1 },
					testTimeout: 60_000,
					hookTimeout: 600_000,
				},
			},
			// Opt-in (`npm run test:stress`): tests that can take the test runner down with them.
			...(process.env.ATLAS_STRESS ? [{ test: { name: 'stress', include: ['test/stress/**/*.test.ts'], setupFiles: ['test/support/temp-cleanup.ts'] } }] : []),
		],
	},
});
