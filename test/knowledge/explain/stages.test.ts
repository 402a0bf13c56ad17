import { describe, expect, it } from 'vitest';
import { Explanation, explainStage } from '../../../src/knowledge/explain';
import { BuiltinStage, Provider } from '../../../src/model';

describe('the CIs’ own stages', () => {
	const cases = BuiltinStage.options.flatMap((stage) => Provider.options.map((provider) => [stage, provider] as const));

	it.each(cases)('%s on %s has a valid explanation', (stage, provider) => {
		const explanation = explainStage(stage, provider);
		expect(() => Explanation.parse(explanation)).not.toThrow();
		expect(explanation.topic).toMatch(new RegExp(`^stage:(${provider}:)?${stage}$`));
		expect(explanation.summary).toMatch(/^[A-Z].{20,}\.$/);
	});

	it('is worded for the CI that runs it', () => {
		expect(explainStage('spin-up', 'circleci').summary).toMatch(/^CircleCI starts the job’s executor/);
		expect(explainStage('environment', 'circleci').summary).toMatch(/`CIRCLE_\*`/);
		expect(explainStage('set-up-job', 'github-actions').summary).toMatch(/downloads every action the job uses/);
		expect(explainStage('post-job', 'github-actions').summary).toMatch(/`actions\/cache` saves its cache here/);
		expect(explainStage('prepare-executor', 'gitlab').summary).toMatch(/pulls the job’s image and starts the `services`/);
		expect(explainStage('get-sources', 'gitlab').summary).toMatch(/`GIT_DEPTH`/);
		expect(explainStage('cleanup', 'gitlab').topic).toBe('stage:gitlab:cleanup');
	});

	it('falls back to wording every CI shares', () => {
		expect(explainStage('download-artifacts', 'unknown')).toEqual({
			summary: 'The CI downloads the artifacts that earlier jobs of the pipeline uploaded.',
			details: [],
			risks: [],
			topic: 'stage:download-artifacts',
		});
	});
});
