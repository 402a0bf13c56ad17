/**
 * Test files known to take longest, started first, longest first (see ./sequencer.ts). Without
 * Vitest's cache of earlier durations (a clean clone, as CI runs) it starts the largest files
 * first, and the type check (a short file, the longest test on one core) ran last while the
 * other core idled. Rough durations on the 2-core machine, beside the rest. A file that builds
 * sites waits for the other builds' turns (the CLI's lock): one that does not sits between two.
 */
export const SLOW_FIRST = [
	'test/e2e/accessibility.test.ts', // ~150 s: axe over every page
	'test/e2e/incremental-build.test.ts', // five builds
	'test/typecheck.test.ts', // ~45 s: astro check
	'test/e2e/build-guarantees.test.ts', // five builds
	'test/security/fuzz.test.ts', // ~30 s
	'test/e2e/hostile-input.test.ts', // a build, then Chromium
	'test/security/planted-secrets.test.ts', // a build of the example
];
