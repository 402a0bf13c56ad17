import { describe, expect, it } from 'vitest';
import { runsIn, unknownRunsIn } from '../../src/describe/executor';
import type { Executor, Job } from '../../src/model';

const job = (executor: Partial<Executor>, more: Partial<Pick<Job, 'origin' | 'releasePlan'>> = {}) => ({ executor: { kind: 'unknown' as const, images: [], ...executor }, ...more });

describe('where a job runs', () => {
	it('names a known kind of machine by its executor, else by its kind', () => {
		expect(runsIn(job({ kind: 'docker', name: 'node' }), 'circleci')).toEqual({ text: 'node' });
		expect(runsIn(job({ kind: 'machine' }), 'github-actions')).toEqual({ text: 'Linux virtual machine' });
	});

	it("says Heroku's machines by their own name, and a CircleCI executor it cannot resolve as written", () => {
		expect(unknownRunsIn(job({ name: 'Heroku build' }), 'heroku')).toEqual({ text: 'Heroku build' });
		expect(unknownRunsIn(job({ name: '<< parameters.executor >>' }), 'circleci')).toEqual({ text: 'Executor', code: '<< parameters.executor >>' });
	});

	it('says a job from an orb or a reusable workflow runs where its source says', () => {
		expect(unknownRunsIn(job({}, { origin: { type: 'orb', name: 'heroku/deploy-via-git', ref: 'circleci/heroku@1.1.1', expanded: false } }), 'circleci')).toEqual({ text: 'Set by its orb', code: 'circleci/heroku@1.1.1' });
		expect(unknownRunsIn(job({}, { origin: { type: 'reusable-workflow', name: 'org/repo/.github/workflows/ci.yml@v1', expanded: false } }), 'github-actions')).toEqual({
			text: 'Set by the reusable workflow',
			code: 'org/repo/.github/workflows/ci.yml@v1',
		});
	});

	it('says a runner given by an expression is chosen when the job runs', () => {
		expect(unknownRunsIn(job({ images: [{ image: '${{ matrix.os }}' }] }), 'github-actions')).toEqual({ text: 'Runner chosen when it runs' });
	});

	it('says a release runs on nothing, and "Not stated" only when nothing says where', () => {
		expect(runsIn(job({}, { releasePlan: 'deploy-web' }), 'circleci')).toEqual({ text: 'Nothing: it follows a release' });
		expect(runsIn(job({}), 'gitlab')).toEqual({ text: 'Not stated' });
	});
});
