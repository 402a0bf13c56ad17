/**
 * Recorded runs in the formats the run parsers read, one `runs/<id>/` folder each:
 *
 * - CircleCI: API v1.1 `build.json` with each action's output as `output-<step>-0.json`
 *   (messages with `\r\n` line ends; stderr chunks typed `err`), plus the v2 `job.json` for some;
 * - GitHub Actions: the logs archive unpacked, `<job>/<n>_<step>.txt` with timestamps, BOM and
 *   `##[group]` folds, plus `run.json` (and `jobs.json` for some); one to three jobs per run;
 * - GitLab: `trace.log` with `section_start`/`section_end` markers, collapsed sub-sections and the
 *   runner's colours, plus `job.json`.
 *
 * A run is planned first as a skeleton (each step's fixed lines and its share of the log
 * budget), so the log lines of all runs add up to exactly the size's total before any text is
 * written; then each folder is written on its own, keeping memory flat for the large size.
 */
import { bodyLines, type LogContext } from './logs';
import { apportion, Rng } from './rng';
import type { PipelinePlan, ProviderId, RunnableJob, RunStepSpec, StepLogKind } from './types';
import { BRANCHES, COMMIT_SUBJECTS, PEOPLE } from './vocab';

export interface RunMeta {
	branch: string;
	sha: string;
	author: readonly [string, string];
	subject: string;
	startMs: number;
	number: number;
	workflowId: string;
	pipelineNumber: number;
}

export interface FolderPlan {
	plan: PipelinePlan;
	provider: ProviderId;
	folder: string;
	meta: RunMeta;
	jobs: JobRun[];
}

interface JobRun {
	job: RunnableJob;
	failed: boolean;
	steps: SkelStep[];
	/** Job number (CircleCI build, GitLab job id, GitHub job id). */
	id: number;
	startMs: number;
}

interface SkelStep {
	name: string;
	spec?: RunStepSpec;
	builtin?: string;
	/** Lines before the body (headers, the CI's own output). */
	head: string[];
	/** Lines after the body (error line, summary). */
	tail: string[];
	bodyKind?: StepLogKind;
	bodyWeight: number;
	body: number;
	failed: boolean;
	/** GitLab: script commands of the step_script stage, each with its own body share. */
	commands?: { command: string; kind: StepLogKind; weight: number; body: number; section?: string }[];
	durationMs: number;
	startMs: number;
}

const BODY_WEIGHT: Partial<Record<StepLogKind, number>> = {
	test: 10,
	e2e: 8,
	install: 5,
	build: 6,
	'docker-build': 6,
	'docker-push': 2,
	deploy: 3,
	lint: 4,
	shell: 1,
	terraform: 3,
	coverage: 2,
	audit: 2,
	orb: 0.5,
};
/** Milliseconds a step spends per line of output, roughly. */
const MS_PER_LINE: Partial<Record<StepLogKind, number>> = { test: 25, e2e: 60, install: 30, build: 20, 'docker-build': 80, 'docker-push': 40, deploy: 300, shell: 50 };

/** No run folder may come near the parsers' 64 MiB limit. */
export const MAX_LINES_PER_RUN = 120_000;

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** GitHub's 7-digit fractional timestamps. */
function ghTime(ms: number): string {
	return `${new Date(Math.floor(ms)).toISOString().slice(0, 23)}${String(Math.floor((ms % 1) * 10000)).padStart(4, '0')}Z`;
}

