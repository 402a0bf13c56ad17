/** CircleCI's built-in steps: checkout, caches, workspaces, artifacts, test results, SSH keys, remote Docker, when/unless. */
import { allSteps, type Job, type Pipeline, type Step } from '../../model';
import { isStaticKey, partNotes, reuseClause, staticPrefix } from './cache-keys';
import { explanation, type Explanation } from './explanation';
import { code, codeList, joinPath, plural } from './text';
import { jobsAfter, jobsBefore } from './workspaces';

const REFERENCE = 'https://circleci.com/docs/reference/configuration-reference/';
const CACHING = 'https://circleci.com/docs/guides/optimize/caching/';
const WORKSPACES = 'https://circleci.com/docs/guides/orchestrate/workspaces/';

export interface CircleContext {
	job?: Job | undefined;
	pipeline?: Pipeline | undefined;
}

function workingDirectory(context: CircleContext): string {
	return context.job?.executor.workingDirectory ?? '~/project';
}

function checkout(step: Step, context: CircleContext): Explanation {
	const path = step.with.path;
	const where = path ? code(path) : `the job’s working directory (${code(workingDirectory(context))})`;
	const details = [
		'CircleCI clones with the project’s deploy key (or user key) over SSH; git submodules are not fetched unless a later step runs `git submodule update --init`.',
	];
	if (step.with.method) details.push(`\`method: ${step.with.method}\`: ${step.with.method === 'blobless' ? 'file contents of older commits are fetched only when needed, which makes the clone faster' : 'a full clone with the complete history'}.`);
	return explanation({ summary: `Clones the repository at the commit that started the pipeline into ${where}.`, details, topic: 'circleci:checkout', reference: `${REFERENCE}#checkout` });
}

function remoteDocker(step: Step): Explanation {
	const details = [
		'The engine runs on a separate machine: containers started there do not share the job’s files or ports, so copy files with `docker cp` and reach services through the engine, not `localhost`.',
	];
	if (step.with.docker_layer_caching === 'true') details.push('`docker_layer_caching: true` keeps the image layers of earlier jobs, so unchanged Dockerfile steps are not rebuilt (a paid feature).');
	if (step.with.version) details.push(`\`version: ${step.with.version}\` picks the Docker version of the remote engine.`);
	return explanation({
		summary: 'Starts a separate Docker engine for this job, so `docker build`, `docker run` and `docker push` work from inside the job’s container.',
		details,
		topic: 'circleci:setup_remote_docker',
		reference: 'https://circleci.com/docs/guides/execution-managed/building-docker-images/',
	});
}

function saveCache(step: Step, context: CircleContext): Explanation {
	const key = step.keys?.[0] ?? '?';
	const paths = step.paths ?? [];
	const details = [
		...partNotes([key], 'circleci'),
		'CircleCI never overwrites a cache: if a cache with this exact key already exists, this step uploads nothing.',
		'Caches are kept for 15 days by default and shared by every branch and workflow of the project whose keys match.',
	];
	if (step.condition === 'always') details.push('`when: always`: the cache is saved even if an earlier step failed.');
	else if (step.condition === 'on_fail') details.push('`when: on_fail`: the cache is saved only when an earlier step failed.');
	const restorers = allSteps(context.job?.steps ?? []).filter((s) => s.kind === 'cache-restore' && s.keyword === 'restore_cache' && (s.keys ?? []).some((k) => k === key || key.startsWith(k)));
	if (restorers.length) details.push(`Read back by the \`restore_cache\` step${restorers.length === 1 ? '' : 's'} ${codeList(restorers.map((s) => s.name))} of this job in later runs.`);
	const risks = isStaticKey(key, 'circleci') ? [`The key ${code(key)} never changes, and CircleCI never overwrites a key: the cache is saved once and then stays as it was, however stale, until the key is edited.`] : [];
	return explanation({
		summary: `Saves ${codeList(paths) || 'the listed paths'} in the cache under the key ${code(key)}, reused ${reuseClause(key, 'circleci')}.`,
		details,
		risks,
		topic: 'circleci:save_cache',
		reference: CACHING,
	});
}

