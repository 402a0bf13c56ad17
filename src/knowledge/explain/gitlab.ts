/**
 * GitLab job keywords as Pipeline Atlas models them as steps: `cache` (a restore before the
 * script and a save after it), `dependencies`, `artifacts` and `artifacts:reports:junit`,
 * `trigger`, and the notes that go with `before_script`/`script`/`after_script`.
 */
import type { Job, Step } from '../../model';
import { partNotes, reuseClause } from './cache-keys';
import { explanation, type Explanation } from './explanation';
import { code, codeList } from './text';

const YAML = 'https://docs.gitlab.com/ci/yaml/';
const CACHE_NOTES = [
	'GitLab keeps caches on the runner (or in shared storage when the runners are set up for it), so a job on another runner may not find it; a missing cache is not an error.',
	'Pipelines on protected and unprotected branches keep separate caches by default.',
];

function keyName(key: string): string {
	return key === 'default' ? '`default` (no key given: shared by every job and branch that also gives none)' : code(key);
}

function cacheRestore(step: Step): Explanation {
	const [key = 'default', ...fallbacks] = step.keys ?? [];
	const paths = step.paths ?? [];
	const details = [...partNotes([key, ...fallbacks], 'gitlab')];
	if (fallbacks.length) details.push(`When no cache exists under the key, GitLab tries ${codeList(fallbacks)} in order (\`fallback_keys\`), then the project’s \`CACHE_FALLBACK_KEY\` if set.`);
	const policy = step.with.policy;
	if (policy === 'pull') details.push('`policy: pull`: this job only downloads the cache and never uploads it, so nothing it changes reaches later jobs through the cache.');
	else if (policy?.includes('$')) details.push(policyFromPipeline(policy));
	details.push(...CACHE_NOTES);
	return explanation({
		summary: `Restores ${codeList(paths) || 'the cached files'} from the cache ${keyName(key)}, reused ${reuseClause(key, 'gitlab')}.`,
		details,
		topic: 'gitlab:cache',
		reference: `${YAML}#cache`,
	});
}

/** A `policy` GitLab reads when the pipeline runs (`policy: $CACHE_POLICY`): which of the two steps happen is known then. */
function policyFromPipeline(policy: string): string {
	return `The policy, \`${policy}\`, is known only when the pipeline runs: \`pull\` only restores the cache, \`push\` only saves it, \`pull-push\` does both.`;
}

function cacheSave(step: Step): Explanation {
	const key = step.keys?.[0] ?? 'default';
	const paths = step.paths ?? [];
	const when: Record<string, string> = { always: ', whether the script succeeded or not', on_failure: ', only when the script failed' };
	const details = [
		...partNotes([key], 'gitlab'),
		step.with.policy === undefined
			? 'Unlike CircleCI and GitHub, GitLab replaces the cache under this key each time a job saves it (with the default `policy: pull-push`).'
			: 'Unlike CircleCI and GitHub, GitLab replaces the cache under this key each time a job saves it.',
		...(step.with.policy === 'push' ? ['`policy: push`: this job only uploads the cache; it does not download it first, so it starts without the files a cache would give.'] : step.with.policy?.includes('$') ? [policyFromPipeline(step.with.policy)] : []),
		...(step.with.untracked === 'true' ? ['`untracked: true` also saves every file git does not track.'] : []),
		...CACHE_NOTES,
	];
	return explanation({
		summary: `Uploads ${codeList(paths) || 'the listed paths'} to the cache ${keyName(key)} after the script${when[step.condition ?? ''] ?? ''}, for later jobs and pipelines.`,
		details,
		topic: 'gitlab:cache',
		reference: `${YAML}#cache`,
	});
}

const REPORTS: Record<string, string> = {
	dotenv: 'its `KEY=value` lines become variables of the jobs that come after',
	coverage_report: 'merge requests show which changed lines the tests cover',
	cobertura: 'merge requests show which changed lines the tests cover',
	codequality: 'merge requests show new code-quality findings',
	sast: 'findings appear in the security reports of merge requests and the pipeline',
	dependency_scanning: 'vulnerable dependencies appear in the security reports',
	container_scanning: 'image vulnerabilities appear in the security reports',
	secret_detection: 'leaked secrets appear in the security reports',
	dast: 'findings of the dynamic scan appear in the security reports',
	terraform: 'merge requests show the planned Terraform changes',
	metrics: 'merge requests show how the metrics changed',
	accessibility: 'merge requests show accessibility problems',
	browser_performance: 'merge requests show how page performance changed',
	load_performance: 'merge requests show how load-test results changed',
	annotations: 'links from the file appear on the job’s page',
	cyclonedx: 'the software bill of materials is stored with the pipeline',
	api_fuzzing: 'fuzzing findings appear in the security reports',
};

