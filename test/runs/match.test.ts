import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../src/ingest/assemble';
import type { RunStep } from '../../src/model';
import { matchJob, matchSteps, matchTarget } from '../../src/runs/match';

const circleci = `version: 2.1
orbs:
  python: circleci/python@2.1.1
jobs:
  run_tests:
    docker: [{ image: cimg/python:3.12 }]
    steps:
      - checkout
      - python/install-packages:
          pkg-manager: pipenv
      - run:
          name: Run tests
          command: pipenv run pytest
      - store_test_results:
          path: test-results
workflows:
  main:
    jobs:
      - run_tests:
          name: tests-py312
`;
const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: '.circleci/config.yml', text: circleci }] });
const job = pipeline!.jobs[0]!;
const step = (index: number, name: string, extra: Partial<RunStep> = {}): RunStep => ({ index, name, status: 'success', lines: [], sections: [], marks: [], ...extra });

describe('matchJob', () => {
	it('finds the job by the workflow name it ran under, or by its own id', () => {
		expect(matchJob({ job: 'tests-py312', workflow: 'main' }, pipeline!)?.id).toBe('run_tests');
		expect(matchJob({ job: 'run_tests' }, pipeline!)?.id).toBe('run_tests');
		expect(matchJob({ job: 'deploy' }, pipeline!)).toBeUndefined();
	});
});

describe('matchSteps', () => {
	const run = [
		step(1, 'Spin up environment', { builtin: 'spin-up' }),
		step(2, 'Preparing environment variables', { builtin: 'environment' }),
		step(3, 'Checkout code'),
		step(4, 'Link lockfile'),
		step(5, 'Restoring cache'),
		step(6, 'Install dependencies with pipenv'),
		step(7, 'Saving cache'),
		step(8, 'Run tests'),
		step(9, 'Uploading test results'),
	];
	const matched = matchSteps(run, { job }).map((s) => s.matchedStepId);
	it('leaves the CI’s own stages unmatched', () => {
		expect(matched.slice(0, 2)).toEqual([undefined, undefined]);
	});
	it('matches built-in steps by the label the CI gives them, and run steps by name', () => {
		expect(matched[2]).toBe('1');
		expect(matched[7]).toBe('3');
		expect(matched[8]).toBe('4');
	});
	it('gives the steps an unexpanded orb command ran to that command', () => {
		expect(matched.slice(3, 7)).toEqual(['2', '2', '2', '2']);
	});
	it('never matches backwards: a repeated name after its step stays unmatched', () => {
		const again = matchSteps([step(1, 'Run tests'), step(2, 'Checkout code')], { job }).map((s) => s.matchedStepId);
		expect(again).toEqual(['3', undefined]);
	});
});

