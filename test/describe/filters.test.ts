import { describe, expect, it } from 'vitest';
import { conditionInWords, describeFilters, describeRefFilter, describeTrigger } from '../../src/describe/filters';
import type { Filters } from '../../src/model';

const at = { file: 'f.yml', line: 1, column: 1 };
const regex = (value: string) => ({ kind: 'regex' as const, value });
const exact = (value: string) => ({ kind: 'exact' as const, value });
const glob = (value: string) => ({ kind: 'glob' as const, value });

describe('describeRefFilter', () => {
	it('says "no branch" when every branch is ignored', () => {
		expect(describeRefFilter({ ignore: [regex('.*')] }, 'branch', 'all')).toBe('no branch');
	});
	it('names the only branch', () => {
		expect(describeRefFilter({ only: [exact('master')] }, 'branch', 'all')).toBe('branch “master”');
	});
	it('lists several patterns', () => {
		expect(describeRefFilter({ only: [exact('main'), regex('release/.*')] }, 'branch', 'all')).toBe(
			'branches “main” or matching /release/.*/',
		);
	});
	it('names a glob without wildcards as the one name it matches', () => {
		expect(describeRefFilter({ only: [glob('main'), glob('releases/**')] }, 'branch', 'all')).toBe('branches “main” or matching releases/**');
		expect(describeRefFilter({ only: [glob('v[12]')] }, 'tag', 'all')).toBe('tag matching v[12]');
	});
	it('uses the CI default when there is no filter', () => {
		expect(describeRefFilter(undefined, 'tag', 'none')).toBe('no tag');
		expect(describeRefFilter(undefined, 'branch', 'all')).toBe('every branch');
	});
});

describe('describeFilters (CircleCI semantics)', () => {
	it('a job without filters runs on every branch and no tag', () => {
		expect(describeFilters(undefined, 'circleci')).toBe('Runs for every branch; not for tags.');
	});
	it('titus push-containers: master only, tags ignored', () => {
		const filters: Filters = { branches: { only: [exact('master')] }, tags: { ignore: [regex('.*')] }, location: at };
		expect(describeFilters(filters, 'circleci')).toBe('Runs for branch “master”; not for tags.');
	});
	it('titus release-production: version tags only', () => {
		const filters: Filters = { branches: { ignore: [regex('.*')] }, tags: { only: [regex('v[0-9]+(\\.[0-9]+).*')] }, location: at };
		expect(describeFilters(filters, 'circleci')).toBe('Runs for tag matching /v[0-9]+(\\.[0-9]+).*/ only; not for branch pushes.');
	});
	it('says which changed files make it run', () => {
		const paths = (filter: Filters['paths']) => describeFilters({ paths: filter, location: at }, 'github-actions', 'trigger').replace('Runs for every branch and every tag, ', '');
		expect(paths({ only: [glob('src/**'), glob('package.json')] })).toBe('when a changed file matches src/**, package.json.');
		expect(paths({ ignore: [glob('docs/**'), glob('*.md')] })).toBe('unless every changed file matches docs/**, *.md.');
		expect(paths({ only: [glob('src/**')], ignore: [glob('src/docs/**')] })).toBe('when a changed file matches src/** and not src/docs/**.');
		expect(paths({ ignore: [glob('**')] })).toBe('but never: its path filter excludes every file.');
	});
	it('keeps expression filters verbatim', () => {
		expect(describeFilters({ expression: 'pipeline.git.branch == "main"', location: at }, 'circleci')).toContain('`pipeline.git.branch == "main"`');
	});
});

describe('describeFilters (GitHub, GitLab and the others)', () => {
	it('says a job with no ref filter of its own runs whenever its workflow does, not for every branch and tag', () => {
		expect(describeFilters(undefined, 'github-actions')).toBe('Runs whenever its workflow runs.');
		expect(describeFilters(undefined, 'gitlab')).toBe('Runs whenever its pipeline runs.');
		expect(describeFilters({ expression: "github.ref == 'refs/heads/main'", location: at }, 'github-actions')).toBe("Runs when `github.ref == 'refs/heads/main'`.");
	});

	it('reads a push filter of branches alone as no tag, and of tags alone as no branch, as whatRuns does', () => {
		expect(describeFilters({ branches: { only: [glob('main')] }, location: at }, 'github-actions', 'trigger')).toBe('Runs for branch “main”; not for tags.');
		expect(describeFilters({ tags: { only: [glob('v*')] }, location: at }, 'github-actions', 'trigger')).toBe('Runs for tag matching v* only; not for branch pushes.');
		expect(describeFilters({ branches: { only: [glob('main')] }, tags: { only: [glob('v*')] }, location: at }, 'github-actions', 'trigger')).toBe('Runs for branch “main” and tag matching v*.');
		expect(describeFilters({ paths: { ignore: [glob('docs/**')] }, location: at }, 'github-actions', 'trigger')).toBe('Runs for every branch and every tag, unless every changed file matches docs/**.');
	});
});

describe('describeTrigger', () => {
	it('says which branches a pull request targets, not which tags', () => {
		expect(describeTrigger({ event: 'pull_request', filters: { paths: { ignore: [glob('docs/**')] }, location: at }, location: at }, 'github-actions')).toBe(
			'Starts on a pull request — runs for pull requests into any branch, unless every changed file matches docs/**.',
		);
		expect(describeTrigger({ event: 'pull_request', filters: { branches: { only: [glob('main')] }, location: at }, location: at }, 'github-actions')).toBe(
			'Starts on a pull request — runs for pull requests into branch “main”.',
		);
		expect(describeTrigger({ event: 'push', filters: { branches: { only: [glob('main')] }, location: at }, location: at }, 'github-actions')).toBe('Starts on a push — runs for branch “main”; not for tags.');
		expect(describeTrigger({ event: 'push', filters: { branches: { only: [glob('main')] }, paths: { ignore: [glob('docs/**')] }, location: at }, location: at }, 'github-actions')).toBe(
			'Starts on a push — runs for branch “main”, unless every changed file matches docs/**; not for tags.',
		);
	});

	it('names the activity types that start it', () => {
		expect(describeTrigger({ event: 'pull_request', types: ['opened', 'synchronize'], location: at }, 'github-actions')).toBe('Starts on a pull request (types: opened, synchronize).');
		expect(describeTrigger({ event: 'other', name: 'release', types: ['published'], location: at }, 'github-actions')).toBe('Starts on another event (release; types: published).');
	});

	it('names the workflows whose runs start it', () => {
		expect(describeTrigger({ event: 'other', name: 'workflow_run', afterWorkflows: ['Fork PR Gate', 'Build'], types: ['completed'], location: at }, 'github-actions')).toBe(
			'Starts after a run of “Fork PR Gate” or “Build” (workflow_run; types: completed).',
		);
	});

	it('shows the cron of a schedule', () => {
		expect(describeTrigger({ event: 'schedule', cron: '0 3 * * *', location: at }, 'circleci')).toBe('Starts on the schedule `0 3 * * *`.');
	});
});

describe('conditionInWords', () => {
	it("says Heroku's conditions are sentences, and every other CI's expressions", () => {
		expect(conditionInWords('heroku')).toBe(true);
		for (const provider of ['circleci', 'github-actions', 'gitlab', 'bitbucket'] as const) expect(conditionInWords(provider)).toBe(false);
	});
});
