import { strToU8, zipSync } from 'fflate';
import { REDACTED } from '../../src/redact/redact';
import { fake } from '../redact/fakes';

/**
 * What a run's API answers hold that must not reach the disk. Each fixture is a function of
 * them: called with `planted` it is what the server sends, with `hidden` what the parser must read.
 */
export interface Shown {
	token: string;
	/** A value the job announced with `::add-mask::`. */
	masked: string;
	/** A value a step's env dump assigned to a secret-looking name, printed again later. */
	envValue: string;
	aws: string;
	awsSecret: string;
	jwt: string;
	presigned: string;
	/** A pre-signed URL's credential parameter (an access key id and a scope). */
	credential: string;
	/** The CI's own mask (`***`, `[MASKED]`, `**REDACTED**`), normalised to REDACTED. */
	ciMask: string;
}

export const tokens = {
	github: fake.githubPat,
	gitlab: fake.gitlab,
	circleci: ['CCI', 'PAT_', '2aXyZ0123456789abcdefghij_', '0123456789abcdef0123456789abcdef01234567'].join(''),
};

export function planted(token: string, ciMask: string): Shown {
	return {
		token,
		masked: 'dyn-session-secret-77',
		envValue: 'plain-deploy-value-31',
		aws: fake.awsKeyId,
		awsSecret: fake.awsSecret,
		jwt: fake.jwt,
		presigned: 'IQoJb3JpZ2luX2VjEPresignedSessionToken',
		credential: `${fake.awsTempKeyId}%2F20240501%2Fus-east-1%2Fs3%2Faws4_request`,
		ciMask,
	};
}

export const hidden: Shown = {
	token: REDACTED,
	masked: REDACTED,
	envValue: REDACTED,
	aws: REDACTED,
	awsSecret: REDACTED,
	jwt: REDACTED,
	presigned: REDACTED,
	credential: REDACTED,
	ciMask: REDACTED,
};

// ---------------------------------------------------------------- GitHub

export const githubRun = {
	id: 9087654321,
	name: 'CI',
	node_id: 'WFR_kwLOAbCdEf8AAAACHk1Aaw',
	head_branch: 'main',
	head_sha: '3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
	path: '.github/workflows/ci.yml',
	display_title: 'Deploy the atlas',
	run_number: 412,
	event: 'push',
	status: 'completed',
	conclusion: 'success',
	workflow_id: 61234567,
	url: 'https://api.github.com/repos/octo/atlas/actions/runs/9087654321',
	html_url: 'https://github.com/octo/atlas/actions/runs/9087654321',
	created_at: '2024-05-01T12:00:00Z',
	updated_at: '2024-05-01T12:03:10Z',
	run_attempt: 1,
	run_started_at: '2024-05-01T12:00:00Z',
	actor: { login: 'octocat', id: 1, type: 'User' },
	repository: { id: 123, name: 'atlas', full_name: 'octo/atlas', private: false },
};

export const githubJobs = {
	total_count: 1,
	jobs: [
		{
			id: 24987654321,
			run_id: 9087654321,
			workflow_name: 'CI',
			head_branch: 'main',
			run_url: 'https://api.github.com/repos/octo/atlas/actions/runs/9087654321',
			run_attempt: 1,
			head_sha: '3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
			url: 'https://api.github.com/repos/octo/atlas/actions/jobs/24987654321',
			html_url: 'https://github.com/octo/atlas/actions/runs/9087654321/job/24987654321',
			status: 'completed',
			conclusion: 'success',
			created_at: '2024-05-01T12:00:00Z',
			started_at: '2024-05-01T12:00:03Z',
			completed_at: '2024-05-01T12:03:09Z',
			name: 'build',
			steps: [
				{ name: 'Set up job', status: 'completed', conclusion: 'success', number: 1, started_at: '2024-05-01T12:00:03Z', completed_at: '2024-05-01T12:00:04Z' },
				{ name: 'Run actions/checkout@v4', status: 'completed', conclusion: 'success', number: 2, started_at: '2024-05-01T12:00:04Z', completed_at: '2024-05-01T12:00:05Z' },
				{ name: 'Deploy', status: 'completed', conclusion: 'success', number: 3, started_at: '2024-05-01T12:00:05Z', completed_at: '2024-05-01T12:03:08Z' },
			],
			labels: ['ubuntu-latest'],
			runner_name: 'GitHub Actions 12',
			runner_group_name: 'GitHub Actions',
		},
	],
};

const ts = (s: number) => `2024-05-01T12:00:${String(s).padStart(2, '0')}.1234567Z `;