function uuid(rng: Rng): string {
	const h = rng.hex(32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// --- planning -----------------------------------------------------------------------------

/**
 * Folders of runs for every pipeline: `count` job runs in all, spread over the pipelines, one
 * job per CircleCI and GitLab folder, one to three jobs of one workflow per GitHub folder.
 */
export function planRuns(pipelines: { plan: PipelinePlan; runnable: RunnableJob[] }[], count: number, seed: string): FolderPlan[] {
	const rng = new Rng(`${seed}:runs`);
	const usable = pipelines.filter((p) => p.runnable.length > 0);
	const weights = usable.map(() => 0.5 + rng.next());
	const perPipeline = apportion(count, weights, count >= usable.length ? 1 : 0);
	const folders: FolderPlan[] = [];
	const failures: Record<ProviderId, number> = { circleci: 0, github: 0, gitlab: 0, bitbucket: 0 };
	let number = 1000;
	usable.forEach(({ plan, runnable }, p) => {
		const prng = new Rng(`${seed}:runs:${plan.name}`);
		let left = perPipeline[p]!;
		let baseMs = Date.UTC(2026, 2, 2, 8, 0, 0) + prng.int(0, 20 * 86_400) * 1000;
		while (left > 0) {
			const [name, login] = prng.pick(PEOPLE);
			const branch = prng.chance(0.6) ? plan.defaultBranch : prng.pick(BRANCHES.filter((b) => b !== 'main'));
			const meta: RunMeta = {
				branch,
				sha: prng.hex(40),
				author: [name, login],
				subject: prng.pick(COMMIT_SUBJECTS),
				startMs: baseMs,
				number: (number += prng.int(1, 40)),
				workflowId: uuid(prng),
				pipelineNumber: prng.int(100, 9000),
			};
			baseMs += prng.int(20, 600) * 60_000;
			let jobs: RunnableJob[];
			if (plan.provider === 'github') {
				const workflow = prng.pick([...new Set(runnable.map((r) => r.workflow))]);
				const candidates = runnable.filter((r) => r.workflow === workflow);
				jobs = prng.sample(candidates, Math.min(left, candidates.length, prng.int(1, 3)));
			} else jobs = [prng.pick(runnable)];
			left -= jobs.length;
			const folder = plan.provider === 'circleci' ? `circleci-${meta.number}` : plan.provider === 'github' ? `github-${11_000_000_000 + meta.number * 7919}` : `gitlab-${7_700_000_000 + meta.number * 104_729}`;
			folders.push({
				plan,
				provider: plan.provider,
				folder,
				meta,
				jobs: jobs.map((job, i) => ({
					job,
					// One job run in eight fails, the first failure of each CI early enough that S has one.
					failed: failures[plan.provider]++ % 8 === 3,
					steps: [],
					id: plan.provider === 'circleci' ? meta.number : plan.provider === 'github' ? 30_000_000_000 + meta.number * 131 + i : 7_700_000_000 + meta.number * 104_729,
					startMs: meta.startMs + i * prng.int(5, 90) * 1000,
				})),
			});
		}
	});
	return folders;
}

/** Builds every job run's skeleton and shares the body line budget out; returns the total log lines. */
export function shareLines(folders: FolderPlan[], totalLines: number, seed: string): number {
	const rng = new Rng(`${seed}:lines`);
	const jobRuns: JobRun[] = [];
	for (const folder of folders) {
		const frng = new Rng(`${seed}:skeleton:${folder.folder}`);
		for (const jr of folder.jobs) {
			jr.steps = folder.provider === 'circleci' ? circleciSkeleton(folder, jr, frng) : folder.provider === 'github' ? githubSkeleton(folder, jr, frng) : gitlabSkeleton(folder, jr, frng);
			jobRuns.push(jr);
		}
	}
	const fixed = (jr: JobRun) => jr.steps.reduce((n, s) => n + s.head.length + s.tail.length, 0);
	const fixedTotal = jobRuns.reduce((n, jr) => n + fixed(jr), 0);
	const budget = totalLines - fixedTotal;
	if (budget < 0) throw new Error(`runs: the fixed lines of the runs (${fixedTotal}) exceed the log line total ${totalLines}`);
	const weights = jobRuns.map(() => rng.logNormal(1.1));
	const caps = jobRuns.map((jr) => Math.max(0, MAX_LINES_PER_RUN - fixed(jr)));
	const perRun = apportion(budget, weights, 0, caps);
	jobRuns.forEach((jr, i) => {
		const slots: { weight: number; set: (n: number) => void }[] = [];
		for (const step of jr.steps) {
			if (step.commands) for (const c of step.commands) slots.push({ weight: c.weight, set: (n) => (c.body = n) });
			else if (step.bodyKind && step.bodyWeight > 0) slots.push({ weight: step.bodyWeight, set: (n) => (step.body = n) });
		}
		if (slots.length === 0) {
			if (perRun[i]! > 0) throw new Error('runs: a run without a step to hold its lines');
			return;
		}
		const shares = apportion(perRun[i]!, slots.map((s) => s.weight * (0.5 + rng.next())));
		slots.forEach((s, k) => s.set(shares[k]!));
		for (const step of jr.steps) if (step.commands) step.body = step.commands.reduce((n, c) => n + c.body, 0);
	});
	return jobRuns.reduce((n, jr) => n + jr.steps.reduce((m, s) => m + s.head.length + s.tail.length + s.body, 0), 0);
}

/** Steps a run shows, in order: after a failure only those that run anyway. */
function shownSteps(job: RunnableJob, branch: string, failed: boolean, rng: Rng): { spec: RunStepSpec; failed: boolean }[] {
	const visible = job.steps.filter((s) => (!s.onlyOn || s.onlyOn === branch) && (s.when !== 'failure' || failed));
	if (!failed) return visible.map((spec) => ({ spec, failed: false }));
	// The failing step: a command step of weight, late in the job.
	const heavy = visible.map((s, i) => ({ s, i })).filter(({ s }) => (BODY_WEIGHT[s.log] ?? 0) >= 2 && s.command);
	const at = heavy.length ? heavy[Math.min(heavy.length - 1, rng.int(Math.floor(heavy.length / 2), heavy.length - 1))]!.i : visible.length - 1;
	return visible.flatMap((spec, i): { spec: RunStepSpec; failed: boolean }[] => (i < at ? [{ spec, failed: false }] : i === at ? [{ spec, failed: true }] : spec.when ? [{ spec, failed: false }] : []));
}

function step(name: string, head: string[], options: Partial<SkelStep> = {}): SkelStep {
	return { name, head, tail: [], bodyWeight: 0, body: 0, failed: false, durationMs: 0, startMs: 0, ...options };
}

function commandStep(spec: RunStepSpec, failed: boolean, head: string[], tail: string[]): SkelStep {
	const weight = BODY_WEIGHT[spec.log] ?? 0;
	return step(spec.name, head, { spec, tail, failed, ...(weight > 0 ? { bodyKind: spec.log, bodyWeight: weight } : {}) });
}

// --- CircleCI -------------------------------------------------------------------------------

function circleciSkeleton(folder: FolderPlan, jr: JobRun, rng: Rng): SkelStep[] {
	const { job } = jr;
	const { meta, plan } = folder;
	const out: SkelStep[] = [];
	const images = [job.image, ...job.services];
	const spin = [`Build-agent version 1.0.${rng.int(200000, 299999)}-${rng.hex(8)} (${iso(meta.startMs - 86_400_000 * 3).replace('.000Z', '+0000')})`, 'System information:', ' Server Version: 24.0.9', ' Storage Driver: overlay2', ' Kernel Version: 5.15.0-1057-aws', ' Operating System: Ubuntu 22.04.4 LTS', ' Architecture: x86_64', ''];
	for (const image of images) {
		const pulled = rng.chance(0.6);
		spin.push(`Starting container ${image}`, `${image}:`, `  using image ${image.split(':')[0]}@sha256:${rng.hex(64)}`, pulled ? '  pull stats: Image was already available so the image was not pulled' : '  pull stats: Download Completed', ...(pulled ? [] : [`  time to download image: ${rng.int(1, 30)}.${rng.int(0, 9)}s`]), `  time to create container: ${rng.int(80, 900)}ms`);
	}
	spin.push(`Time to upload agent and config: ${rng.int(200, 900)}.${rng.int(0, 9)}ms`, `Time to start containers: ${rng.int(300, 2000)}.${rng.int(0, 9)}ms`);
	out.push(step('Spin up environment', spin, { builtin: 'spin-up' }));
	const bashEnv = `/tmp/.bash_env-${rng.hex(24)}-0-build`;
	const env = [
		'Using build environment variables:',
		`  BASH_ENV=${bashEnv}`,
		'  CI=true',
		'  CIRCLECI=true',
		`  CIRCLE_BRANCH=${meta.branch}`,
		`  CIRCLE_BUILD_NUM=${jr.id}`,
		`  CIRCLE_BUILD_URL=https://circleci.com/gh/${plan.org}/${plan.name}/${jr.id}`,
		'  CIRCLE_COMPARE_URL=',
		`  CIRCLE_JOB=${job.entry}`,
		'  CIRCLE_NODE_INDEX=0',
		'  CIRCLE_NODE_TOTAL=1',
		`  CIRCLE_OIDC_TOKEN=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(`{"iss":"https://oidc.circleci.com/org/${rng.hex(8)}","sub":"org/${plan.org}/project/${plan.name}"}`).toString('base64url')}.${rng.hex(86)}`,
		`  CIRCLE_PREVIOUS_BUILD_NUM=${jr.id - rng.int(1, 9)}`,
		`  CIRCLE_PROJECT_REPONAME=${plan.name}`,
		`  CIRCLE_PROJECT_USERNAME=${plan.org}`,
		`  CIRCLE_REPOSITORY_URL=git@github.com:${plan.org}/${plan.name}.git`,
		`  CIRCLE_SHA1=${meta.sha}`,
		`  CIRCLE_SHELL_ENV=${bashEnv}`,
		`  CIRCLE_USERNAME=${meta.author[1]}`,
		`  CIRCLE_WORKFLOW_ID=${meta.workflowId}`,
		`  CIRCLE_WORKFLOW_JOB_ID=${uuid(rng)}`,
		`  CIRCLE_WORKFLOW_WORKSPACE_ID=${meta.workflowId}`,
		'  CIRCLE_WORKING_DIRECTORY=~/project',
		'',
		'Using environment variables from project settings and/or contexts:',
		...[...new Set(job.secrets)].sort().map((k) => `  ${k}=**REDACTED**`),
		'',
		'The redacted variables listed above will be masked in run step output.',
	];
	out.push(step('Preparing environment variables', env, { builtin: 'environment' }));
	for (const { spec, failed } of shownSteps(job, meta.branch, jr.failed, rng)) {
		const tail = failed ? ['', 'Exited with code exit status 1'] : [];
		out.push(commandStep(spec, failed, circleciFixed(spec, folder, rng), tail));
	}
	return out;
}

function circleciFixed(spec: RunStepSpec, folder: FolderPlan, rng: Rng): string[] {
	const { meta, plan } = folder;
	switch (spec.log) {
		case 'checkout':
			return [
				'Creating .ssh directory',
				'Adding the following entries to known_hosts:',
				'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
				'',
				'Writing SSH key for checkout to id_rsa',
				'Cloning git repository',
				"Cloning into '.'...",
				`remote: Enumerating objects: ${rng.int(300, 90000)}, done.`,
				`remote: Counting objects: 100% (${rng.int(300, 9000)}/${rng.int(300, 9000)}), done.`,
				`Receiving objects: 100% (${rng.int(300, 9000)}/${rng.int(300, 9000)}), ${rng.int(1, 90)}.${rng.int(10, 99)} MiB | ${rng.int(5, 60)}.${rng.int(10, 99)} MiB/s, done.`,
				`Resolving deltas: 100% (${rng.int(100, 5000)}/${rng.int(100, 5000)}), done.`,
				'Checking out branch',
				`Your branch is up to date with 'origin/${meta.branch}'.`,
				`HEAD is now at ${meta.sha.slice(0, 7)} ${meta.subject}`,
			];
		case 'cache-restore':
			return rng.chance(0.8)
				? [`Found a cache from build ${rng.int(100, 9000)} at v2-deps-${meta.branch}-${rng.hex(44)}`, `Size: ${rng.int(20, 900)} MiB`, 'Cached paths:', `  * /home/circleci/.cache`, '', 'Downloading cache archive...', 'Validating cache...', '', 'Unarchiving cache...']
				: ['No cache is found for key: v2-deps-' + meta.branch + '-' + rng.hex(44), 'Found a cache from build ' + rng.int(100, 9000) + ' at v2-deps-'];
		case 'cache-save':
			return rng.chance(0.5) ? [`Skipping cache generation, cache already exists for key: v2-deps-${meta.branch}-${rng.hex(44)}`, `Found one created at ${iso(meta.startMs - 3_600_000).replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC')}`] : ['Creating cache archive...', 'Uploading cache archive...', `Stored Cache to v2-deps-${meta.branch}-${rng.hex(44)}`, `  * /home/circleci/.cache`];
		case 'workspace-persist':
			return ['Creating workspace archive...', `Uploading workspace archive...`, `Total size uploaded: ${rng.int(1, 900)} MiB`];
		case 'workspace-attach':
			return [`Downloading workspace layers`, `  workflows/workspaces/${meta.workflowId}/0/${uuid(rng)}/0/105.tar.gz - ${rng.int(1, 900)} MB`, 'Applying workspace layers', `  ${uuid(rng)}`];
		case 'artifacts':
			return [`Uploading /home/circleci/project/${spec.name === 'Uploading artifacts' ? 'reports' : 'out'} to artifacts`, ...Array.from({ length: rng.int(1, 6) }, (_, i) => `  Uploading /home/circleci/project/reports/file-${i}.${rng.pick(['html', 'json', 'xml', 'txt'])} (${rng.int(1, 900)} kB): DONE`), `Total size uploaded: ${rng.int(1, 900)} kB`];
		case 'test-results':
			return ['Archiving the following test results', '  * /home/circleci/project/test-results', '', '', 'Uploaded'];
		case 'remote-docker':
			return [`Allocating a remote Docker Engine`, `Remote Docker engine created. Using VM '${plan.name}-${rng.hex(8)}'`, 'Created container accessible with:', '  DOCKER_CERT_PATH=/tmp/docker-certs', '  DOCKER_HOST=tcp://10.0.0.12:2376', '  DOCKER_MACHINE_NAME=remote-docker', '  DOCKER_TLS_VERIFY=1', '  NO_PROXY=127.0.0.1,localhost,circleci-internal-outer-build-agent,10.0.0.12:2376'];
		case 'notify':
			return ['Posting Status', `Sending notification to channel deploys`, `{"ok":true,"channel":"C0${rng.hex(8).toUpperCase()}","ts":"${rng.int(1700000000, 1799999999)}.${rng.int(100000, 999999)}"}`];
		case 'orb':
			return [`Using ${spec.name.toLowerCase().includes('lock') ? 'lockfile' : 'version'}: ${rng.pick(['package-lock.json', 'requirements-dev.txt', 'Gemfile.lock', '3.12.6', '20.17.0'])}`];
		default:
			return [];
	}
}

// --- GitHub ---------------------------------------------------------------------------------

const ACTION_SHAS: Record<string, string> = {};

function actionSha(uses: string): string {
	return (ACTION_SHAS[uses] ??= new Rng(uses).hex(40));
}

function githubSkeleton(folder: FolderPlan, jr: JobRun, rng: Rng): SkelStep[] {
	const { job } = jr;
	const { plan, meta } = folder;
	const out: SkelStep[] = [];
	const actions = [...new Set(job.steps.flatMap((s) => (s.uses && !s.uses.startsWith('./') ? [s.uses] : s.uses ? ['actions/setup-node@v4'] : [])))];
	const windows = job.runsOn === 'windows-latest';
	const setUp = [
		`Current runner version: '2.${rng.int(319, 321)}.${rng.int(0, 3)}'`,
		`Runner name: 'GitHub Actions ${rng.int(1, 900)}'`,
		'Runner group name: \'GitHub Actions\'',
		'Machine name: \'fv-az' + rng.int(100, 999) + '-' + rng.int(100, 999) + '\'',
		'##[group]Operating System',
		...(windows ? ['Microsoft Windows Server 2022', '10.0.20348', 'Datacenter'] : ['Ubuntu', job.image === 'ubuntu-22.04' ? '22.04.5' : '24.04.1', 'LTS']),
		'##[endgroup]',
		'##[group]Runner Image',
		`Image: ${job.image}`,
		`Version: 2026${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}.1.0`,
		`Included Software: https://github.com/actions/runner-images/blob/${job.image}/${rng.hex(6)}/images/ubuntu/Ubuntu2404-Readme.md`,
		'##[endgroup]',
		'##[group]GITHUB_TOKEN Permissions',
		'Contents: read',
		'Metadata: read',
		...(job.key.startsWith('deploy') ? ['IdToken: write'] : []),
		'##[endgroup]',
		'Secret source: Actions',
		'Prepare workflow directory',
		'Prepare all required actions',
		'Getting action download info',
		...actions.map((a) => `Download action repository '${a}' (SHA:${actionSha(a)})`),
		`Complete job name: ${job.entry}`,
	];
	out.push(step('Set up job', setUp, { builtin: 'set-up-job' }));
	if (job.services.length) {
		const init = ['Checking docker version', "##[command]/usr/bin/docker version --format '{{.Server.APIVersion}}'", "'1.45'", 'Docker daemon API version: \'1.45\'', 'Clean up resources from previous jobs', '##[command]/usr/bin/docker network create --label ' + rng.hex(6) + ' github_network_' + rng.hex(32)];
		for (const image of job.services) init.push(`##[group]Pull down action image '${image}'`, `##[command]/usr/bin/docker pull ${image}`, `${image.split(':')[1]}: Pulling from library/${image.split(':')[0]}`, `Digest: sha256:${rng.hex(64)}`, `Status: Downloaded newer image for ${image}`, `docker.io/library/${image}`, '##[endgroup]');
		out.push(step('Initialize containers', init, { builtin: 'spin-up' }));
	}
	const shown = shownSteps(job, meta.branch, jr.failed, rng);
	for (const { spec, failed } of shown) {
		const head: string[] = [];
		if (spec.uses) {
			head.push(`##[group]Run ${spec.uses}`);
			if (spec.with && Object.keys(spec.with).length) head.push('with:', ...Object.entries(spec.with).flatMap(([k, v]) => v.split('\n').map((line, i) => (i === 0 ? `  ${k}: ${line}` : `  ${line}`))));
			head.push('env:', `  APP_NAME: ${plan.name}`, '##[endgroup]');
			head.push(...githubActionOutput(spec, folder, rng));
		} else {
			const lines = (spec.command ?? spec.name).split('\n');
			head.push(`##[group]Run ${lines[0]}`, ...lines.map((l) => `\x1b[36;1m${l}\x1b[0m`), `shell: ${windows ? 'C:\\Program Files\\PowerShell\\7\\pwsh.EXE -command ". \'{0}\'"' : '/usr/bin/bash -e {0}'}`, 'env:', `  APP_NAME: ${plan.name}`, ...Object.entries(spec.env ?? {}).map(([k, v]) => `  ${k}: ${v}`), '##[endgroup]');
		}
		const tail = failed ? ['##[error]Process completed with exit code 1.'] : [];
		out.push(commandStep(spec, failed, head, tail));
	}
	for (const { spec } of [...shown].reverse()) {
		if (!spec.post || !spec.uses) continue;
		const uses = spec.uses.startsWith('./') ? 'actions/setup-node@v4' : spec.uses;
		const post = ['Post job cleanup.'];
		if (uses === 'actions/checkout@v4') post.push('[command]/usr/bin/git version', 'git version 2.47.0', `Temporarily overriding HOME='/home/runner/work/_temp/${uuid(rng)}' before making global git config changes`, '[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand', "[command]/usr/bin/git submodule foreach --recursive sh -c \"git config --local --name-only --get-regexp 'core\\.sshCommand' && git config --local --unset-all 'core.sshCommand' || :\"", '[command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader');
		else if (uses.startsWith('docker/')) post.push('Removing builder', `[command]/usr/bin/docker buildx rm builder-${uuid(rng)}`, `builder-${uuid(rng)} removed`);
		else post.push(rng.chance(0.5) ? `Cache hit occurred on the primary key ${stepCacheKey(rng)}, not saving cache.` : `Cache saved with key: ${stepCacheKey(rng)}`);
		out.push(step(`Post Run ${spec.uses}`, post, { builtin: 'post-job' }));
	}
	if (job.services.length) out.push(step('Stop containers', ['Stop and remove container: ' + rng.hex(32) + '_postgres16_' + rng.hex(4), `##[command]/usr/bin/docker rm --force ${rng.hex(64)}`, rng.hex(64), 'Remove container network: github_network_' + rng.hex(32)], { builtin: 'cleanup' }));
	out.push(step('Complete job', ['Cleaning up orphan processes', ...(rng.chance(0.2) ? [`Terminate orphan process: pid (${rng.int(1000, 9999)}) (node)`] : [])], { builtin: 'complete-job' }));
	return out;
}

function stepCacheKey(rng: Rng): string {
	return `node-cache-Linux-x64-npm-${rng.hex(64)}`;
}

function githubActionOutput(spec: RunStepSpec, folder: FolderPlan, rng: Rng): string[] {
	const { plan, meta } = folder;
	const uses = spec.uses!;
	if (uses === 'actions/checkout@v4') {
		return [
			`Syncing repository: ${plan.org}/${plan.name}`,
			'##[group]Getting Git version info',
			`Working directory is '/home/runner/work/${plan.name}/${plan.name}'`,
			'[command]/usr/bin/git version',
			'git version 2.47.0',
			'##[endgroup]',
			'##[group]Initializing the repository',
			`[command]/usr/bin/git init /home/runner/work/${plan.name}/${plan.name}`,
			`Initialized empty Git repository in /home/runner/work/${plan.name}/${plan.name}/.git/`,
			`[command]/usr/bin/git remote add origin https://github.com/${plan.org}/${plan.name}`,
			'##[endgroup]',
			'##[group]Fetching the repository',
			`[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=${spec.with?.['fetch-depth'] ?? 1} origin +${meta.sha}:refs/remotes/origin/${meta.branch}`,
			`From https://github.com/${plan.org}/${plan.name}`,
			` * [new ref]         ${meta.sha} -> origin/${meta.branch}`,
			'##[endgroup]',
			'##[group]Checking out the ref',
			`[command]/usr/bin/git checkout --progress --force -B ${meta.branch} refs/remotes/origin/${meta.branch}`,
			`Switched to a new branch '${meta.branch}'`,
			'##[endgroup]',
			`[command]/usr/bin/git log -1 --format=%H`,
			meta.sha,
		];
	}
	if (uses.startsWith('./')) {
		return [
			`##[group]Run ${folder.plan.stack.setupAction(folder.plan.stack.versions[0]!).uses}`,
			'with:',
			`  ${folder.plan.stack.versionParam}: ${spec.with?.version ?? ''}`,
			'##[endgroup]',
			`Found in cache @ /opt/hostedtoolcache/${plan.stack.id}/${plan.stack.versions.at(-1)}/x64`,
			`Cache restored successfully`,
			`##[group]Run ${(spec.command ?? '').split('\n')[0]}`,
			...(spec.command ?? '').split('\n').map((l) => `\x1b[36;1m${l}\x1b[0m`),
			'shell: /usr/bin/bash --noprofile --norc -e -o pipefail {0}',
			'##[endgroup]',
		];
	}
	if (uses.startsWith('actions/setup-') || uses.startsWith('ruby/') || uses.startsWith('dtolnay/')) {
		return [`Attempting to download ${spec.with?.[plan.stack.versionParam] ?? 'stable'}...`, `Found in cache @ /opt/hostedtoolcache/${plan.stack.id}/${plan.stack.versions.at(-1)}/x64`, '##[group]Environment details', `${plan.stack.id}: v${plan.stack.versions.at(-1)}`, '##[endgroup]', ...(spec.post ? [`Cache hit for: ${stepCacheKey(rng)}`, `Received ${rng.int(1e6, 9e8)} of ${rng.int(1e6, 9e8)} (100.0%), ${rng.int(10, 90)}.${rng.int(0, 9)} MBs/sec`, 'Cache restored successfully'] : [])];
	}
	if (uses.startsWith('actions/cache')) return [uses.includes('save') ? `Cache saved with key: deps-Linux-${rng.hex(64)}` : rng.chance(0.8) ? `Cache restored from key: deps-Linux-${rng.hex(64)}` : `Cache not found for input keys: deps-Linux-${rng.hex(64)}, deps-Linux-`];
	if (uses.startsWith('actions/upload-artifact')) return [`With the provided path, there will be ${rng.int(1, 400)} files uploaded`, 'Artifact name is valid!', 'Root directory input is valid!', `Beginning upload of artifact content to blob storage`, `Uploaded bytes ${rng.int(1e4, 9e7)}`, 'Finished uploading artifact content to blob storage!', `Artifact ${spec.with?.name} has been successfully uploaded! Final size is ${rng.int(1e4, 9e7)} bytes. Artifact ID is ${rng.int(1e9, 3e9)}`];
	if (uses.startsWith('actions/download-artifact')) return [`Downloading single artifact`, `Preparing to download the following artifacts:`, `- workspace (ID: ${rng.int(1e9, 3e9)}, Size: ${rng.int(1e5, 9e8)})`, `Redirecting to blob download url: https://productionresultssa${rng.int(0, 19)}.blob.core.windows.net/actions-results/${uuid(rng)}`, `Starting download of artifact to: /home/runner/work/${plan.name}/${plan.name}`, `Artifact download completed successfully.`, 'Total of 1 artifact(s) downloaded'];
	if (uses.startsWith('mikepenz/')) return [`📘 Reading input values`, `📦 Process test results`, `ℹ️ Posting with conclusion 'success' to refs/heads/${meta.branch} (sha: ${meta.sha})`, `ℹ️ - ${rng.int(100, 4000)} tests run, ${rng.int(100, 4000)} passed, ${rng.int(0, 20)} skipped, 0 failed.`];
	if (uses.startsWith('docker/')) return ['##[group]Docker info', '[command]/usr/bin/docker version', 'Client: Docker Engine - Community', ' Version:           27.2.0', '##[endgroup]', '##[group]Creating a new builder instance', `[command]/usr/bin/docker buildx create --name builder-${uuid(rng)} --driver docker-container --use`, '##[endgroup]', '##[group]Booting builder', '#1 [internal] booting buildkit', '#1 DONE 9.9s', '##[endgroup]'];
	if (uses.startsWith('slackapi/')) return [`Slack response: {"ok":true,"channel":"C0${rng.hex(8).toUpperCase()}","ts":"${rng.int(1700000000, 1799999999)}.${rng.int(100000, 999999)}"}`];
	return [];
}

// --- GitLab ---------------------------------------------------------------------------------

const K = '\x1b[0K';
const END = '\x1b[0;m';

function gitlabSkeleton(folder: FolderPlan, jr: JobRun, rng: Rng): SkelStep[] {
	const { job } = jr;
	const { plan, meta } = folder;
	const g = job.gitlab!;
	const out: SkelStep[] = [];
	const header = (title: string) => `\x1b[36;1m${title}${END}`;
	const prepare = [`${K}Running with gitlab-runner 17.${rng.int(3, 6)}.${rng.int(0, 2)} (${rng.hex(8)})${END}`, `${K}  on ${rng.int(1, 9)}-green.saas-linux-small-amd64.runners-manager.gitlab.com/default ${rng.hex(8)}, system ID: s_${rng.hex(12)}${END}`];
	// Section titles ride on the marker line; the writer adds the marker, so the head starts after it.
	const executor = [`${K}Using Docker executor with image ${job.image} ...${END}`];
	for (const s of job.services) executor.push(`${K}Starting service ${s} ...${END}`, `${K}Pulling docker image ${s} ...${END}`, `${K}Using docker image sha256:${rng.hex(64)} for ${s} with digest ${s.split(':')[0]}@sha256:${rng.hex(64)} ...${END}`);
	if (job.services.length) executor.push(`${K}Waiting for services to be up and running (timeout 30 seconds)...${END}`);
	executor.push(`${K}Pulling docker image ${job.image} ...${END}`, `${K}Using docker image sha256:${rng.hex(64)} for ${job.image} with digest ${job.image.split(':')[0]}@sha256:${rng.hex(64)} ...${END}`);
	out.push(step('prepare_executor', [...prepare, `@@prepare_executor@@${K}${header('Preparing the "docker+machine" executor')}`, ...executor, '@@end@@'], { builtin: 'prepare-executor' }));
	out.push(step('prepare_script', [`@@prepare_script@@${K}${header('Preparing environment')}`, `Running on runner-${rng.hex(8)}-project-${rng.int(1e7, 9e7)}-concurrent-0 via runner-${rng.hex(8)}-s-l-s-amd64-${rng.int(1.7e9, 1.8e9)}-${rng.hex(8)}...`, '@@end@@'], { builtin: 'environment' }));
	out.push(step('get_sources', [`@@get_sources@@${K}${header('Getting source from Git repository')}`, `\x1b[32;1mFetching changes with git depth set to 20...${END}`, `Initialized empty Git repository in /builds/${plan.org}/${plan.name}/.git/`, `\x1b[32;1mCreated fresh repository.${END}`, `\x1b[32;1mChecking out ${meta.sha.slice(0, 8)} as detached HEAD (ref is ${meta.branch})...${END}`, '', `\x1b[32;1mSkipping Git submodules setup${END}`, '@@end@@'], { builtin: 'get-sources' }));
	const cacheKey = `0_${plan.stack.lockfile.replace(/\W/g, '-')}-${rng.hex(16)}-non_protected`;
	if (g.cache) out.push(step('restore_cache', [`@@restore_cache@@${K}${header('Restoring cache')}`, `\x1b[32;1mChecking cache for ${cacheKey}...${END}`, `Downloading cache from https://storage.googleapis.com/gitlab-com-runners-cache/project/${rng.int(1e7, 9e7)}/${cacheKey}${END}  ETag${END}="${rng.hex(32)}"`, `\x1b[32;1mSuccessfully extracted cache${END}`, '@@end@@'], { builtin: 'restore-cache' }));
	if (g.dependencies) out.push(step('download_artifacts', [`@@download_artifacts@@${K}${header('Downloading artifacts')}`, `\x1b[32;1mDownloading artifacts for build (${rng.int(7e9, 8e9)})...${END}`, `Downloading artifacts from coordinator... ok        ${END}  host${END}=storage.googleapis.com id${END}=${rng.int(7e9, 8e9)} responseStatus${END}=200 OK token${END}=glcbt-64`, '@@end@@'], { builtin: 'download-artifacts' }));
	// step_script: before_script and script commands, each echoed, then its output.
	const commands: NonNullable<SkelStep['commands']> = [];
	const all = [...g.beforeScript.map((c) => ({ command: c, kind: (c.includes('install') || c.includes('ci ') || c.includes('download') || c.includes('fetch') ? 'install' : 'shell') as StepLogKind })), ...g.script.map((c) => ({ command: c, kind: job.steps.find((s) => s.command === c)?.log ?? ('shell' as StepLogKind) }))];
	let failAt = -1;
	if (jr.failed) {
		const heavy = all.map((c, i) => ({ c, i })).filter(({ c }) => (BODY_WEIGHT[c.kind] ?? 0) >= 2);
		failAt = heavy.length ? heavy[heavy.length - 1]!.i : all.length - 1;
	}
	const script: string[] = [`@@step_script@@${K}${header('Executing "step_script" stage of the job script')}`, `${K}Using docker image sha256:${rng.hex(64)} for ${job.image} with digest ${job.image.split(':')[0]}@sha256:${rng.hex(64)} ...${END}`];
	for (let i = 0; i < all.length && (failAt < 0 || i <= failAt); i++) {
		const c = all[i]!;
		const lines = c.command.split('\n');
		const echo = lines.length > 1 ? `\x1b[32;1m$ ${lines[0]} # collapsed multi-line command${END}` : `\x1b[32;1m$ ${c.command}${END}`;
		// Bodies are placed after their echo by the writer; the echo lines are fixed.
		const weight = BODY_WEIGHT[c.kind] ?? 1;
		commands.push({ command: echo, kind: c.kind, weight: Math.max(weight, 0.5), body: 0, ...(c.kind === 'test' && rng.chance(0.5) ? { section: `tests_${i}` } : {}) });
	}
	const stepScript = step('step_script', script, { failed: jr.failed, commands });
	// Each command's echo line (and a sub-section's start and end) are fixed lines of the step.
	stepScript.head.push(...commands.map((c) => c.command));
	for (const c of commands) if (c.section) stepScript.head.push('@@sub@@', '@@sub-end@@');
	stepScript.tail = ['@@end@@'];
	out.push(stepScript);
	if (g.afterScript.length) {
		out.push(step('after_script', [`@@after_script@@${K}${header('Running after_script')}`, `\x1b[32;1mRunning after script...${END}`, ...g.afterScript.map((c) => `\x1b[32;1m$ ${c}${END}`), '@@end@@'], { builtin: undefined }));
	}
	if (g.cache && g.cachePolicy === 'pull-push' && !jr.failed) out.push(step('archive_cache', [`@@archive_cache@@${K}${header('Saving cache for successful job')}`, `\x1b[32;1mCreating cache ${cacheKey}...${END}`, `${plan.stack.cachePaths[0]!.replace(/^~\//, '.')}/: found ${rng.int(100, 90000)} matching artifact files and directories${END}`, `Uploading cache.zip to https://storage.googleapis.com/gitlab-com-runners-cache/project/${rng.int(1e7, 9e7)}/${cacheKey}${END}`, `\x1b[32;1mCreated cache${END}`, '@@end@@'], { builtin: 'save-cache' }));
	if (g.artifacts || g.junit) {
		const name = jr.failed ? 'upload_artifacts_on_failure' : 'upload_artifacts_on_success';
		const lines = [`@@${name}@@${K}${header(`Uploading artifacts for ${jr.failed ? 'failed' : 'successful'} job`)}`, `\x1b[32;1mUploading artifacts...${END}`];
		if (g.artifacts) lines.push(`reports/: found ${rng.int(1, 900)} matching artifact files and directories${END} `, `Uploading artifacts as "archive" to coordinator... 201 Created${END}  id${END}=${jr.id} responseStatus${END}=201 Created token${END}=glcbt-64`);
		if (g.junit) lines.push(`\x1b[32;1mUploading artifacts...${END}`, `test-results/${job.key}.xml: found 1 matching artifact files and directories${END} `, `Uploading artifacts as "junit" to coordinator... 201 Created${END}  id${END}=${jr.id} responseStatus${END}=201 Created token${END}=glcbt-64`);
		lines.push('@@end@@');
		out.push(step(name, lines, { builtin: 'upload-artifacts' }));
	}
	out.push(step('cleanup_file_variables', [`@@cleanup_file_variables@@${K}${header('Cleaning up project directory and file based variables')}`, '@@end@@'], { builtin: 'cleanup' }));
	out.push(step('end', ['', jr.failed ? `\x1b[31;1mERROR: Job failed: exit code 1${END}` : `\x1b[32;1mJob succeeded${END}`]));
	return out;
}

// --- writing --------------------------------------------------------------------------------

export type Write = (path: string, content: string) => void;

function timeSteps(jr: JobRun): void {
	let at = jr.startMs;
	for (const s of jr.steps) {
		s.startMs = at;
		const lines = s.head.length + s.tail.length + s.body;
		s.durationMs = Math.round(200 + lines * (MS_PER_LINE[s.bodyKind ?? 'shell'] ?? 40) + (s.builtin ? 300 : 900));
		at += s.durationMs + 15;
	}
}

function contextFor(folder: FolderPlan, jr: JobRun, s: SkelStep, rng: Rng, fail: boolean): LogContext {
	const component = folder.plan.components.find((c) => jr.job.key.endsWith(c)) ?? folder.plan.components[0]!;
	let line = 0;
	return { stack: folder.plan.stack, component, fail, rng, baseMs: s.startMs, clock: () => (line++ * (MS_PER_LINE[s.bodyKind ?? 'shell'] ?? 40)) / 1000, ...(s.spec?.command ? { command: s.spec.command } : {}) };
}

/** Writes one run folder; returns the log lines written. */
export function writeFolder(folder: FolderPlan, seed: string, write: Write): number {
	const rng = new Rng(`${seed}:write:${folder.folder}`);
	for (const jr of folder.jobs) timeSteps(jr);
	const base = `${folder.plan.name}/runs/${folder.folder}`;
	if (folder.provider === 'circleci') return writeCircleci(folder, base, rng, write);
	if (folder.provider === 'github') return writeGithub(folder, base, rng, write);
	return writeGitlab(folder, base, rng, write);
}

function stepLines(folder: FolderPlan, jr: JobRun, s: SkelStep, rng: Rng): string[] {
	const body = s.bodyKind ? bodyLines(s.bodyKind, s.body, contextFor(folder, jr, s, rng, s.failed)) : [];
	return [...s.head, ...body, ...s.tail];
}

function writeCircleci(folder: FolderPlan, base: string, rng: Rng, write: Write): number {
	const jr = folder.jobs[0]!;
	const { meta, plan } = folder;
	const { job } = jr;
	let total = 0;
	const steps = jr.steps.map((s, i) => {
		const lines = stepLines(folder, jr, s, rng);
		total += lines.length;
		if (lines.length > 0) {
			// Output arrives in chunks; stderr (the failure) in chunks of its own.
			const messages: { message: string; time: string; type: string; truncated: boolean }[] = [];
			const errFrom = s.failed ? Math.max(0, lines.length - s.tail.length - 8) : lines.length;
			for (let at = 0; at < lines.length; ) {
				const end = at < errFrom ? Math.min(errFrom, at + rng.int(20, 400)) : lines.length;
				messages.push({ message: `${lines.slice(at, end).join('\r\n')}\r\n`, time: iso(s.startMs + Math.round(((at + 1) / lines.length) * s.durationMs)), type: at < errFrom ? 'out' : 'err', truncated: false });
				at = end;
			}
			write(`${base}/output-${i}-0.json`, JSON.stringify(messages, null, 1));
		}
		const infra = s.builtin === 'spin-up' || s.builtin === 'environment';
		const upload = s.spec?.log === 'artifacts' || s.spec?.log === 'test-results';
		return {
			name: s.name,
			actions: [
				{
					truncated: false,
					index: 0,
					parallel: true,
					failed: s.failed ? true : null,
					infrastructure_fail: null,
					name: s.name,
					bash_command: s.spec?.command ?? (s.spec?.log === 'checkout' ? '#!/bin/sh\nset -e\n# Workaround old docker images with incorrect $HOME\n...' : null),
					status: s.failed ? 'failed' : 'success',
					timedout: null,
					continue: null,
					end_time: iso(s.startMs + s.durationMs),
					type: infra ? 'infrastructure' : upload ? 'upload' : 'test',
					output_url: `https://circle-production-action-output.s3.amazonaws.com/${rng.hex(24)}-${i}-0`,
					start_time: iso(s.startMs),
					background: false,
					exit_code: infra || upload || s.spec?.log?.startsWith('cache') ? null : s.failed ? 1 : 0,
					insignificant: false,
					canceled: null,
					step: i,
					run_time_millis: s.durationMs,
					has_output: lines.length > 0,
				},
			],
		};
	});
	const last = jr.steps.at(-1)!;
	const stop = last.startMs + last.durationMs;
	const queued = jr.startMs - rng.int(300, 40_000);
	const status = jr.failed ? 'failed' : 'success';
	const build = {
		build_num: jr.id,
		build_url: `https://circleci.com/gh/${plan.org}/${plan.name}/${jr.id}`,
		branch: meta.branch,
		vcs_tag: null,
		vcs_revision: meta.sha,
		vcs_url: `https://github.com/${plan.org}/${plan.name}`,
		author_name: meta.author[0],
		author_email: `${meta.author[1]}@example.org`,
		committer_name: meta.author[0],
		subject: meta.subject,
		body: '',
		status,
		outcome: status,
		lifecycle: 'finished',
		failed: jr.failed,
		timedout: false,
		canceled: false,
		queued_at: iso(queued),
		start_time: iso(jr.startMs),
		stop_time: iso(stop),
		build_time_millis: stop - jr.startMs,
		usage_queued_at: iso(queued - 100),
		parallel: 1,
		platform: '2.0',
		why: 'github',
		job_name: null,
		workflows: { workflow_name: job.workflow, job_name: job.entry, job_id: uuid(rng), workflow_id: meta.workflowId },
		picard: { build_agent: { image: null, properties: { build_agent: `1.0.${rng.int(200000, 299999)}-${rng.hex(8)}`, executor: job.image.startsWith('ubuntu-') ? 'machine' : 'docker' } }, resource_class: { cpu: 2.0, ram: 4096, class: job.resourceClass }, executor: job.image.startsWith('ubuntu-') ? 'machine' : 'docker' },
		reponame: plan.name,
		username: plan.org,
		vcs_type: 'github',
		steps,
	};
	write(`${base}/build.json`, JSON.stringify(build, null, 1));
	if (rng.chance(0.5)) {
		write(
			`${base}/job.json`,
			JSON.stringify(
				{
					number: jr.id,
					name: job.entry,
					status,
					started_at: iso(jr.startMs),
					stopped_at: iso(stop),
					queued_at: iso(queued),
					duration: stop - jr.startMs,
					web_url: `https://app.circleci.com/pipelines/github/${plan.org}/${plan.name}/${meta.pipelineNumber}/workflows/${meta.workflowId}/jobs/${jr.id}`,
					executor: { type: job.image.startsWith('ubuntu-') ? 'machine' : 'docker', resource_class: job.resourceClass },
					parallelism: 1,
					project: { slug: `gh/${plan.org}/${plan.name}`, name: plan.name, external_url: `https://github.com/${plan.org}/${plan.name}` },
					organization: { name: plan.org },
					latest_workflow: { id: meta.workflowId, name: job.workflow },
					pipeline: { id: uuid(rng) },
					contexts: [],
					messages: [],
				},
				null,
				1,
			),
		);
	}
	return total;
}

function safeFileName(name: string): string {
	return name.replace(/[/\\:*?"<>|]/g, '').slice(0, 120);
}

function writeGithub(folder: FolderPlan, base: string, rng: Rng, write: Write): number {
	const { meta, plan } = folder;
	let total = 0;
	const jobsJson: unknown[] = [];
	for (const jr of folder.jobs) {
		const dir = `${base}/${safeFileName(jr.job.entry)}`;
		jr.steps.forEach((s, i) => {
			const lines = stepLines(folder, jr, s, rng);
			total += lines.length;
			const n = lines.length;
			const text = lines.map((line, k) => `${ghTime(s.startMs + (n > 1 ? (k / (n - 1)) * s.durationMs : 0) + k * 0.0001)} ${line}`).join('\n');
			write(`${dir}/${i + 1}_${safeFileName(s.name)}.txt`, `\uFEFF${text}\n`);
		});
		const last = jr.steps.at(-1)!;
		const end = last.startMs + last.durationMs;
		jobsJson.push({
			id: jr.id,
			run_id: Number(folder.folder.slice('github-'.length)),
			name: jr.job.entry,
			status: 'completed',
			conclusion: jr.failed ? 'failure' : 'success',
			created_at: iso(jr.startMs - rng.int(2, 60) * 1000).replace('.000Z', 'Z'),
			started_at: iso(jr.startMs).replace(/\.\d+Z$/, 'Z'),
			completed_at: iso(end).replace(/\.\d+Z$/, 'Z'),
			html_url: `https://github.com/${plan.org}/${plan.name}/actions/runs/${folder.folder.slice('github-'.length)}/job/${jr.id}`,
			runner_name: `GitHub Actions ${rng.int(1, 900)}`,
			labels: [jr.job.runsOn ?? 'ubuntu-latest'],
		});
	}
	const failed = folder.jobs.some((j) => j.failed);
	const runId = Number(folder.folder.slice('github-'.length));
	write(
		`${base}/run.json`,
		JSON.stringify(
			{
				id: runId,
				name: folder.jobs[0]!.job.workflow,
				path: folder.jobs[0]!.job.workflowFile,
				run_number: meta.number,
				event: meta.branch === plan.defaultBranch ? 'push' : 'pull_request',
				status: 'completed',
				conclusion: failed ? 'failure' : 'success',
				head_branch: meta.branch,
				head_sha: meta.sha,
				display_title: meta.subject,
				html_url: `https://github.com/${plan.org}/${plan.name}/actions/runs/${runId}`,
				run_started_at: iso(meta.startMs).replace(/\.\d+Z$/, 'Z'),
				created_at: iso(meta.startMs).replace(/\.\d+Z$/, 'Z'),
				actor: { login: meta.author[1] },
				head_commit: { id: meta.sha, message: meta.subject, author: { name: meta.author[0] } },
			},
			null,
			1,
		),
	);
	if (rng.chance(0.5)) write(`${base}/jobs.json`, JSON.stringify({ total_count: jobsJson.length, jobs: jobsJson }, null, 1));
	return total;
}

function writeGitlab(folder: FolderPlan, base: string, rng: Rng, write: Write): number {
	const jr = folder.jobs[0]!;
	const { meta, plan } = folder;
	const { job } = jr;
	const out: string[] = [];
	const unix = (ms: number) => Math.floor(ms / 1000);
	for (const s of jr.steps) {
		const start = `${K}section_start:${unix(s.startMs)}:${s.name}\r${K}`;
		const end = `${K}section_end:${unix(s.startMs + s.durationMs)}:${s.name}\r${K}`;
		const fix = (line: string) => (line === '@@end@@' ? end : line.startsWith('@@') ? start + line.replace(/^@@[a-z_]+@@/, '') : line);
		if (!s.commands) {
			for (const line of s.head) out.push(fix(line));
			continue;
		}
		// step_script: its header lines, then each command's echo and output (test commands in a collapsed sub-section).
		const headOnly = s.head.slice(0, s.head.length - s.commands.length - s.commands.filter((c) => c.section).length * 2);
		for (const line of headOnly) out.push(fix(line));
		s.commands.forEach((c, i) => {
			const fail = s.failed && i === s.commands!.length - 1;
			const body = bodyLines(c.kind, c.body, contextFor(folder, jr, s, rng, fail));
			if (c.section) out.push(`${K}section_start:${unix(s.startMs)}:${c.section}[collapsed=true]\r${K}\x1b[36;1mRunning ${c.kind === 'test' ? 'the tests' : 'the command'}${END}`, c.command, ...body, `${K}section_end:${unix(s.startMs + s.durationMs)}:${c.section}\r${K}`);
			else out.push(c.command, ...body);
		});
		for (const line of s.tail) out.push(fix(line));
	}
	write(`${base}/trace.log`, `${out.join('\n')}\n`);
	const last = jr.steps.at(-1)!;
	const stop = last.startMs + last.durationMs;
	const queued = rng.int(1, 90) + rng.next();
	write(
		`${base}/job.json`,
		JSON.stringify(
			{
				id: jr.id,
				name: job.entry,
				stage: job.gitlab!.stage,
				status: jr.failed ? 'failed' : 'success',
				ref: meta.branch,
				tag: false,
				created_at: iso(jr.startMs - Math.round(queued * 1000) - 2000),
				started_at: iso(jr.startMs),
				finished_at: iso(stop),
				duration: (stop - jr.startMs) / 1000,
				queued_duration: Math.round(queued * 1000) / 1000,
				web_url: `https://gitlab.com/${plan.org}/${plan.name}/-/jobs/${jr.id}`,
				allow_failure: false,
				commit: { id: meta.sha, short_id: meta.sha.slice(0, 8), title: meta.subject, author_name: meta.author[0] },
				pipeline: { id: 1_500_000_000 + meta.number, ref: meta.branch, sha: meta.sha, status: jr.failed ? 'failed' : 'success' },
				runner: { description: '3-green.saas-linux-small-amd64.runners-manager.gitlab.com/default', is_shared: true },
				user: { username: meta.author[1] },
				tag_list: ['saas-linux-small-amd64'],
			},
			null,
			1,
		),
	);
	return out.length;
}

