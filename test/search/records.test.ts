import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import type { Run } from '../../src/model';
import { filterValue } from '../../src/search/kinds';
import { recordHtml } from '../../src/search/record-html';
import { clip, explanationRecords, MAX_RECORD_LINE, MAX_RECORD_TEXT, MAX_RECORD_TITLE, RECORD_LOG_HEAD, searchRecords } from '../../src/search/records';

const config = `version: 2.1
jobs:
  deploy:
    docker: [{ image: cimg/base:2024.02 }]
    environment:
      API_TOKEN: planted-config-secret-1234
    steps:
      - run:
          name: Deploy <script>alert(1)</script>
          command: ./deploy.sh "$CIRCLE_BRANCH" "$API_TOKEN"
workflows:
  main:
    jobs: [deploy]
`;
const [pipeline] = assembleFolder({ group: 'shop', displayPrefix: 'shop/', files: [{ path: '.circleci/config.yml', text: config }] });
const run: Run = {
	id: 'r1', group: 'r1', pipelineId: pipeline!.id, provider: 'circleci', format: 'circleci-api', job: 'deploy', jobId: 'deploy', status: 'failed', files: [], diagnostics: [],
	steps: [{ index: 2, name: 'Deploy', status: 'failed', lines: ['\x1b[31mdeploy failed\x1b[0m'], sections: [], marks: [] }],
};
const records = searchRecords([pipeline!], [run], (p, j) => `/pipelines/${p.id}/jobs/${j.slug}/`);