export function githubStepLogs(s: Shown): Record<string, string> {
	const setUp = [`${ts(3)}Current runner version: '2.316.1'`, `${ts(3)}##[group]Operating System`, `${ts(3)}Ubuntu 22.04.4 LTS`, `${ts(3)}##[endgroup]`];
	const checkout = [
		`${ts(4)}##[group]Run actions/checkout@v4`,
		`${ts(4)}with:`,
		`${ts(4)}  repository: octo/atlas`,
		`${ts(4)}  token: ${s.ciMask}`,
		`${ts(4)}##[endgroup]`,
		`${ts(4)}[command]/usr/bin/git config --local http.https://github.com/.extraheader AUTHORIZATION: basic ${s.ciMask}`,
	];
	const deploy = [
		`${ts(5)}##[group]Run ./deploy.sh`,
		`${ts(5)}\x1b[36;1m./deploy.sh\x1b[0m`,
		`${ts(5)}shell: /usr/bin/bash -e {0}`,
		`${ts(5)}env:`,
		`${ts(5)}  DEPLOY_TOKEN: ${s.envValue}`,
		`${ts(5)}  GH_TOKEN: ${s.ciMask}`,
		`${ts(5)}##[endgroup]`,
		`${ts(6)}::add-mask::${s.masked}`,
		`${ts(6)}session ${s.masked} opened`,
		`${ts(7)}debug: token is ${s.token}`,
		`${ts(7)}\x1b[33mAWS key\x1b[0m ${s.aws} in use`,
		`${ts(8)}deployed with ${s.envValue}`,
	];
	const file = (lines: string[]) => `\uFEFF${lines.join('\n')}\n`;
	return {
		'1_build.txt': file([...setUp, ...checkout, ...deploy]),
		'build/1_Set up job.txt': file(setUp),
		'build/2_Run actions_checkout@v4.txt': file(checkout),
		'build/3_Deploy.txt': file(deploy),
	};
}

export function githubArchive(s: Shown): Uint8Array {
	const logs = githubStepLogs(s);
	return zipSync(Object.fromEntries(Object.entries(logs).map(([name, text]) => [name, strToU8(text)])));
}

// ---------------------------------------------------------------- GitLab

export function gitlabJob() {
	return {
		id: 7011223344,
		status: 'success',
		stage: 'deploy',
		name: 'deploy:production',
		ref: 'main',
		tag: false,
		coverage: null,
		allow_failure: false,
		created_at: '2024-05-01T12:00:00.000Z',
		started_at: '2024-05-01T12:00:05.000Z',
		finished_at: '2024-05-01T12:02:05.000Z',
		erased_at: null,
		duration: 120.12,
		queued_duration: 4.8,
		user: { id: 42, username: 'dev', name: 'A Developer', state: 'active', web_url: 'https://gitlab.com/dev' },
		commit: { id: '3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49', short_id: '3f2a6c1d', title: 'Deploy the atlas', author_name: 'A Developer' },
		pipeline: { id: 1290001, iid: 77, project_id: 5550001, sha: '3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49', ref: 'main', status: 'success', source: 'push' },
		web_url: 'https://gitlab.com/group/atlas/-/jobs/7011223344',
		project: { ci_job_token_scope_enabled: false },
		artifacts: [],
		runner: { id: 12270852, description: '2-green.saas-linux-small-amd64.runners-manager.gitlab.com/default', active: true, is_shared: true },
		tag_list: [],
	};
}

export function gitlabTrace(s: Shown): string {
	const E = '\x1b[0K';
	return [
		`${E}Running with gitlab-runner 17.0.0~pre.88.g761ae5dd (761ae5dd)\x1b[0;m`,
		`${E}  on green-2.saas-linux-small-amd64.runners-manager.gitlab.com/default xS6Vzpvo, system ID: s_6b1e4f06fcfd\x1b[0;m`,
		`section_start:1714564805:prepare_executor\r${E}${E}\x1b[36;1mPreparing the "docker+machine" executor\x1b[0;m\x1b[0;m`,
		`section_end:1714564806:prepare_executor\r${E}section_start:1714564806:step_script\r${E}${E}\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\x1b[0;m`,
		`\x1b[32;1m$ docker login -u gitlab-ci-token -p $CI_JOB_TOKEN registry.gitlab.com\x1b[0;m`,
		`Login with ${s.ciMask} succeeded`,
		`\x1b[32;1m$ export AWS_SECRET_ACCESS_KEY=${s.awsSecret}\x1b[0;m`,
		`\x1b[32;1m$ curl --fail --header "PRIVATE-TOKEN: ${s.token}" "$CI_API_V4_URL/projects"\x1b[0;m`,
		`aws: using ${s.aws}`,
		`section_end:1714564925:step_script\r${E}${E}\x1b[32;1mJob succeeded\x1b[0;m`,
		'',
	].join('\n');
}

// ---------------------------------------------------------------- CircleCI

