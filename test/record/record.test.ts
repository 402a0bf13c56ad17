import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { record } from '../../src/cli/record';
import { fake } from '../redact/fakes';
import {
	circleciBuild,
	circleciJob,
	circleciOutputs,
	circleciWorkflow,
	githubArchive,
	githubJobs,
	githubRun,
	githubStepLogs,
	gitlabJob,
	gitlabTrace,
	hidden,
	planted,
	tokens,
	type Shown,
} from './fixtures';
import { json, replayServer, type ReplayServer, type Reply, type SeenRequest } from './server';

let dir: string;
let pipelines: string;
let api: ReplayServer;
let storage: ReplayServer;
/** Answers of the API server for the test running, by path. */
let routes: Record<string, Reply> = {};
/** The credentials header the API expects, as the CI checks it: anything else is answered 401. */
let auth: { header: string; value: string } | undefined;
let output: { stdout: string; stderr: string };

beforeAll(async () => {
	storage = await replayServer((req) => routes[`storage:${req.path.split('?')[0]}`]);
	api = await replayServer((req) => {
		if (auth && req.headers[auth.header] !== auth.value) return json({ message: 'Bad credentials' }, 401);
		return routes[req.path];
	});
});
afterAll(async () => {
	await api.close();
	await storage.close();
});
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'atlas-record-'));
	pipelines = join(dir, 'pipelines');
	await mkdir(join(pipelines, 'atlas'), { recursive: true });
	api.requests.length = 0;
	storage.requests.length = 0;
	output = { stdout: '', stderr: '' };
	vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (output.stdout += `${a.join(' ')}\n`));
	vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (output.stderr += `${a.join(' ')}\n`));
});
afterEach(async () => {
	vi.restoreAllMocks();
	await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string>, extra: { force?: boolean; pipeline?: string } = {}): Promise<number> {
	return await record(args, { pipelines, api: api.url, ...extra }, { env });
}

async function filesUnder(root: string): Promise<string[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
		.sort();
}

/** Every byte of every file under the pipelines folder, searched for each secret and the token's encodings. */
async function expectNoSecrets(secrets: Shown): Promise<void> {
	const values = [secrets.token, secrets.masked, secrets.envValue, secrets.aws, secrets.awsSecret, secrets.jwt, secrets.presigned, fake.awsTempKeyId];
	const encoded = [Buffer.from(secrets.token).toString('base64').slice(0, 24), encodeURIComponent(secrets.token)];
	for (const file of await filesUnder(pipelines)) {
		const bytes = await readFile(join(pipelines, file));
		for (const value of [...values, ...encoded]) expect(bytes.includes(Buffer.from(value)), `${value} in ${file}`).toBe(false);
	}
	expect(output.stdout + output.stderr).not.toContain(secrets.token);
}

function authOf(requests: SeenRequest[], header: string): (string | string[] | undefined)[] {
	return requests.map((r) => r.headers[header]);
}

const text = (value: unknown) => `${JSON.stringify(value, null, '\t')}\n`;

describe('record github', () => {
	const base = '/repos/octo/atlas/actions/runs/9087654321';
	const secrets = planted(tokens.github, '***');
	const env = { GITHUB_TOKEN: tokens.github };
	const folder = () => join(pipelines, 'atlas', 'runs', 'github-9087654321');

	beforeEach(() => {
		auth = { header: 'authorization', value: `Bearer ${tokens.github}` };
		routes = {
			[base]: json(githubRun),
			[`${base}/jobs?per_page=100&page=1`]: json(githubJobs),
			[`${base}/logs`]: { status: 302, headers: { location: `${storage.url}/blob/logs.zip?sv=2021-08-06&sig=${secrets.presigned}` } },
			'storage:/blob/logs.zip': { headers: { 'content-type': 'application/zip' }, body: githubArchive(secrets) },
		};
	});

	it('saves run.json, jobs.json and the logs archive in its own layout, redacted byte for byte', async () => {
		expect(await run(['github', 'octo/atlas', '9087654321'], env), output.stderr).toBe(0);
		const logs = githubStepLogs(hidden);
		expect(await filesUnder(folder())).toEqual([...Object.keys(logs), 'jobs.json', 'run.json'].sort());
		for (const [name, expected] of Object.entries(logs)) {
			expect((await readFile(join(folder(), name))).equals(Buffer.from(expected, 'utf8')), name).toBe(true);
		}
		expect(await readFile(join(folder(), 'run.json'), 'utf8')).toBe(text(githubRun));
		expect(await readFile(join(folder(), 'jobs.json'), 'utf8')).toBe(text(githubJobs));
		expect(output.stdout).toMatch(/recorded GitHub run 9087654321 of octo\/atlas into .*github-9087654321 \(6 files, secrets redacted\)/);
		await expectNoSecrets(secrets);
	});

	it('sends the token to the API only, never to the storage the logs redirect to', async () => {
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(0);
		expect(authOf(api.requests, 'authorization')).toEqual([`Bearer ${tokens.github}`, `Bearer ${tokens.github}`, `Bearer ${tokens.github}`]);
		expect(storage.requests).toHaveLength(1);
		expect(storage.requests[0]!.headers.authorization).toBeUndefined();
	});

	it('refuses to overwrite an earlier recording unless --force', async () => {
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(0);
		const before = await readFile(join(folder(), 'run.json'), 'utf8');
		routes[base] = json({ ...githubRun, display_title: 'changed' });
		const requests = api.requests.length;
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(1);
		expect(output.stderr).toMatch(/github-9087654321 already exists.*Pass --force to replace it/);
		expect(api.requests).toHaveLength(requests);
		expect(await readFile(join(folder(), 'run.json'), 'utf8')).toBe(before);
		expect(await run(['github', 'octo/atlas', '9087654321'], env, { force: true })).toBe(0);
		expect(await readFile(join(folder(), 'run.json'), 'utf8')).toContain('changed');
		expect((await readdir(join(pipelines, 'atlas', 'runs'))).sort()).toEqual(['github-9087654321']);
	});

	it('explains a rejected token (401) without printing it, and writes nothing', async () => {
		const wrong = fake.githubServer;
		expect(await run(['github', 'octo/atlas', '9087654321'], { GITHUB_TOKEN: wrong })).toBe(1);
		expect(output.stderr).toContain('GitHub rejected the token in GITHUB_TOKEN');
		expect(output.stderr).toContain('HTTP 401');
		expect(output.stderr).toMatch(/To fix: .*GITHUB_TOKEN/);
		expect(output.stderr + output.stdout).not.toContain(wrong);
		expect(await filesUnder(pipelines)).toEqual([]);
	});

	it('refuses a run that has not completed', async () => {
		routes[base] = json({ ...githubRun, status: 'in_progress', conclusion: null });
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(1);
		expect(output.stderr).toMatch(/GitHub run 9087654321 is in_progress: record it once it has completed/);
		expect(api.requests).toHaveLength(1);
		expect(await filesUnder(pipelines)).toEqual([]);
	});

	it('asks for the token when GITHUB_TOKEN is not set, before any request', async () => {
		expect(await run(['github', 'octo/atlas', '9087654321'], {})).toBe(1);
		expect(output.stderr).toMatch(/GITHUB_TOKEN is not set: .*environment only/);
		expect(await run(['github', 'octo/atlas', '9087654321'], { GITHUB_TOKEN: `${tokens.github}\nX-Injected: 1` })).toBe(1);
		expect(output.stderr).toContain('GITHUB_TOKEN holds spaces or control characters');
		expect(output.stderr).not.toContain(tokens.github);
		expect(api.requests).toHaveLength(0);
	});

	it('explains a missing run (404) and a rate limit', async () => {
		expect(await run(['github', 'octo/atlas', '1234'], env)).toBe(1);
		expect(output.stderr).toMatch(/could not find the workflow run .*HTTP 404.*check the repository octo\/atlas and run id 1234/);
		const reset = Math.floor(Date.now() / 1000) + 600;
		routes[base] = { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: '{"message":"API rate limit exceeded"}' };
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(1);
		expect(output.stderr).toContain(`GitHub rate limit reached fetching the workflow run`);
		expect(output.stderr).toContain(`(HTTP 403 Forbidden): try again after ${new Date(reset * 1000).toISOString()}`);
	});

	it('refuses a logs archive with a path leaving the folder', async () => {
		const { zipSync, strToU8 } = await import('fflate');
		routes['storage:/blob/logs.zip'] = { body: zipSync({ 'build/1_ok.txt': strToU8('ok'), '../../escaped.txt': strToU8('x') }) };
		expect(await run(['github', 'octo/atlas', '9087654321'], env)).toBe(1);
		expect(output.stderr).toContain('unsafe path "../../escaped.txt"');
		expect(await filesUnder(dir)).toEqual([]);
	});
});

describe('record gitlab', () => {
	const secrets = planted(tokens.gitlab, '[MASKED]');
	const env = { GITLAB_TOKEN: tokens.gitlab };
	const jobPath = '/api/v4/projects/group%2Fatlas/jobs/7011223344';

	beforeEach(() => {
		auth = { header: 'private-token', value: tokens.gitlab };
		routes = {
			[jobPath]: json(gitlabJob()),
			[`${jobPath}/trace`]: { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: gitlabTrace(secrets) },
		};
	});

	it('saves job.json and trace.log, redacted byte for byte, with the PRIVATE-TOKEN header', async () => {
		expect(await record(['gitlab', 'group/atlas', '7011223344'], { pipelines, api: `${api.url}/api/v4/` }, { env }), output.stderr).toBe(0);
		const folder = join(pipelines, 'atlas', 'runs', 'gitlab-7011223344');
		expect(await filesUnder(folder)).toEqual(['job.json', 'trace.log']);
		expect((await readFile(join(folder, 'trace.log'))).equals(Buffer.from(gitlabTrace(hidden)))).toBe(true);
		expect(await readFile(join(folder, 'job.json'), 'utf8')).toBe(text(gitlabJob()));
		expect(authOf(api.requests, 'private-token')).toEqual([tokens.gitlab, tokens.gitlab]);
		await expectNoSecrets(secrets);
	});

	it('takes a URL-encoded project path and a numeric id with --pipeline', async () => {
		expect(await run(['gitlab', 'group%2Fatlas', '7011223344'], env), output.stderr).toBe(0);
		routes['/api/v4/projects/5550001/jobs/7011223344'] = routes[jobPath]!;
		routes['/api/v4/projects/5550001/jobs/7011223344/trace'] = routes[`${jobPath}/trace`]!;
		expect(await run(['gitlab', '5550001', '7011223344'], env, { pipeline: 'atlas', force: true }), output.stderr).toBe(0);
		expect(api.requests.map((r) => r.path)).toEqual([jobPath, `${jobPath}/trace`, '/api/v4/projects/5550001/jobs/7011223344', '/api/v4/projects/5550001/jobs/7011223344/trace']);
	});

	it('refuses a job still running', async () => {
		routes[jobPath] = json({ ...gitlabJob(), status: 'running' });
		expect(await run(['gitlab', 'group/atlas', '7011223344'], env)).toBe(1);
		expect(output.stderr).toContain('GitLab job 7011223344 is running: record it once it has finished');
	});
});

describe('record circleci', () => {
	const secrets = planted(tokens.circleci, '**REDACTED**');
	const env = { CIRCLECI_TOKEN: tokens.circleci };
	const outputs = circleciOutputs(secrets);

	beforeEach(() => {
		auth = { header: 'circle-token', value: tokens.circleci };
		routes = {
			'/api/v2/project/gh/octo/atlas/job/5120': json(circleciJob()),
			'/api/v1.1/project/github/octo/atlas/5120': json(circleciBuild(storage.url, secrets)),
			'/api/v2/workflow/8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22': json(circleciWorkflow()),
			...Object.fromEntries(Object.entries(outputs).map(([name, body]) => [`storage:/output/${name}`, json(body)])),
		};
	});

	it('saves job.json, build.json, its workflow and each action output, redacted', async () => {
		expect(await run(['circleci', 'gh/octo/atlas', '5120'], env), output.stderr).toBe(0);
		const folder = join(pipelines, 'atlas', 'runs', 'circleci-5120');
		expect(await filesUnder(folder)).toEqual(['build.json', 'job.json', 'output-0-0.json', 'output-0-1.json', 'output-1-0.json', 'output-3-0.json', 'output-3-1.json', 'workflow.json']);
		expect(await readFile(join(folder, 'job.json'), 'utf8')).toBe(text(circleciJob()));
		expect(await readFile(join(folder, 'workflow.json'), 'utf8')).toBe(text(circleciWorkflow()));
		expect(await readFile(join(folder, 'build.json'), 'utf8')).toBe(text(circleciBuild(storage.url, hidden)));
		const expected = circleciOutputs(hidden);
		for (const name of Object.keys(outputs)) {
			expect(JSON.parse(await readFile(join(folder, `output-${name}.json`), 'utf8')), name).toEqual(expected[name]);
		}
		expect(authOf(api.requests, 'circle-token')).toEqual([tokens.circleci, tokens.circleci, tokens.circleci]);
		expect(authOf(storage.requests, 'circle-token')).toEqual([undefined, undefined, undefined, undefined, undefined]);
		await expectNoSecrets(secrets);
	});

	it('records the job without its workflow when the workflow cannot be fetched, and says so', async () => {
		delete routes['/api/v2/workflow/8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22'];
		expect(await run(['circleci', 'gh/octo/atlas', '5120'], env), output.stderr).toBe(0);
		const folder = join(pipelines, 'atlas', 'runs', 'circleci-5120');
		expect(await filesUnder(folder)).not.toContain('workflow.json');
		expect(await filesUnder(folder)).toContain('job.json');
		expect(output.stdout).toContain("note: recorded without its workflow's details (how the whole workflow ended): CircleCI has no workflow 8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22 (HTTP 404)");
		await expectNoSecrets(secrets);
	});

	it('puts only a UUID from the job details in a workflow URL', async () => {
		routes['/api/v2/project/gh/octo/atlas/job/5120'] = json({ ...circleciJob(), latest_workflow: { name: 'build-and-deploy', id: '..' } });
		expect(await run(['circleci', 'gh/octo/atlas', '5120'], env), output.stderr).toBe(0);
		expect(await filesUnder(join(pipelines, 'atlas', 'runs', 'circleci-5120'))).not.toContain('workflow.json');
		expect(api.requests.map((r) => r.path)).toEqual(['/api/v2/project/gh/octo/atlas/job/5120', '/api/v1.1/project/github/octo/atlas/5120']);
	});

	it('refuses a job still running, before fetching its build', async () => {
		routes['/api/v2/project/gh/octo/atlas/job/5120'] = json({ ...circleciJob(), status: 'running' });
		expect(await run(['circleci', 'gh/octo/atlas', '5120'], env)).toBe(1);
		expect(output.stderr).toContain('CircleCI job 5120 is running');
		expect(api.requests).toHaveLength(1);
	});
});

describe('record: arguments', () => {
	beforeEach(() => {
		auth = undefined;
		routes = {};
	});

	it.each([
		[['record', 'github', 'octo/atlas'], /record needs a CI/],
		[['record', 'jenkins', 'a', '1'], /circleci, github or gitlab/],
		[['record', 'github', 'atlas', '1'], /owner\/repo/],
		[['record', 'github', 'octo/atlas', '1', '--token', 'x'], /Unknown option '--token'/],
		[['record', 'circleci', 'gh/octo', '5'], /project slug like gh\/org\/repo/],
		[['record', 'gitlab', '55', '7'], /name the pipeline folder .* with --pipeline/],
	])('%j is a usage error', async (argv, message) => {
		const pipelinesArgs = ['--pipelines', pipelines];
		expect(await main([...argv, ...pipelinesArgs])).toBe(2);
		expect(output.stderr).toMatch(message);
	});

	it('refuses a pipeline that is not a folder name, or does not exist', async () => {
		expect(await main(['record', 'github', 'octo/atlas', '1', '--pipelines', pipelines, '--pipeline', '../x'])).toBe(2);
		expect(output.stderr).toContain('--pipeline takes a folder name');
		expect(await main(['record', 'github', 'octo/other', '1', '--pipelines', pipelines])).toBe(2);
		expect(output.stderr).toMatch(/no pipeline folder named after the repository, "other": pass --pipeline \(one of: atlas\)/);
	});

	it('refuses plain http to another machine, which would expose the token', async () => {
		expect(await record(['github', 'octo/atlas', '1'], { pipelines, api: 'http://api.example.com' }, { env: { GITHUB_TOKEN: tokens.github } })).toBe(1);
		expect(output.stderr).toContain('only https');
	});
});