function artifacts(step: Step): Explanation {
	const paths = step.paths ?? [];
	const w = step.with;
	const details: string[] = [];
	details.push('Jobs in later stages download them automatically, unless they list other jobs under `dependencies` or `needs`; they can also be downloaded from the job’s page.');
	details.push(w.expire_in ? `Kept for ${code(w.expire_in)} (\`expire_in\`).` : 'Kept for the instance’s default time (30 days on GitLab.com) unless `expire_in` is set.');
	if (w.expose_as) details.push(`Linked from merge requests as ${code(w.expose_as)}.`);
	if (w.untracked === 'true') details.push('`untracked: true` also uploads every file git does not track.');
	if (w.exclude) details.push(`Leaves out ${code(w.exclude)}.`);
	if (w.public === 'false' || w.access === 'developer' || w.access === 'none') details.push('Only project members (or nobody) can download them.');
	const reports = Object.entries(w).filter(([k]) => k.startsWith('reports.'));
	for (const [k, v] of reports) {
		const kind = k.slice('reports.'.length);
		details.push(`Report ${code(kind)} from ${code(v)}: ${REPORTS[kind] ?? 'GitLab reads it and shows it with the pipeline'}.`);
	}
	if (step.condition === 'always') details.push('`when: always`: uploaded whether the job passed or failed.');
	if (step.condition === 'on_failure') details.push('`when: on_failure`: uploaded only when the job failed.');
	const risks = paths.some((p) => /(^|\/)(\.env|id_rsa|.*\.pem|.*\.key|credentials?|secrets?)(\/|$)/i.test(p))
		? [`${codeList(paths)} may hold credentials; artifacts can be downloaded by anyone who can see the pipeline (unless \`access\` limits it).`]
		: [];
	const what = paths.length ? codeList(paths) : reports.length ? `the ${codeList(reports.map(([k]) => k.slice(8)))} report${reports.length === 1 ? '' : 's'}` : 'the untracked files';
	return explanation({
		summary: `Uploads ${what} as the job’s artifacts${w.name ? ` (named ${code(w.name)})` : ''}${step.condition === 'always' ? ', even if the job failed' : step.condition === 'on_failure' ? ', only if the job failed' : ' when the job succeeds'}.`,
		details,
		risks,
		topic: 'gitlab:artifacts',
		reference: `${YAML}#artifacts`,
	});
}

function junit(step: Step): Explanation {
	return explanation({
		summary: `Uploads the JUnit XML reports ${codeList(step.paths ?? [])}, so the pipeline’s Tests tab and merge requests list failed tests.`,
		details: ['Reports are uploaded even when the tests fail, as long as the job gets to its artifact upload.'],
		topic: 'gitlab:artifacts:reports:junit',
		reference: `${YAML}#artifactsreportsjunit`,
	});
}

function dependencies(step: Step): Explanation {
	const jobs = (step.with.jobs ?? '').split(/,\s*/).filter(Boolean);
	return explanation({
		summary: `Downloads the artifacts of ${codeList(jobs)} only, instead of those of every job in earlier stages.`,
		details: ['The listed jobs must be in earlier stages; their artifacts are unpacked into the project folder before the script runs.'],
		topic: 'gitlab:dependencies',
		reference: `${YAML}#dependencies`,
	});
}

function trigger(step: Step): Explanation {
	const w = step.with;
	const details: string[] = [];
	if (w.strategy === 'depend') details.push('`strategy: depend`: this job waits for the downstream pipeline and takes its status, so a failure there fails this job.');
	else details.push('Without `strategy: depend`, this job succeeds as soon as the downstream pipeline is created, whatever happens to it.');
	if (w.branch) details.push(`Runs the downstream project’s pipeline for the branch ${code(w.branch)}.`);
	if (w.forward) details.push('`forward` decides which variables the downstream pipeline receives.');
	const child = w.project === undefined;
	return explanation({
		summary: child
			? `Starts a child pipeline from ${w.include ? code(w.include.replace(/\s+/g, ' '), 60) : 'a generated configuration'}, which runs alongside this one with its own jobs.`
			: `Starts a pipeline in the project ${code(w.project!)} (a multi-project pipeline).`,
		details,
		topic: child ? 'gitlab:trigger:child' : 'gitlab:trigger:project',
		reference: `${YAML}#trigger`,
	});
}

/** A GitLab step other than a script, or undefined for keywords not modelled here. */
export function explainGitlabStep(step: Step): Explanation | undefined {
	switch (step.keyword) {
		case 'cache':
			return step.kind === 'cache-save' ? cacheSave(step) : cacheRestore(step);
		case 'artifacts':
			return artifacts(step);
		case 'artifacts:reports:junit':
			return junit(step);
		case 'dependencies':
			return dependencies(step);
		case 'trigger':
			return trigger(step);
		default:
			return undefined;
	}
}

/** Notes on `before_script`, `script` and `after_script` ahead of the script's own explanation. */
export function gitlabScriptNotes(step: Step, job?: Job): string[] {
	return [...sectionNotes(step), ...jobNotes(step, job)];
}

/** What the job around the script adds: a Docker-in-Docker service, an environment it deploys to. */
function jobNotes(step: Step, job: Job | undefined): string[] {
	if (!job || step.keyword !== 'script') return [];
	const notes: string[] = [];
	const dind = job.services.find((s) => /(^|\/)docker:.*dind/.test(s.image));
	if (dind && /\bdocker\b/.test(step.command ?? '')) {
		notes.push(`The \`docker\` commands talk to the ${code(dind.image)} service: a Docker engine running beside the job, reached through \`DOCKER_HOST\`.`);
	}
	if (job.deployTarget) notes.push(`The job deploys to the environment ${code(job.deployTarget)}: GitLab records each run as a deployment there.`);
	return notes;
}

function sectionNotes(step: Step): string[] {
	switch (step.keyword) {
		case 'before_script':
			return ['`before_script` runs before `script` in the same shell, so its variables and `cd` carry over; a failure here fails the job.'];
		case 'after_script':
			return ['`after_script` runs after `script` even when it failed, in a new shell (variables exported by `script` are gone); its own failure does not fail the job.'];
		case 'script':
			return [`Each line of \`script\` runs in turn in one shell; the job fails at the first line that exits with an error.`];
		default:
			return [];
	}
}