describe('searchRecords', () => {
	it('gives each job a result of its steps, each step a section linking to its anchor on the job page', () => {
		const steps = records.filter((r) => r.kind === 'step');
		expect(steps).toHaveLength(1);
		// The steps heading, not the page: Pagefind keeps one document per address, and the page is one.
		expect(steps[0]).toMatchObject({ url: '/pipelines/shop/jobs/deploy/#steps', title: 'Steps of deploy', provider: 'CircleCI' });
		expect(steps[0]!.sections?.map((s) => s.anchor)).toEqual(['step-1']);
		const deploy = steps[0]!.sections![0]!;
		expect(deploy.title).toBe('Deploy <script>alert(1)</script>');
		expect(deploy.body.join(' ')).toContain('./deploy.sh');
		// The index takes `"$CIRCLE_BRANCH"` inside a command as part of a longer word.
		expect(deploy.body).toContain('Reads CIRCLE_BRANCH API_TOKEN');
	});
	it('gives each variable of a pipeline and each built-in of every CI a result of its own', () => {
		const branch = records.filter((r) => r.kind === 'variable' && r.title === 'CIRCLE_BRANCH').map((r) => r.url);
		expect(branch).toEqual(['/env/#shop--CIRCLE_BRANCH', '/env/circleci/#CIRCLE_BRANCH']);
		expect(records.some((r) => r.title === 'GITHUB_SHA' && r.url === '/env/github-actions/#GITHUB_SHA')).toBe(true);
		expect(records.some((r) => r.title === 'CI_COMMIT_SHA' && r.url === '/env/gitlab/#CI_COMMIT_SHA')).toBe(true);
	});
	it('gives each recorded run a result of its steps, each a section with its log without colour codes', () => {
		const logs = records.find((r) => r.kind === 'run');
		expect(logs).toMatchObject({ url: '/pipelines/shop/runs/r1/#steps', title: 'Logs of deploy' });
		expect(searchRecords([pipeline!], [{ ...run, number: 366 }], (p, j) => `/pipelines/${p.id}/jobs/${j.slug}/`).find((r) => r.kind === 'run')?.title).toBe('Logs of deploy #366');
		expect(logs!.sections).toEqual([{ anchor: 'step-2', title: 'Deploy', body: ['deploy failed'] }]);
	});
	it('gives search the first lines of each step’s log, and the lines a failed step’s page quotes as why, wherever they are', () => {
		const progress = Array.from({ length: 200 }, (_, i) => `2026-03-15T07:12:${String(i % 60).padStart(2, '0')}Z downloaded chunk ${i}`);
		const lines = ['$ npm test', ...progress, '\x1b[31mAssertionError: expected 2 to be 3\x1b[0m', 'Exited with code exit status 1'];
		const passed = { index: 1, name: 'Install', status: 'success' as const, lines: ['$ npm ci', ...progress], sections: [], marks: [] };
		const failed = { index: 2, name: 'Test', status: 'failed' as const, lines, sections: [], marks: [] };
		const record = searchRecords([pipeline!], [{ ...run, steps: [passed, failed] }], (p, j) => `/pipelines/${p.id}/jobs/${j.slug}/`).find((r) => r.kind === 'run')!;
		const [install, test] = record.sections!;
		expect(install!.body).toEqual(['$ npm ci', ...progress.slice(0, RECORD_LOG_HEAD - 1)]);
		expect(test!.body).toEqual(['$ npm test', ...progress.slice(0, RECORD_LOG_HEAD - 1), 'AssertionError: expected 2 to be 3']);
		// An error among the first lines is read once.
		const early = { ...failed, lines: ['$ npm test', 'TypeError: x is not a function', ...progress] };
		const once = searchRecords([pipeline!], [{ ...run, steps: [early] }], (p, j) => `/pipelines/${p.id}/jobs/${j.slug}/`).find((r) => r.kind === 'run')!;
		expect(once.sections![0]!.body).toEqual(early.lines.slice(0, RECORD_LOG_HEAD));
		// A run that passed: its steps' first lines only.
		const green = searchRecords([pipeline!], [{ ...run, status: 'success', steps: [{ ...failed, status: 'success' }] }], (p, j) => `/pipelines/${p.id}/jobs/${j.slug}/`).find((r) => r.kind === 'run')!;
		expect(green.sections![0]!.body).toEqual(['$ npm test', ...progress.slice(0, RECORD_LOG_HEAD - 1)]);
	});
	it('gives no record the address of a page, where it would take the page’s place in the index', () => {
		expect(records.map((r) => r.url).filter((url) => url.endsWith('/'))).toEqual([]);
	});
	it('gives each explanation the team wrote for steps one result, linking to the first step it explains and naming the jobs', () => {
		const place = { pipeline: pipeline!, within: 'deploy', step: 'Deploy', url: '/pipelines/shop/jobs/deploy/#step-1' };
		const explained = explanationRecords([
			{ title: 'How we deploy', text: ['It rolls back by itself.'], of: 'step', places: [place, { ...place, url: '/pipelines/shop/jobs/deploy/#step-2' }] },
			{ text: ['Explains nothing here.'], of: 'step', places: [] },
		]);
		expect(explained).toEqual([
			{
				kind: 'step',
				provider: 'CircleCI',
				pipeline: pipeline!.title,
				url: '/pipelines/shop/jobs/deploy/#step-1',
				title: 'How we deploy',
				body: ['It rolls back by itself.', "The team's explanation of 2 steps in 1 job: deploy."],
			},
		]);
	});
	it('names the pipeline of each job an explanation explains when they are in several, and counts the jobs past ten', () => {
		const second = { ...pipeline!, id: 'bank', title: 'Bank' };
		const places = [pipeline!, second].flatMap((p) => Array.from({ length: 6 }, (_, i) => ({ pipeline: p, within: `job-${i}`, step: 'Deploy', url: `/pipelines/${p.id}/jobs/j${i}/#step-1` })));
		const [record] = explanationRecords([{ text: [], of: 'step', places }]);
		expect(record).not.toHaveProperty('pipeline');
		// Both pipelines run on CircleCI: the CI filter still finds it.
		expect(record!.provider).toBe('CircleCI');
		expect(record!.title).toBe("Deploy: the team's explanation");
		expect(record!.body.at(-1)).toBe(
			"The team's explanation of 12 steps in 12 jobs: job-0 (Shop), job-1 (Shop), job-2 (Shop), job-3 (Shop), job-4 (Shop), job-5 (Shop), job-0 (Bank), job-1 (Bank), job-2 (Bank), job-3 (Bank) and 2 others.",
		);
		// Pipelines of other CIs: no CI filter either.
		const [mixed] = explanationRecords([{ text: [], of: 'step', places: [places[0]!, { ...places[6]!, pipeline: { ...second, provider: 'gitlab' } }] }]);
		expect(mixed).not.toHaveProperty('provider');
	});
	it('gives an explanation of a CI’s stage one result among the runs, linking to the stage in the first run', () => {
		const place = { pipeline: pipeline!, within: 'deploy #12', step: 'Spin up environment', url: '/pipelines/shop/runs/r12/#step-1' };
		const [record] = explanationRecords([{ title: 'Our executors', text: ['Docker, two cores.'], of: 'stage', places: [place, { ...place, within: 'deploy #13', url: '/pipelines/shop/runs/r13/#step-1' }] }]);
		expect(record).toMatchObject({ kind: 'run', url: '/pipelines/shop/runs/r12/#step-1', title: 'Our executors' });
		expect(record!.body.at(-1)).toBe("The team's explanation of 2 stages in 2 runs: deploy #12, deploy #13.");
	});
	it('never indexes a secret value, even one a config wrote in plain text', () => {
		expect(JSON.stringify(records)).not.toContain('planted-config-secret-1234');
		expect(records.find((r) => r.title === 'API_TOKEN')!.body.join(' ')).toMatch(/secret/);
	});
});

