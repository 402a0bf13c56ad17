/**
 * GitLab CI configs: `include: local` files, hidden template jobs used through `extends`
 * (single and lists, across files), YAML anchors and merge keys within a file, `!reference`,
 * `default`, `workflow:rules`, job `rules` (if, changes, when: manual), `needs`, `dependencies`,
 * `parallel: matrix` and `parallel: N`, services, caches, artifacts with junit reports, and
 * environments (deploy targets) with URLs, tiers and actions.
 *
 * A GitLab job's model steps follow from its keys (cache restore, dependencies, before_script,
 * script, after_script, cache save, artifacts, junit), so a job's step budget picks which of
 * those keys it has: 1 to 7 steps.
 */
import { CI_VARS, planLeaves, type JobSpec } from './jobs';
import type { EmitResult, GitlabRunShape, PipelinePlan, RunnableJob } from './types';
import { item, lines, q } from './yaml';

const ci = CI_VARS.gitlab;
export const GITLAB_MAX_STEPS = 7;

type Feature = 'before' | 'cache' | 'cache-pull' | 'deps' | 'after' | 'artifacts' | 'junit';
type FileId = 'main' | 'test' | 'deploy';

const STAGE: Record<JobSpec['archetype'], string> = {
	install: 'build',
	lint: 'lint',
	typecheck: 'lint',
	audit: 'lint',
	unit: 'test',
	integration: 'test',
	e2e: 'test',
	coverage: 'test',
	benchmark: 'test',
	build: 'build',
	docs: 'build',
	docker: 'package',
	deploy: 'deploy',
	smoke: 'deploy',
	migrate: 'deploy',
	notify: 'deploy',
	release: 'release',
};
const STAGES = ['lint', 'test', 'build', 'package', 'deploy', 'release'];