function restoreCache(step: Step): Explanation {
	const keys = step.keys ?? [];
	const [first, ...fallbacks] = keys;
	const details = [...partNotes(keys, 'circleci')];
	for (const fallback of fallbacks) {
		const prefixOf = first !== undefined && staticPrefix(first).startsWith(fallback.replace(/\{\{.*$/, '')) && !/\{\{/.test(fallback);
		details.push(`Fallback ${code(fallback)}: when nothing matches the keys before it, the newest cache whose key starts with this text is restored${prefixOf ? ' — an older cache, so only what changed since has to be downloaded again' : ''}.`);
	}
	details.push('Each key is matched as a prefix and the most recent matching cache wins; when no key matches, the step does nothing and the job continues without a cache.');
	if (keys.some((k) => /checksum/.test(k))) details.push('Keys are worked out when the step runs, so the files named in `checksum` must exist by then (the checkout comes first).');
	const reuse = first ? reuseClause(first, 'circleci') : '';
	return explanation({
		summary: first
			? `Restores the newest cache whose key starts with ${code(first)} (so one is reused ${reuse})${fallbacks.length ? `, falling back to ${plural(fallbacks.length, 'shorter key')}` : ''}.`
			: 'Restores a cache saved by an earlier run.',
		details,
		topic: 'circleci:restore_cache',
		reference: CACHING,
	});
}

function persist(step: Step, context: CircleContext): Explanation {
	const root = step.root ?? '.';
	const paths = step.paths ?? [];
	const details = [`Paths are relative to ${code(root)}; the workspace keeps them at the same relative place.`];
	const after = context.pipeline && context.job ? jobsAfter(context.pipeline, context.job.id) : [];
	const receivers = after
		.map((job) => ({ job, at: allSteps(job.steps).filter((s) => s.kind === 'workspace-attach' && s.keyword === 'attach_workspace').map((s) => s.root ?? '.') }))
		.filter((r) => r.at.length > 0);
	for (const { job, at } of receivers) {
		const landed = paths.flatMap((p) => at.map((a) => (joinPath(a, p) === a ? `${code(a)} (the whole folder)` : code(joinPath(a, p)))));
		details.push(`${code(job.name)} attaches the workspace at ${codeList(at)}, so it finds ${landed.join(', ')}.`);
	}
	if (context.pipeline && receivers.length === 0) details.push('No job after this one in the workflows attaches the workspace, so nothing reads these files yet.');
	details.push('A workspace lives only as long as the workflow (15 days by default); unlike a cache, other pipelines never see it.');
	const names = receivers.map((r) => r.job.name);
	return explanation({
		summary: `Adds ${codeList(paths) || 'files'} from ${root === '.' ? 'the working directory' : code(root)} to the workflow’s workspace, for ${names.length ? codeList(names) : 'the jobs that run after this one'} to attach.`,
		details,
		topic: 'circleci:persist_to_workspace',
		reference: WORKSPACES,
	});
}

function attach(step: Step, context: CircleContext): Explanation {
	const at = step.root ?? '.';
	const before = context.pipeline && context.job ? jobsBefore(context.pipeline, context.job.id) : [];
	const senders = before
		.map((job) => ({ job, persisted: allSteps(job.steps).filter((s) => s.kind === 'workspace-persist') }))
		.filter((s) => s.persisted.length > 0);
	const details = senders.map(
		({ job, persisted }) => `From ${code(job.name)}: ${codeList(persisted.flatMap((s) => s.paths ?? []))}, which land at ${codeList(persisted.flatMap((s) => (s.paths ?? []).map((p) => joinPath(at, p))))}.`,
	);
	details.push('Only jobs this one requires (directly or through others) contribute; if two of them saved the same path at the same time, attaching fails.');
	return explanation({
		summary: senders.length
			? `Puts the files that ${codeList(senders.map((s) => s.job.name))} saved to the workflow’s workspace into ${code(at)}.`
			: `Puts the files that earlier jobs of this workflow saved to the workspace into ${code(at)}.`,
		details,
		topic: 'circleci:attach_workspace',
		reference: WORKSPACES,
	});
}

function artifacts(step: Step): Explanation {
	const path = step.paths?.[0] ?? '?';
	const risks = /(^|\/)(\.env|id_rsa|.*\.pem|.*\.key|credentials?|secrets?)(\/|$)/i.test(path) ? [`${code(path)} looks like it may hold credentials: artifacts can be downloaded by anyone who can see the project’s builds.`] : [];
	return explanation({
		summary: `Uploads ${code(path)} to the job’s Artifacts tab${step.destination ? ` as ${code(step.destination)}` : ''}, where it can be browsed and downloaded after the job.`,
		details: ['Artifacts are kept for 30 days by default; unlike workspaces, later jobs do not receive them.'],
		risks,
		topic: 'circleci:store_artifacts',
		reference: 'https://circleci.com/docs/guides/optimize/artifacts/',
	});
}

function testResults(step: Step): Explanation {
	const path = step.paths?.[0] ?? '?';
	return explanation({
		summary: `Uploads the JUnit XML test reports found in ${code(path)}, so CircleCI’s Tests tab lists failed and slow tests.`,
		details: ['The timings also let `circleci tests split --split-by=timings` balance tests across parallel copies of the job.'],
		topic: 'circleci:store_test_results',
		reference: 'https://circleci.com/docs/guides/test/collect-test-data/',
	});
}

function sshKeys(step: Step): Explanation {
	const prints = step.fingerprints ?? [];
	return explanation({
		summary: prints.length
			? `Adds the SSH key${prints.length === 1 ? '' : 's'} with fingerprint${prints.length === 1 ? '' : 's'} ${codeList(prints, 3)}, stored in the project settings, to the job.`
			: 'Adds every SSH key stored in the project settings to the job.',
		details: ['The keys go to `~/.ssh` and the SSH agent: typically to push to another repository, clone a private dependency or deploy over SSH.'],
		topic: 'circleci:add_ssh_keys',
		reference: `${REFERENCE}#add-ssh-keys`,
	});
}

function conditional(step: Step): Explanation {
	const unless = step.keyword === 'unless';
	const condition = step.condition ?? '?';
	return explanation({
		summary: `Runs the ${plural(step.children.length, 'step')} inside only when ${code(condition)}.`,
		details: [
			`CircleCI decides this when it processes the configuration, before the job starts, so the condition can only use parameters and pipeline values, not anything a step computes.${unless ? ' `unless` is the negated form of `when`.' : ''}`,
		],
		topic: `circleci:${step.keyword}`,
		reference: `${REFERENCE}#the-when-step`,
	});
}

function reusableCommand(step: Step): Explanation {
	const args = Object.entries(step.with);
	return explanation({
		summary: `Runs the command ${code(step.keyword)} defined under \`commands:\` in this configuration${step.children.length ? `, which expands to the ${plural(step.children.length, 'step')} shown with it` : ''}.`,
		details: args.length ? [`Arguments: ${args.map(([k, v]) => `${code(k)} = ${code(v, 40)}`).join(', ')}.`] : [],
		topic: 'circleci:command',
		reference: 'https://circleci.com/docs/guides/orchestrate/reusing-config/#authoring-reusable-commands',
	});
}

/** A built-in CircleCI step (not `run`, which scripts explain), or undefined for other keywords. */
export function explainCircleciStep(step: Step, context: CircleContext): Explanation | undefined {
	switch (step.keyword) {
		case 'checkout':
			return checkout(step, context);
		case 'setup_remote_docker':
			return remoteDocker(step);
		case 'save_cache':
			return saveCache(step, context);
		case 'restore_cache':
			return restoreCache(step);
		case 'persist_to_workspace':
			return persist(step, context);
		case 'attach_workspace':
			return attach(step, context);
		case 'store_artifacts':
			return artifacts(step);
		case 'store_test_results':
			return testResults(step);
		case 'add_ssh_keys':
			return sshKeys(step);
		case 'when':
		case 'unless':
			return step.kind === 'conditional' ? conditional(step) : undefined;
		case 'steps':
			return step.kind === 'other'
				? explanation({
						summary: `Stands for the steps passed in through ${code(step.name)} when a workflow uses this job.`,
						details: ['The job is shown without a workflow’s arguments here, so those steps are not known.'],
						topic: 'circleci:steps-parameter',
						reference: 'https://circleci.com/docs/guides/orchestrate/reusing-config/#steps',
					})
				: undefined;
	}
	if (step.kind === 'command') return reusableCommand(step);
	return undefined;
}

/** Notes on a `run` step's settings, ahead of the script's own explanation. */
export function circleciRunNotes(step: Step): string[] {
	const notes: string[] = [];
	if (step.keyword === 'deploy') notes.push('`deploy` is the old spelling of `run`; CircleCI treats it the same way.');
	if (step.background) notes.push('`background: true`: the job moves on to the next step without waiting for this one (typical for a server the tests talk to).');
	if (step.condition === 'always') notes.push('`when: always`: runs even when an earlier step failed.');
	if (step.condition === 'on_fail') notes.push('`when: on_fail`: runs only when an earlier step failed, e.g. to collect logs.');
	if (step.workingDirectory) notes.push(`Runs in ${code(step.workingDirectory)}.`);
	if (step.with.no_output_timeout) notes.push(`Fails if it prints nothing for ${code(step.with.no_output_timeout)} (the default is 10 minutes).`);
	if (step.shell) notes.push(`Runs with the shell ${code(step.shell)}.`);
	return notes;
}

