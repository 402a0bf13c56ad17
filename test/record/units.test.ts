import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/redact/redact';
import { extractArchive, safeEntryPath } from '../../src/record/archive';
import { circleciOutputs, circleciUnfinished, circleciUrls } from '../../src/record/circleci';
import { RecordError } from '../../src/record/errors';
import { describeFailure } from '../../src/record/failures';
import { archiveFiles, githubUnfinished, githubUrls, mergeJobPages } from '../../src/record/github';
import { gitlabUnfinished, gitlabUrls } from '../../src/record/gitlab';
import { checkedUrl } from '../../src/record/http';
import { redactRecording } from '../../src/record/redact-recording';
import { CI_APIS, defaultPipelineId, parseTarget, runFolderName, type Target } from '../../src/record/targets';

const target = (ci: string, project: string, run: string): Target => {
	const parsed = parseTarget(ci, project, run);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.target;
};

describe('targets', () => {
	it('parses each CI, names the run folder and the default pipeline', () => {
		const circle = target('circleci', 'gh/octo/atlas', '5120');
		expect([runFolderName(circle), defaultPipelineId(circle)]).toEqual(['circleci-5120', 'atlas']);
		const github = target('github', 'octo/atlas', '9087654321');
		expect([runFolderName(github), defaultPipelineId(github)]).toEqual(['github-9087654321', 'atlas']);
		expect(defaultPipelineId(target('gitlab', 'group%2Fsub%2Fatlas', '7'))).toBe('atlas');
		expect(defaultPipelineId(target('gitlab', '5550001', '7'))).toBeUndefined();
	});

	it.each([
		['circleci', 'gh/octo/../x', '1'],
		['circleci', 'gh/octo/atlas', '1.5'],
		['github', 'octo/atlas/extra', '1'],
		['github', 'octo/atlas', '0'],
		['gitlab', 'group/../atlas', '1'],
		['gitlab', '%E0%A4%A', '1'],
		['travis', 'a/b', '1'],
	])('rejects %s %s %s', (ci, project, run) => {
		expect(parseTarget(ci, project, run)).toHaveProperty('error');
	});

	it('builds the API URLs, encoding what it must', () => {
		const circle = circleciUrls(target('circleci', 'gh/octo/atlas', '5') as never, 'https://circleci.com');
		expect([circle.job, circle.build, circle.workflow('8e0f/..')]).toEqual([
			'https://circleci.com/api/v2/project/gh/octo/atlas/job/5',
			'https://circleci.com/api/v1.1/project/github/octo/atlas/5',
			'https://circleci.com/api/v2/workflow/8e0f%2F..',
		]);
		expect(circleciUrls(target('circleci', 'bb/octo/atlas', '5') as never, 'https://x').build).toBe('https://x/api/v1.1/project/bitbucket/octo/atlas/5');
		const gh = githubUrls(target('github', 'octo/atlas', '9') as never, 'https://ghe.example.com/api/v3');
		expect([gh.run, gh.jobs(2), gh.logs]).toEqual([
			'https://ghe.example.com/api/v3/repos/octo/atlas/actions/runs/9',
			'https://ghe.example.com/api/v3/repos/octo/atlas/actions/runs/9/jobs?per_page=100&page=2',
			'https://ghe.example.com/api/v3/repos/octo/atlas/actions/runs/9/logs',
		]);
		expect(gitlabUrls(target('gitlab', 'group/sub/atlas', '7') as never, 'https://gitlab.com').trace).toBe('https://gitlab.com/api/v4/projects/group%2Fsub%2Fatlas/jobs/7/trace');
	});
});

describe('finished or not', () => {
	it('tells an unfinished run by each CI status', () => {
		expect(githubUnfinished({ status: 'queued' })).toBe('queued');
		expect(githubUnfinished({ status: 'completed', conclusion: 'failure' })).toBeUndefined();
		expect(gitlabUnfinished({ status: 'pending' })).toBe('pending');
		expect(gitlabUnfinished({ status: 'manual' })).toBe('manual');
		expect(gitlabUnfinished({ status: 'canceled' })).toBeUndefined();
		expect(circleciUnfinished({ status: 'queued' })).toBe('queued');
		expect(circleciUnfinished({ status: 'success' }, { lifecycle: 'running' })).toBe('running');
		expect(circleciUnfinished({ status: 'not_run' }, { lifecycle: 'not_run' })).toBeUndefined();
		expect(circleciUnfinished({ status: 'failed' }, { lifecycle: 'finished' })).toBeUndefined();
	});
});