/** API v2's workflow of circleciJob(): it failed (another of its jobs did). */
export function circleciWorkflow() {
	return {
		pipeline_id: 'f4c3b2a1-0e9d-4c8b-a7f6-5e4d3c2b1a00',
		id: '8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22',
		name: 'build-and-deploy',
		project_slug: 'gh/octo/atlas',
		status: 'failed',
		started_by: '2b9a0c1d-7e6f-4a5b-9c8d-1e2f3a4b5c6d',
		pipeline_number: 812,
		created_at: '2024-05-01T11:58:00.000Z',
		stopped_at: '2024-05-01T12:04:10.000Z',
	};
}

export function circleciJob() {
	return {
		web_url: 'https://circleci.com/gh/octo/atlas/5120',
		project: { external_url: 'https://github.com/octo/atlas', slug: 'gh/octo/atlas', name: 'atlas', id: '5bd6a2a4-1f62-4e8d-9d2b-1b4c2f6a9e01' },
		parallel_runs: [
			{ index: 0, status: 'success' },
			{ index: 1, status: 'success' },
		],
		started_at: '2024-05-01T12:00:04.512Z',
		latest_workflow: { name: 'build-and-deploy', id: '8e0f8c3c-3d2c-4f61-9f0e-2a7d6a0b1c22' },
		name: 'deploy',
		executor: { resource_class: 'medium', type: 'docker' },
		parallelism: 2,
		status: 'success',
		number: 5120,
		pipeline: { id: 'f4c3b2a1-0e9d-4c8b-a7f6-5e4d3c2b1a00' },
		duration: 118834,
		created_at: '2024-05-01T12:00:00.100Z',
		messages: [],
		contexts: [{ name: 'aws-production' }],
		organization: { name: 'octo' },
		queued_at: '2024-05-01T12:00:00.140Z',
		stopped_at: '2024-05-01T12:02:03.346Z',
	};
}

/** Where an action's output lives: a pre-signed storage URL, on its own origin. */
export function outputUrl(storage: string, name: string, s: Shown): string {
	return `${storage}/output/${name}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${s.credential}&X-Amz-Security-Token=${s.presigned}&X-Amz-Signature=${s.presigned}`;
}

export function circleciBuild(storage: string, s: Shown) {
	const action = (step: number, index: number, name: string, output: boolean) => ({
		index,
		step,
		name,
		type: 'test',
		status: 'success',
		start_time: '2024-05-01T12:00:05.000Z',
		end_time: '2024-05-01T12:00:06.000Z',
		run_time_millis: 1000,
		exit_code: output ? 0 : null,
		has_output: output,
		...(output ? { output_url: outputUrl(storage, `${step}-${index}`, s) } : {}),
		bash_command: name === 'Deploy' ? '#!/bin/bash -eo pipefail\n./deploy.sh' : null,
	});
	return {
		build_num: 5120,
		lifecycle: 'finished',
		outcome: 'success',
		status: 'success',
		branch: 'main',
		vcs_revision: '3f2a6c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
		subject: 'Deploy the atlas',
		build_url: 'https://circleci.com/gh/octo/atlas/5120',
		parallel: 2,
		workflows: { job_name: 'deploy', workflow_name: 'build-and-deploy' },
		steps: [
			{ name: 'Spin up environment', actions: [action(0, 0, 'Spin up environment', true), action(0, 1, 'Spin up environment', true)] },
			{ name: 'Preparing environment variables', actions: [action(1, 0, 'Preparing environment variables', true)] },
			{ name: 'Restoring cache', actions: [action(2, 0, 'Restoring cache', false)] },
			{ name: 'Deploy', actions: [action(3, 0, 'Deploy', true), action(3, 1, 'Deploy', true)] },
		],
	};
}

const out = (message: string) => [{ message, time: '2024-05-01T12:00:05.100Z', type: 'out', truncated: false }];

/** Each output URL's answer, by `<step>-<index>`. */
export function circleciOutputs(s: Shown): Record<string, unknown> {
	return {
		'0-0': out('Build-agent version 1.0.239000-9c4ad8b1 (2024-04-30T15:30:21+0000)\r\nStarting container cimg/node:20.12\r\n'),
		'0-1': out('Build-agent version 1.0.239000-9c4ad8b1 (2024-04-30T15:30:21+0000)\r\nStarting container cimg/node:20.12\r\n'),
		'1-0': out(
			`Using build environment variables:\r\n  BASH_ENV=/tmp/.bash_env-663b2a1f\r\n  CI=true\r\n  CIRCLE_BRANCH=main\r\n  CIRCLE_OIDC_TOKEN=${s.jwt}\r\n\r\nUsing environment variables from project settings and/or contexts:\r\n  HEROKU_API_KEY=${s.ciMask}\r\n  DEPLOY_PASSWORD=${s.envValue}\r\n\r\nThe redacted variables listed above will be masked in run step output.`,
		),
		'3-0': out(`Deploying as ${s.envValue}\r\nusing ${s.aws}\r\nCircle token ${s.token}\r\ndone\r\n`),
		'3-1': out('Deploying (container 1)\r\ndone\r\n'),
	};
}
