import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import type { Run } from '../../src/model';
import { envEntries } from '../../src/site/env-reference';

const config = `version: 2.1
jobs:
  deploy:
    docker: [{ image: cimg/base:2024.02 }]
    environment:
      APP_NAME: lettings
      DEPLOY_TOKEN: not-a-real-one
    steps:
      - run:
          name: Deploy
          command: deploy --app "$APP_NAME" --branch "$CIRCLE_BRANCH" --token "$DEPLOY_TOKEN" --to "$TARGET_HOST"
workflows:
  main:
    jobs: [deploy]
`;
const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.circleci/config.yml', text: config }] });
const run: Run = {
	id: 'r1', group: 'r1', pipelineId: pipeline!.id, provider: 'circleci', format: 'circleci-api', job: 'deploy', status: 'success', files: [], diagnostics: [],
	steps: [{ index: 1, name: 'Deploy', status: 'success', lines: ['deploying with CIRCLE_BRANCH=main'], sections: [], marks: [] }],
};
const entries = new Map(envEntries(pipeline!, [run]).map((e) => [e.name, e]));

describe('envEntries', () => {
	it('describes a built-in from the catalog, links the step reading it and the runs naming it', () => {
		const branch = entries.get('CIRCLE_BRANCH')!;
		expect(branch.kind).toBe('builtin');
		expect(branch.description).toMatch(/branch/i);
		expect(branch.reference).toMatch(/^https:\/\/circleci\.com\//);
		expect(branch.usedBy).toEqual([{ jobId: 'deploy', stepId: '1' }]);
		expect(branch.runs).toEqual(['r1']);
		expect(branch.anchor).toBe('p--CIRCLE_BRANCH');
	});
	it('shows a defined value with where it is defined', () => {
		const app = entries.get('APP_NAME')!;
		expect(app.kind).toBe('defined');
		expect(app.definitions[0]).toMatchObject({ scope: 'job', value: 'lettings', jobId: 'deploy' });
		expect(app.definitions[0]!.location?.line).toBe(6);
	});
	it('never carries the value of a secret, even one written in the config', () => {
		const token = entries.get('DEPLOY_TOKEN')!;
		expect(token.kind).toBe('secret');
		expect(JSON.stringify(token)).not.toContain('not-a-real-one');
	});
	it('calls a variable read but defined nowhere a project setting', () => {
		expect(entries.get('TARGET_HOST')).toMatchObject({ kind: 'project', runs: [] });
	});
});
