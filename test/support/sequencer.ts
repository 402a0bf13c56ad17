import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files known to take longest, started first, longest first. Without Vitest's cache of earlier
 * durations (a clean clone, as CI runs) it starts the largest files first, and the type check,
 * one of the shortest files and the longest test on one core, ran last: the other core idled
 * through its last half minute. Rough durations on the 2-core machine, beside the rest.
 */
export const SLOW_FIRST = [
	'test/e2e/accessibility.test.ts', // ~155 s: axe over every page
	'test/e2e/incremental-build.test.ts', // five builds
	'test/e2e/build-guarantees.test.ts', // five builds
	'test/typecheck.test.ts', // ~40 s: astro check
	'test/e2e/hostile-input.test.ts', // a build, then Chromium
	'test/security/fuzz.test.ts', // ~30 s
	'test/security/planted-secrets.test.ts', // a build of the example
];

export default class SlowFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const rank = (spec: TestSpecification) => {
			const i = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
			return i < 0 ? SLOW_FIRST.length : i;
		};
		// Within a group only: the groups' order is what keeps the timed and dev-server tests last.
		return sorted
			.map((spec, at) => ({ spec, at }))
			.sort((a, b) => a.spec.project.config.sequence.groupOrder - b.spec.project.config.sequence.groupOrder || rank(a.spec) - rank(b.spec) || a.at - b.at)
			.map(({ spec }) => spec);
	}
}
