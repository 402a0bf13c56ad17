import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { SLOW_FIRST } from './slow-files.ts';

/** Vitest's own order, but the files of SLOW_FIRST first, in its order. */
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