describe('conversions', () => {
	it('lists CircleCI outputs by step and container index, skipping actions without output', () => {
		const build = {
			steps: [
				{ name: 'Spin up environment', actions: [{ index: 0, output_url: 'https://s3/a' }, { index: 1, output_url: 'https://s3/b' }] },
				{ name: 'Restoring cache', actions: [{ index: 0, has_output: false }] },
				{ name: 'Tests', actions: [{ index: 2, output_url: 'https://s3/c' }] },
			],
		};
		expect(circleciOutputs(build).map((o) => [o.path, o.url])).toEqual([
			['output-0-0.json', 'https://s3/a'],
			['output-0-1.json', 'https://s3/b'],
			['output-2-2.json', 'https://s3/c'],
		]);
		expect(circleciOutputs({ steps: 'nonsense' })).toEqual([]);
	});

	it('merges pages of GitHub jobs into the shape of one', () => {
		expect(mergeJobPages([{ total_count: 3, jobs: [1, 2] }, { total_count: 3, jobs: [3] }])).toEqual({ total_count: 3, jobs: [1, 2, 3] });
	});

	it('redacts every file with values gathered from all of them, paths included', () => {
		const saved = redactRecording(
			[
				{ path: 'output-1-0.json', json: [{ message: '  DEPLOY_PASSWORD=from-another-file\r\n' }] },
				{ path: 'trace.log', bytes: strToU8('login with from-another-file and the-token-value ***\n') },
				{ path: 'build/2_Use the-token-value.txt', bytes: strToU8('\uFEFFok\n') },
				{ path: 'job.json', json: { variables: [{ key: 'X', SENTRY_DSN: 'https://key@sentry.example/1' }], note: 'dsn https://key@sentry.example/1' } },
			],
			{ secrets: ['the-token-value'], ciMasks: 'github' },
		);
		const decoded = saved.map((f) => [f.path, new TextDecoder('utf-8', { ignoreBOM: true }).decode(f.bytes)]);
		expect(decoded).toEqual([
			['output-1-0.json', `[\n\t{\n\t\t"message": "  DEPLOY_PASSWORD=${REDACTED}\\r\\n"\n\t}\n]\n`],
			['trace.log', `login with ${REDACTED} and ${REDACTED} ${REDACTED}\n`],
			[`build/2_Use ${REDACTED}.txt`, '\uFEFFok\n'],
			['job.json', `{\n\t"variables": [\n\t\t{\n\t\t\t"key": "X",\n\t\t\t"SENTRY_DSN": "${REDACTED}"\n\t\t}\n\t],\n\t"note": "dsn ${REDACTED}"\n}\n`],
		]);
	});
});

describe('logs archive', () => {
	it.each(['../x.txt', 'a/../../x.txt', '/etc/passwd', 'C:/x.txt', 'a\\..\\x.txt', 'a/\u0000.txt', '..', ''])('refuses the path %j', (name) => {
		expect(safeEntryPath(name)).toBeUndefined();
	});

	it('keeps ordinary names, normalising empty and `.` segments', () => {
		expect(safeEntryPath('build/3_Run actions_checkout@v4.txt')).toBe('build/3_Run actions_checkout@v4.txt');
		expect(safeEntryPath('./build//1_Set up job.txt')).toBe('build/1_Set up job.txt');
		expect(safeEntryPath('test (ubuntu-latest, 20)/1_x..y.txt')).toBe('test (ubuntu-latest, 20)/1_x..y.txt');
	});

	it('extracts files in their layout and refuses zip-slip, too many entries or too many bytes', () => {
		const zip = zipSync({ '1_build.txt': strToU8('all'), build: { '1_Set up job.txt': strToU8('one') } });
		expect([...extractArchive(zip)].map(([p, b]) => [p, new TextDecoder().decode(b)])).toEqual([
			['1_build.txt', 'all'],
			['build/1_Set up job.txt', 'one'],
		]);
		expect(() => extractArchive(zipSync({ 'ok.txt': strToU8('x'), '../evil.txt': strToU8('x') }))).toThrow(/unsafe path/);
		expect(() => extractArchive(zipSync({ a: strToU8('1'), b: strToU8('2'), c: strToU8('3') }), { entries: 2, bytes: 1e6 })).toThrow(/more than 2 files/);
		const bomb = zipSync({ 'big.txt': new Uint8Array(1_000_000) }, { level: 9 });
		expect(bomb.length).toBeLessThan(10_000);
		expect(() => extractArchive(bomb, { entries: 10, bytes: 100_000 })).toThrow(/unpacks to more than/);
		expect(() => extractArchive(strToU8('not a zip'))).toThrow(RecordError);
		expect(() => archiveFiles(zipSync({ 'run.json': strToU8('{}') }))).toThrow(/run.json/);
	});
});

describe('http', () => {
	it('allows https anywhere and plain http only to this machine', () => {
		expect(checkedUrl('https://api.github.com/x', 'x').host).toBe('api.github.com');
		expect(checkedUrl('http://127.0.0.1:8080/x', 'x').port).toBe('8080');
		expect(checkedUrl('http://localhost/x', 'x').hostname).toBe('localhost');
		expect(() => checkedUrl('http://gitlab.example.com', 'x')).toThrow(/only https/);
		expect(() => checkedUrl('file:///etc/passwd', 'x')).toThrow(RecordError);
		expect(() => checkedUrl('not a url', 'x')).toThrow(/not a URL/);
	});

	it('describes failures with what to do', () => {
		const f = (status: number, headers: Record<string, string> = {}) =>
			describeFailure(CI_APIS.gitlab, { status, statusText: '', headers: new Headers(headers), what: 'the job', arguments: 'the project p and job id 1' }, 0).message;
		expect(f(401)).toMatch(/GitLab rejected the token in GITLAB_TOKEN .* read_api/);
		expect(f(403)).toMatch(/refused access .* lacks a permission/);
		expect(f(404)).toMatch(/could not find the job \(HTTP 404\): check the project p and job id 1/);
		expect(f(429, { 'retry-after': '30' })).toMatch(/rate limit reached .* try again in 30 s/);
		expect(f(410)).toMatch(/no longer keeps/);
		expect(f(502)).toMatch(/HTTP 502.*try again later/);
	});
});