describe('recordHtml', () => {
	it('escapes titles and bodies and carries the filters as attributes', () => {
		const html = recordHtml(records.find((r) => r.kind === 'step')!);
		expect(html).toContain('<h1>Steps of deploy</h1>');
		expect(html).toContain('<h2 id="step-1">Deploy &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
		expect(html).not.toContain('<script>');
		expect(html).toContain('data-pagefind-filter="kind:step"');
		expect(html).toContain('data-pagefind-filter="provider:CircleCI"');
	});
	it('keeps a comma out of filter values, where pagefind would split them', () => {
		expect(filterValue('pipeline', 'Shop, web')).toBe('pipeline:Shop web');
	});
	it('keeps markup out of filter values, which pagefind’s UI shows as HTML after decoding every entity', () => {
		expect(filterValue('pipeline', '<img src=x onerror=alert(1)> & co')).toBe('pipeline:‹img src=x onerror=alert(1)› ＆ co');
		const html = recordHtml({ kind: 'step', url: '/x/', title: 't', body: [], pipeline: '<b>' });
		expect(html).toContain('data-pagefind-filter="pipeline:‹b›"');
	});

	it('keeps each text of a record short enough to download with every result, whole names and all', () => {
		const script = Array.from({ length: 3000 }, (_, i) => `echo step ${i} "$DEPLOY_KEY_${i % 3}"`).join('\n');
		const big = `version: 2.1
jobs:
  huge:
    docker: [{ image: cimg/base:2024.02 }]
    steps:
      - run:
          name: ${'Deploy every service '.repeat(30)}
          command: |
${script.split('\n').map((line) => `            ${line}`).join('\n')}
workflows:
  main:
    jobs: [huge]
`;
		const [p] = assembleFolder({ group: 'big', displayPrefix: 'big/', files: [{ path: '.circleci/config.yml', text: big }] });
		const longLine = 'x'.repeat(100_000);
		const bigRun: Run = { ...run, id: 'r2', pipelineId: p!.id, steps: [{ ...run.steps[0]!, lines: [longLine, ...Array.from({ length: 100 }, (_, i) => `line ${i}`)] }] };
		const found = searchRecords([p!], [bigRun], (q, j) => `/pipelines/${q.id}/jobs/${j.slug}/`);
		const section = found.find((r) => r.kind === 'step')!.sections![0]!;
		// A step's title and its command are cut, each with "…".
		expect(section.title.length).toBe(MAX_RECORD_TITLE + 1);
		expect(section.title.endsWith('…')).toBe(true);
		expect(section.body[0]!.length).toBe(MAX_RECORD_TEXT + 1);
		expect(section.body[0]!.startsWith('echo step 0')).toBe(true);
		// The names the whole command reads, from all of it.
		expect(section.body).toContain('Reads DEPLOY_KEY_0 DEPLOY_KEY_1 DEPLOY_KEY_2');
		const logs = found.find((r) => r.kind === 'run')!.sections![0]!.body;
		expect(logs).toHaveLength(RECORD_LOG_HEAD);
		expect(logs[0]!.length).toBe(MAX_RECORD_LINE + 1);
		expect(JSON.stringify(found).length).toBeLessThan(200_000);
	});

	it('cuts a text without splitting a character made of two code units', () => {
		expect(clip('ab😀cd', 3)).toBe('ab…');
		expect(clip('ab😀cd', 4)).toBe('ab😀…');
		expect(clip('short', 10)).toBe('short');
	});
});