export function emitGitlab(plan: PipelinePlan): EmitResult {
	const rng = plan.rng.fork('gitlab');
	const { stack } = plan;
	const version = rng.pick(stack.versions);
	const image = stack.gitlabImage(version);
	const setupLines = [stack.toolVersion, stack.install.command];
	const cacheKeyFiles = [stack.lockfile];
	const cachePaths = stack.cachePaths.map((p) => p.replace(/^~\//, '.'));
	const fileOf = (spec: JobSpec): FileId => (['unit', 'integration', 'e2e', 'coverage', 'benchmark'].includes(spec.archetype) ? 'test' : ['deploy', 'smoke', 'migrate', 'notify', 'release'].includes(spec.archetype) ? 'deploy' : 'main');
	const bodies: Record<FileId, string[]> = { main: [], test: [], deploy: [] };
	const runnable: RunnableJob[] = [];
	let steps = 0;
	const keys = plan.jobs.map((j) => j.key);
	const stageIndex = (spec: JobSpec) => STAGES.indexOf(STAGE[spec.archetype]);
	const matrixJob = plan.jobs.find((j) => j.archetype === 'unit' && rng.chance(0.6));
	const parallelJob = plan.jobs.find((j) => j.archetype === 'integration' && rng.chance(0.4));
	const matrixTags = stack.versions.map((v) => stack.gitlabImage(v).split(':')[1]!);

	for (const spec of plan.jobs) {
		const file = fileOf(spec);
		const out = bodies[file];
		const target = spec.steps!;
		const earlier = plan.jobs.filter((j) => stageIndex(j) < stageIndex(spec) && (j.archetype === 'build' || j.archetype === 'install') && j !== spec);
		const features = chooseFeatures(target, spec, earlier.length > 0, rng);
		steps += target;

		// The script: the archetype's commands (and a few of its extra steps), without the CI's own steps.
		const leaves = planLeaves(spec, stack, ci, plan.components, Math.max(target + 2, 4), { install: 'cache', remoteDocker: false, notify: false }, rng);
		const commands = leaves.flatMap((l) => (l.t === 'run' ? [l.cmd] : []));
		const script = commands.map((c) => c.command);
		const logs = commands.map((c) => c.log);
		if (script.length === 0) {
			script.push(stack.install.command);
			logs.push('install');
		}

		const extendsList: string[] = [];
		const body: string[] = [];
		const push = (...l: string[]) => body.push(...l);
		let before: string[] = [];
		let jobImage = image;
		let services: string[] = [];

		if (spec.archetype === 'docker') {
			extendsList.push('.docker-base');
			jobImage = 'docker:27';
			services = ['docker:27-dind'];
		} else if (spec.archetype === 'deploy' || spec.archetype === 'smoke' || spec.archetype === 'migrate' || spec.archetype === 'notify') {
			extendsList.push('.deploy-base');
			jobImage = 'alpine/helm:3.15.4';
		}
		if (features.has('cache')) {
			if (file === 'main' && rng.chance(0.5)) push('  cache: *deps_cache');
			else extendsList.push('.deps-cache');
		}
		if (features.has('cache-pull')) {
			if (file === 'main') push('  cache:', '    <<: *deps_cache', '    policy: pull');
			else push('  cache:', '    key:', `      files: [${cacheKeyFiles.join(', ')}]`, '      prefix: deps', '    paths:', ...cachePaths.map((p) => `      - ${q(`${p}/`)}`), '    policy: pull');
		}
		const ownTooling = spec.archetype === 'docker' ? 'docker' : extendsList.includes('.deploy-base') ? 'deploy' : undefined;
		if (features.has('before') && ownTooling) {
			before = ownTooling === 'docker' ? ['docker info', 'echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"'] : ['kubectl config use-context "$KUBE_CONTEXT"', 'helm version --short'];
			push('  before_script:', ...before.flatMap((l) => item('    ', l)));
		} else if (features.has('before')) {
			const how = rng.next();
			if (how < 0.4) {
				extendsList.push('.setup');
				before = [...setupLines];
			} else if (how < 0.7) {
				const extra = `echo "Running ${spec.key} for ${ci.shortSha} on ${ci.branch}"`;
				push('  before_script:', '    - !reference [.setup, before_script]', ...item('    ', extra));
				before = [...setupLines, extra];
			} else {
				before = [stack.toolVersion, `mkdir -p test-results reports`];
				push('  before_script:', ...before.flatMap((l) => item('    ', l)));
			}
		}
		const junitPath = `test-results/${spec.key}.xml`;
		// `.junit-reports` says what to upload; the job only says which file.
		const junitTemplate = features.has('junit') && !features.has('artifacts') && rng.chance(0.5);
		if (junitTemplate) {
			extendsList.push('.junit-reports');
			push('  variables:', `    JUNIT_REPORT: ${q(junitPath)}`);
		}
		if (extendsList.length === 1) body.unshift(`  extends: ${extendsList[0]}`);
		else if (extendsList.length > 1) body.unshift(`  extends: [${extendsList.join(', ')}]`);
		if (!extendsList.includes('.deploy-base')) body.unshift(`  stage: ${STAGE[spec.archetype]}`);

		const isMatrix = spec === matrixJob;
		let instances: string[] = [];
		if (isMatrix) {
			const tags = rng.sample(matrixTags, Math.max(2, rng.int(2, matrixTags.length)));
			push(`  image: ${q(`${image.split(':')[0]}:\${RUNTIME_TAG}`)}`, '  parallel:', '    matrix:', `      - RUNTIME_TAG: [${tags.map((t) => q(t)).join(', ')}]`);
			instances = tags.map((t) => `${spec.key}: [${t}]`);
		} else if (spec === parallelJob) push('  parallel: 3');
		if (spec.archetype === 'integration') {
			push('  services:', '    - name: postgres:16', '      alias: postgres', '    - redis:7', '  variables:', '    POSTGRES_DB: app_test', '    POSTGRES_USER: ci', '    POSTGRES_HOST_AUTH_METHOD: trust', '    DATABASE_URL: postgres://ci@postgres:5432/app_test');
			services = ['postgres:16', 'redis:7'];
		}
		// needs / dependencies
		const need = (k: string) => keys.includes(k);
		const needs: string[] = [];
		if (spec.archetype === 'lint' || spec.archetype === 'audit' || spec.archetype === 'typecheck') push('  needs: []');
		if (spec.archetype === 'docker' && need(`build-${spec.component}`)) needs.push(`build-${spec.component}`);
		if (spec.archetype === 'coverage') needs.push(...plan.jobs.filter((j) => j.archetype === 'unit').map((j) => j.key).slice(0, 4));
		if (spec.key === 'deploy-staging' || spec.key === 'deploy-production') needs.push(...plan.jobs.filter((j) => j.archetype === 'docker').map((j) => j.key).slice(0, 6));
		if (spec.key === 'smoke-staging' && need('deploy-staging')) needs.push('deploy-staging');
		if (needs.length) push(`  needs: [${needs.join(', ')}]`);
		// `dependencies` must name jobs of `needs` when the job has any.
		if (features.has('deps')) push(`  dependencies: [${needs[0] ?? rng.pick(earlier).key}]`);
		// rules
		if (spec.archetype === 'docker' || spec.archetype === 'coverage') push('  rules:', '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', '    - if: $CI_COMMIT_TAG');
		if (spec.key === 'deploy-production') push('  rules:', '    - if: $CI_COMMIT_TAG =~ /^v\\d+\\.\\d+\\.\\d+$/', '      when: manual');
		else if (spec.archetype === 'deploy' || spec.archetype === 'smoke' || spec.archetype === 'migrate' || spec.archetype === 'notify') push('  rules:', '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
		if (spec.archetype === 'audit' || spec.archetype === 'benchmark') push('  rules:', '    - if: $CI_PIPELINE_SOURCE == "schedule"', '    - if: $CI_PIPELINE_SOURCE == "web"', '      when: manual', '      allow_failure: true');
		if (spec.archetype === 'release' || spec.archetype === 'docs') push('  rules:', '    - if: $CI_COMMIT_TAG');
		if (spec.archetype === 'integration') push('  rules:', '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"', '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', '    - changes:', `        - ${spec.component}/**/*`, '        - migrations/**/*');
		if (spec.environment) {
			const envName = spec.environment;
			if (spec.archetype === 'deploy') push('  environment:', `    name: ${envName}`, `    url: https://${spec.component}.${envName === 'production' ? '' : `${envName}.`}example.com`, `    deployment_tier: ${envName}`, `  resource_group: ${envName}`);
			else push('  environment:', `    name: ${envName}`, `    action: ${spec.archetype === 'smoke' ? 'verify' : 'prepare'}`);
		}
		if (spec.archetype === 'lint' && rng.chance(0.5)) push('  allow_failure: true');
		push('  script:', ...script.flatMap((l) => item('    ', l)));
		let after: string[] = [];
		if (features.has('after')) {
			after = [spec.archetype === 'integration' ? 'docker logs postgres > postgres.log 2>&1 || true' : `echo "Job finished with status $CI_JOB_STATUS"`];
			push('  after_script:', ...after.flatMap((l) => item('    ', l)));
		}
		if (features.has('artifacts')) {
			push('  artifacts:', '    when: always', '    expire_in: 1 week', '    paths:', `      - ${q(spec.archetype === 'build' ? `dist/${spec.component}/` : 'reports/')}`);
			if (features.has('junit')) push('    reports:', `      junit: ${q(junitPath)}`);
		} else if (features.has('junit') && !junitTemplate) push('  artifacts:', '    when: always', '    reports:', `      junit: ${q(junitPath)}`);
		out.push(`${spec.key}:`, ...fixVariables(body), '');

		const gitlab: GitlabRunShape = {
			stage: STAGE[spec.archetype],
			cache: features.has('cache') || features.has('cache-pull'),
			cachePolicy: features.has('cache') ? 'pull-push' : 'pull',
			dependencies: features.has('deps'),
			artifacts: features.has('artifacts'),
			junit: features.has('junit'),
			beforeScript: before,
			script,
			afterScript: after,
		};
		const logOf = new Map(script.map((s, i) => [s, logs[i]!] as const));
		// `parallel: N` instances (`job 1/3`) are left out of runs: the run matcher does not know those names.
		const entries = isMatrix ? instances : spec === parallelJob ? [] : [spec.key];
		for (const entry of entries) {
			runnable.push({
				entry,
				workflow: STAGE[spec.archetype],
				key: spec.key,
				steps: [...before.map((c) => ({ name: c, command: c, log: c === stack.install.command ? ('install' as const) : ('shell' as const) })), ...script.map((c) => ({ name: c, command: c, log: logOf.get(c)! }))],
				image: isMatrix ? `${image.split(':')[0]}:${entry.slice(entry.indexOf('[') + 1, -1)}` : jobImage,
				services,
				resourceClass: 'saas-linux-small-amd64',
				env: { APP_NAME: plan.name },
				secrets: ['CI_REGISTRY_PASSWORD', 'AWS_SECRET_ACCESS_KEY'],
				gitlab,
			});
		}
	}

	// --- files --------------------------------------------------------------------------------
	const main: string[] = [];
	main.push(`# ${plan.name}: lint and test every push, ship ${plan.defaultBranch} to staging, tags to production.`, '');
	main.push(`stages: [${STAGES.join(', ')}]`, '');
	main.push('include:', '  - local: ci/templates.yml', '  - local: ci/test.yml', '  - local: ci/deploy.yml', '');
	main.push(
		'workflow:',
		'  rules:',
		'    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
		'    # No branch pipeline while a merge request is open: the MR pipeline covers it.',
		'    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
		'      when: never',
		'    - if: $CI_COMMIT_BRANCH',
		'    - if: $CI_COMMIT_TAG',
		'',
	);
	main.push(
		'variables:',
		`  APP_NAME: ${plan.name}`,
		'  IMAGE: $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA',
		`  FIXTURES_BUCKET: ${plan.org}-ci-fixtures`,
		`  AWS_REGION: ${rng.pick(['eu-west-1', 'us-east-1'])}`,
		'  DEPLOY_TIMEOUT:',
		'    description: How long a deploy waits for the new pods before it fails',
		'    value: "10m"',
		'    options: ["5m", "10m", "15m"]',
		'',
	);
	main.push('default:', `  image: ${image}`, '  interruptible: true', '  retry:', '    max: 1', '    when: [runner_system_failure, stuck_or_timeout_failure]', '');
	main.push(
		'# The dependency cache; jobs in this file reuse it through the anchor, others through `extends`.',
		'.deps-cache:',
		'  cache: &deps_cache',
		'    key:',
		`      files: [${cacheKeyFiles.join(', ')}]`,
		'      prefix: deps',
		'    paths:',
		...cachePaths.map((p) => `      - ${q(`${p}/`)}`),
		'',
		'.setup:',
		'  before_script:',
		...setupLines.flatMap((l) => item('    ', l)),
		'',
	);
	main.push(...bodies.main);
	const templates = [
		'# Templates shared by the other files (through `extends`).',
		'.junit-reports:',
		'  artifacts:',
		'    when: always',
		'    reports:',
		'      junit: $JUNIT_REPORT',
		'',
		'.docker-base:',
		'  stage: package',
		'  image: docker:27',
		'  services: [docker:27-dind]',
		'  variables:',
		'    DOCKER_TLS_CERTDIR: /certs',
		'',
		'.deploy-base:',
		'  stage: deploy',
		'  image: alpine/helm:3.15.4',
		'  interruptible: false',
		'  variables:',
		'    KUBE_CONTEXT: example-org/k8s-agents:$CI_ENVIRONMENT_NAME',
		'',
	];
	const files = new Map<string, string>([
		['.gitlab-ci.yml', lines(main)],
		['ci/templates.yml', lines(templates)],
		['ci/test.yml', lines('# Test jobs, kept apart so the test owners review them on their own.', '', bodies.test)],
		['ci/deploy.yml', lines('# Deploy jobs: staging from the default branch, production from version tags (by hand).', '', bodies.deploy)],
	]);
	return { files, runnable, jobs: plan.jobs.length, steps };
}

/** A job's `variables:` written once, whatever added to it. */
function fixVariables(body: string[]): string[] {
	const out: string[] = [];
	const vars: string[] = [];
	let inVars = false;
	for (const line of body) {
		if (line === '  variables:') {
			inVars = true;
			continue;
		}
		if (inVars && line.startsWith('    ')) {
			vars.push(line);
			continue;
		}
		inVars = false;
		out.push(line);
	}
	if (vars.length) {
		const at = out.findIndex((l) => l.startsWith('  script:'));
		out.splice(at, 0, '  variables:', ...vars);
	}
	return out;
}

/** Keys that give exactly `target` model steps: script plus features (cache counts 2: restore and save). */
function chooseFeatures(target: number, spec: JobSpec, depsPossible: boolean, rng: { next(): number; shuffle<T>(a: readonly T[]): T[] }): Set<Feature> {
	const testLike = ['unit', 'integration', 'e2e', 'smoke', 'benchmark'].includes(spec.archetype);
	const order: ('before' | 'cache' | 'deps' | 'after' | 'artifacts' | 'junit')[] = testLike
		? ['junit', 'before', 'cache', 'artifacts', 'after', 'deps']
		: ['before', 'cache', 'artifacts', 'after', 'junit', 'deps'];
	// A little variety in what small jobs keep.
	const head = rng.shuffle(order.slice(0, 3));
	const rest = order.slice(3);
	// Some jobs take their inputs from an earlier job's artifacts (`dependencies`), early in the list so they keep it.
	const list = (depsPossible && rng.next() < 0.35 ? [...head.slice(0, 1), 'deps' as const, ...head.slice(1), ...rest.filter((f) => f !== 'deps')] : [...head, ...rest]).filter((f) => f !== 'deps' || depsPossible);
	const chosen = new Set<Feature>();
	let left = target - 1;
	for (const f of list) {
		if (left <= 0) break;
		if (f === 'cache') {
			if (left >= 2) {
				chosen.add('cache');
				left -= 2;
			} else {
				chosen.add('cache-pull');
				left -= 1;
			}
		} else {
			chosen.add(f);
			left--;
		}
	}
	if (left !== 0) throw new Error(`gitlab: cannot give ${spec.key} ${target} steps`);
	return chosen;
}
