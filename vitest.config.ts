import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		// GitHub's workflow parser imports JSON without import attributes: let Vite bundle it.
		server: { deps: { inline: ['@actions/workflow-parser'] } },
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts'],
					exclude: ['test/e2e/**', 'test/stress/**'],
					setupFiles: ['test/support/temp-cleanup.ts'],
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					globalSetup: ['test/e2e/support/global-setup.ts'],
					setupFiles: ['test/support/temp-cleanup.ts'],
					// Browser tests share one built site and one Chromium: run them one file at a time.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 600_000,
				},
			},
			// Opt-in (`npm run test:stress`): tests that can take the test runner down with them.
			...(process.env.ATLAS_STRESS ? [{ test: { name: 'stress', include: ['test/stress/**/*.test.ts'], setupFiles: ['test/support/temp-cleanup.ts'] } }] : []),
		],
	},
});