/** The one job of a GitHub workflow with these steps (YAML list items, four spaces in), as the provider reads it. */
function githubJob(steps: string) {
	const text = `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
	return assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.github/workflows/ci.yml', text }] })[0]!.jobs[0]!;
}

describe('matchSteps on GitHub names', () => {
	it('reads archive file names that lost their slashes, and post steps belong to their step', () => {
		const lint = githubJob(`    - uses: actions/checkout@v4
    - name: ESLint
      run: npm run lint
`);
		const got = matchSteps([step(1, 'Set up job', { builtin: 'set-up-job' }), step(2, 'Run actionscheckout@v4'), step(3, 'ESLint'), step(4, 'Post Run actions/checkout@v4', { builtin: 'post-job' })], { job: lint });
		expect(got.map((s) => s.matchedStepId)).toEqual([undefined, '1', '2', '1']);
		expect(matchSteps([step(1, 'Post Run actionscheckout@v4', { builtin: 'post-job' })], { job: lint })[0]!.name).toBe('Post Run actions/checkout@v4');
	});
});

describe('matchSteps on post steps', () => {
	const build = githubJob(`    - uses: actions/checkout@v4
    - uses: actions/cache@v4
      with: { path: ~/.npm, key: npm }
    - uses: actions/cache@v4
      continue-on-error: true
      with: { path: .next/cache, key: next }
    - if: false
      uses: actions/cache@v4
      with: { path: dist, key: dist }
    - run: npm run build
`);
	it('gives post steps, which run last first, to the steps that ran, latest first', () => {
		const cache = 'Run actions/cache@v4';
		const run = [step(1, 'Run actions/checkout@v4'), step(2, cache), step(3, cache), step(4, 'Run npm run build'), step(5, `Post ${cache}`), step(6, `Post ${cache}`), step(7, 'Post Run actions/checkout@v4')];
		const got = matchSteps(run, { job: build });
		const ids = build.steps.map((s) => s.id);
		// The third cache step did not run (its \`if\`): it has no post step to take.
		expect(got.map((s) => s.matchedStepId)).toEqual([ids[0], ids[1], ids[2], ids[4], ids[2], ids[1], ids[0]]);
		expect(build.steps[2]!.allowFailure).toBe(true);
		// With step debugging the log lists the skipped step too: it still takes no post step.
		const listed = [...run.slice(0, 3), step(4, cache, { status: 'skipped' }), ...run.slice(3).map((s) => ({ ...s, index: s.index + 1 }))];
		expect(matchSteps(listed, { job: build }).map((s) => s.matchedStepId)).toEqual([ids[0], ids[1], ids[2], ids[3], ids[4], ids[2], ids[1], ids[0]]);
		// The second cache step's log missing: the first post is still the first cache step's, and
		// the other goes to a cache step without one, not to the first a second time.
		const posts = matchSteps([run[0]!, run[1]!, ...run.slice(3)], { job: build }).slice(3, 5).map((s) => s.matchedStepId);
		expect(posts[0]).toBe(ids[1]);
		expect(posts[1]).not.toBe(ids[1]);
	});
});

describe('matchSteps on a very long run', () => {
	it('matches 100,000 steps, gaps between matches included (searching both ways from every gap was quadratic: minutes)', () => {
		const run = Array.from({ length: 100_000 }, (_, i) => step(i + 1, i % 2 === 0 ? 'Post Run tests' : `mystery ${i}`));
		const matched = matchSteps(run, { job });
		expect(matched).toHaveLength(100_000);
		expect(matched[0]!.matchedStepId).toBe(job.steps.find((s) => s.name === 'Run tests')!.id);
		expect(matched.filter((s) => s.matchedStepId !== undefined).length).toBeGreaterThanOrEqual(50_000);
	});
});

describe('a workflow entry’s pre-steps and post-steps', () => {
	const config = `version: 2.1
jobs:
  deploy:
    docker: [{ image: cimg/base:2024.02 }]
    steps:
      - checkout
      - run: { name: Deploy, command: ./deploy.sh }
workflows:
  release:
    jobs:
      - deploy:
          name: deploy-production
          pre-steps:
            - run: { name: Announce the release, command: ./announce.sh }
          post-steps:
            - run: { name: Tell the channel, command: ./notify.sh }
      - deploy:
          name: deploy-staging
`;
	const [p] = assembleFolder({ group: 'r', displayPrefix: 'r/', files: [{ path: '.circleci/config.yml', text: config }] });
	const run = [step(1, 'Spin up environment', { builtin: 'spin-up' }), step(2, 'Announce the release'), step(3, 'Checkout code'), step(4, 'Deploy'), step(5, 'Tell the channel')];

	it('are matched in a run of the entry that adds them, in the order they ran', () => {
		const target = matchTarget({ job: 'deploy-production', workflow: 'release' }, p!);
		expect(target?.job.id).toBe('deploy');
		expect(target?.entry?.entry.id).toBe('deploy-production');
		expect(matchSteps(run, target!).map((s) => s.matchedStepId)).toEqual([undefined, 'pre-1', '1', '2', 'post-1']);
	});

	it('are not a step of another entry of the same job', () => {
		const target = matchTarget({ job: 'deploy-staging', workflow: 'release' }, p!);
		expect(target?.entry?.entry.id).toBe('deploy-staging');
		expect(matchSteps(run, target!).map((s) => s.matchedStepId)).toEqual([undefined, undefined, '1', '2', undefined]);
	});
});

describe('matchSteps on GitLab', () => {
	const gitlabJob = (artifacts: string) => {
		const text = `test:\n  script: go test ./...\n  artifacts:\n${artifacts}`;
		const [p] = assembleFolder({ group: 'g', displayPrefix: 'g/', files: [{ path: '.gitlab-ci.yml', text }] });
		return p!.jobs[0]!;
	};
	const stages = [step(1, 'Executing "step_script" stage of the job script'), step(2, 'Uploading artifacts for successful job', { builtin: 'upload-artifacts' })];
	const kindOf = (job: ReturnType<typeof gitlabJob>) => matchSteps(stages, { job }).map((s) => job.steps.find((c) => c.id === s.matchedStepId)?.kind);

	it('gives the runner’s artifacts stage to the JUnit reports when they are all the job uploads', () => {
		expect(kindOf(gitlabJob('    reports:\n      junit: report.xml\n'))).toEqual(['run', 'test-results']);
	});
	it('gives it to the artifacts when the job has both', () => {
		expect(kindOf(gitlabJob('    paths: [bin/]\n    reports:\n      junit: report.xml\n'))).toEqual(['run', 'artifacts']);
	});
});
