/**
 * CircleCI 2.1 configs: orbs (referenced, not vendored), executors with parameters, an anchored
 * job defaults map merged with `<<:`, reusable commands with parameters, `when` steps, a matrix
 * job, orb jobs, workflows with requires, branch and tag filters, contexts, approval gates, a
 * scheduled workflow and a pipeline-parameter workflow.
 */
import { CI_VARS, planLeaves, type JobSpec, type Leaf } from './jobs';
import type { EmitResult, PipelinePlan, RunnableJob, RunStepSpec } from './types';
import { field, lines, q } from './yaml';

const ci = CI_VARS.circleci;

interface Built {
	spec: JobSpec;
	leaves: Leaf[];
	executor: 'default' | 'with-db' | 'builder' | 'deployer';
	matrix?: string[];
}

export function emitCircleci(plan: PipelinePlan): EmitResult {
	const rng = plan.rng.fork('circleci');
	const { stack } = plan;
	const version = rng.pick(stack.versions);
	const install: 'orb' | 'cache' = stack.orb && rng.chance(0.6) ? 'orb' : 'cache';
	const slack = rng.chance(0.6);
	const machineDocker = rng.chance(0.4);
	const anchored = rng.chance(0.6);
	const installCommand = install === 'cache' && rng.chance(0.7);
	const helmCommand = rng.chance(0.7);
	const waitCommand = rng.chance(0.5);
	const executorParam = rng.chance(0.5);
	const nightlyStyle: 'schedule' | 'parameter' = rng.chance(0.5) ? 'schedule' : 'parameter';
	const cacheKey = `v${rng.int(1, 4)}-deps-{{ .Branch }}-{{ checksum "${stack.lockfile}" }}`;
	const cacheFallback = cacheKey.replace(/\{\{ checksum.*$/, '');
	const awsOrb = plan.jobs.some((j) => j.archetype === 'deploy') && rng.chance(0.5);

	const built: Built[] = [];
	for (const spec of plan.jobs) {
		if (spec.fixed !== undefined) continue;
		const leaves = planLeaves(spec, stack, ci, plan.components, spec.steps!, { install, remoteDocker: !machineDocker, notify: slack }, rng);
		const executor = spec.archetype === 'integration' ? 'with-db' : spec.archetype === 'docker' ? 'builder' : spec.archetype === 'deploy' || spec.archetype === 'smoke' ? 'deployer' : 'default';
		const b: Built = { spec, leaves, executor };
		built.push(b);
	}
	// One test job fans out over the language versions.
	const matrixJob = built.find((b) => b.spec.archetype === 'unit' && rng.chance(0.7));
	if (matrixJob) matrixJob.matrix = rng.sample(stack.versions, rng.int(2, stack.versions.length));
	const orbJobs = plan.jobs.filter((j) => j.fixed !== undefined);

	// --- header, orbs, parameters, executors --------------------------------------------------
	const orbs: string[] = [];
	if (stack.orb && (install === 'orb' || orbJobs.length > 0)) orbs.push(`  ${stack.orb.alias}: ${stack.orb.ref}`);
	if (slack) orbs.push('  slack: circleci/slack@4.13.3');
	if (awsOrb) orbs.push('  aws-cli: circleci/aws-cli@4.1.3');
	if (rng.chance(0.3)) orbs.push('  codecov: codecov/codecov@4.1.0');
	const image = stack.circleImage(version);
	const out: string[] = [];
	out.push('version: 2.1', '');
	out.push(`# ${plan.name}: built, tested and deployed from this file.`, '#');
	out.push('#   every branch:  lint, tests, builds', `#   ${`${plan.defaultBranch}:`.padEnd(15)} images pushed, deployed to staging, then production after approval`);
	out.push('#   v* tags:       release', '');
	if (orbs.length) out.push('orbs:', ...orbs, '');
	out.push('parameters:', '  run-nightly:', '    type: boolean', '    default: false', '  deploy-timeout:', '    type: string', '    default: "10m"', '');
	out.push('executors:');
	if (executorParam) {
		out.push('  default:', '    parameters:', '      tag:', '        type: string', `        default: ${q(version)}`, '    docker:', `      - image: ${stack.circleImage('<< parameters.tag >>')}`);
	} else out.push('  default:', '    docker:', `      - image: ${image}`);
	out.push('    resource_class: medium', '    working_directory: ~/project');
	out.push('  with-db:', '    docker:', `      - image: ${image}`, '      - image: cimg/postgres:16.4', '        environment:', '          POSTGRES_USER: ci', '          POSTGRES_DB: app_test', '          POSTGRES_HOST_AUTH_METHOD: trust', '      - image: cimg/redis:7.2');
	out.push('    resource_class: large');
	if (machineDocker) out.push('  builder:', '    machine:', '      image: ubuntu-2204:2024.05.1', '      docker_layer_caching: true', '    resource_class: large');
	else out.push('  builder:', '    docker:', '      - image: cimg/base:2024.09', '    resource_class: medium');
	out.push('  deployer:', '    docker:', '      - image: cimg/deploy:2024.08', '    resource_class: small', '');

	const commonEnv = {
		APP_NAME: plan.name,
		AWS_REGION: rng.pick(['eu-west-1', 'us-east-1', 'eu-central-1']),
		REGISTRY: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${plan.name}`,
		FIXTURES_BUCKET: `${plan.org}-ci-fixtures`,
	};
	if (anchored) {
		out.push('# Shared by most jobs through `<<: *defaults`.', 'defaults: &defaults', '  executor: default', '  environment: &common-env');
		for (const [k, v] of Object.entries(commonEnv)) out.push(`    ${k}: ${q(v)}`);
		out.push('');
	}

	// --- commands -----------------------------------------------------------------------------
	const commandLines: string[] = [];
	if (installCommand) {
		commandLines.push('  install-deps:', '    description: Restore the dependency cache, install, save the cache.', '    parameters:', '      cache-version:', '        type: string', `        default: ${q(cacheKey.slice(0, 2))}`, '    steps:');
		commandLines.push('      - restore_cache:', '          keys:', `            - ${q(`<< parameters.cache-version >>${cacheKey.slice(2)}`)}`, `            - ${q(`<< parameters.cache-version >>${cacheFallback.slice(2)}`)}`);
		commandLines.push('      - run:', ...field('          ', 'name', stack.install.name), ...field('          ', 'command', stack.install.command));
		commandLines.push('      - save_cache:', `          key: ${q(`<< parameters.cache-version >>${cacheKey.slice(2)}`)}`, '          paths:', ...stack.cachePaths.map((p) => `            - ${p}`));
	}
	const helm = helmTemplate();
	if (helmCommand) {
		commandLines.push('  helm-deploy:', '    description: Upgrade one release of the chart in one environment.', '    parameters:', '      release:', '        type: string', '      environment:', '        type: enum', '        enum: ["development", "staging", "preproduction", "production"]', '    steps:');
		for (const cmd of helm) commandLines.push('      - run:', ...field('          ', 'name', cmd.name), ...field('          ', 'command', cmd.command));
	}
	if (waitCommand) {
		commandLines.push('  wait-for-postgres:', '    parameters:', '      timeout:', '        type: string', '        default: 1m', '    steps:', '      - run:', '          name: Wait for Postgres', '          command: dockerize -wait tcp://localhost:5432 -timeout << parameters.timeout >>');
	}
	if (commandLines.length) out.push('commands:', ...commandLines, '');

	// --- jobs ---------------------------------------------------------------------------------
	const runnable: RunnableJob[] = [];
	const stepsByKey = new Map<string, RunStepSpec[]>();
	let steps = 0;
	out.push('jobs:');
	for (const b of built) {
		const { spec } = b;
		const jobLines: string[] = [`  ${spec.key}:`];
		const merge = anchored && (b.executor === 'default' || b.executor === 'with-db') && !b.matrix;
		if (merge) jobLines.push('    <<: *defaults');
		if (b.matrix) {
			jobLines.push('    parameters:', `      ${stack.versionParam}:`, '        type: string', `        default: ${q(version)}`);
			jobLines.push('    docker:', `      - image: ${stack.circleImage(`<< parameters.${stack.versionParam} >>`)}`, '    resource_class: medium');
		} else if (b.executor === 'default' && executorParam && rng.chance(0.3)) {
			jobLines.push('    executor:', '      name: default', `      tag: ${q(rng.pick(stack.versions))}`);
		} else if (!merge || b.executor !== 'default') jobLines.push(`    executor: ${b.executor}`);
		const env: Record<string, string> = {};
		if (b.executor === 'with-db') Object.assign(env, { DATABASE_URL: 'postgres://ci@localhost:5432/app_test', REDIS_URL: 'redis://localhost:6379/0' });
		if (spec.archetype === 'deploy') Object.assign(env, { EKS_CLUSTER: `${plan.org}-${spec.environment}`, HELM_TIMEOUT: '<< pipeline.parameters.deploy-timeout >>' });
		if (spec.archetype === 'unit' && stack.id === 'node') env.JEST_JUNIT_OUTPUT_DIR = 'test-results';
		if (Object.keys(env).length) {
			// A job's own `environment` replaces the merged one: merge the anchor back in.
			jobLines.push('    environment:');
			if (merge) jobLines.push('      <<: *common-env');
			for (const [k, v] of Object.entries(env)) jobLines.push(`      ${k}: ${q(v)}`);
		}
		jobLines.push('    steps:');
		const runSteps: RunStepSpec[] = [];
		const leaves = b.leaves;
		for (let i = 0; i < leaves.length; i++) {
			const leaf = leaves[i]!;
			const next = leaves[i + 1];
			const third = leaves[i + 2];
			if (installCommand && leaf.t === 'restore-cache' && next?.t === 'install' && third?.t === 'save-cache') {
				jobLines.push('      - install-deps');
				runSteps.push({ name: 'Restoring cache', log: 'cache-restore' }, { name: next.cmd.name, command: next.cmd.command, log: 'install' }, { name: 'Saving cache', log: 'cache-save' });
				i += 2;
				continue;
			}
			if (helmCommand && leaf.t === 'run' && leaf.cmd.name === 'Configure kubectl' && next?.t === 'run' && third?.t === 'run' && spec.environment && next.cmd.name.startsWith('Deploy to ')) {
				const release = spec.component ?? plan.components[0]!;
				jobLines.push('      - helm-deploy:', `          release: ${q(release)}`, `          environment: ${spec.environment}`);
				for (const cmd of helm) {
					const sub = (t: string) => t.replaceAll('<< parameters.release >>', release).replaceAll('<< parameters.environment >>', spec.environment!);
					runSteps.push({ name: sub(cmd.name), command: sub(cmd.command), log: cmd.log });
				}
				i += 2;
				continue;
			}
			if (waitCommand && leaf.t === 'run' && leaf.cmd.name === 'Wait for Postgres') {
				const timeout = rng.pick(['1m', '2m']);
				jobLines.push(timeout === '1m' ? '      - wait-for-postgres' : `      - wait-for-postgres:\n          timeout: ${timeout}`);
				runSteps.push({ name: 'Wait for Postgres', command: `dockerize -wait tcp://localhost:5432 -timeout ${timeout}`, log: 'shell' });
				continue;
			}
			emitLeaf(leaf, jobLines, runSteps);
		}
		out.push(...jobLines);
		steps += leaves.length;
		stepsByKey.set(spec.key, runSteps);
		const entries = b.matrix ? b.matrix.map((v) => `${spec.key}-${v}`) : [spec.key];
		const jobImage = b.executor === 'with-db' || b.executor === 'default' ? image : b.executor === 'builder' ? (machineDocker ? 'ubuntu-2204:2024.05.1' : 'cimg/base:2024.09') : 'cimg/deploy:2024.08';
		for (const entry of entries) {
			runnable.push({
				entry,
				workflow: '',
				key: spec.key,
				steps: runSteps,
				image: b.matrix ? stack.circleImage(entry.slice(spec.key.length + 1)) : jobImage,
				services: b.executor === 'with-db' ? ['cimg/postgres:16.4', 'cimg/redis:7.2'] : [],
				resourceClass: b.executor === 'with-db' || b.executor === 'builder' ? 'large' : b.executor === 'deployer' ? 'small' : 'medium',
				env: { ...commonEnv, ...env },
				secrets: secretsFor(spec),
			});
		}
	}
	out.push('');

	function emitLeaf(leaf: Leaf, jobLines: string[], runSteps: RunStepSpec[]): void {
		switch (leaf.t) {
			case 'checkout':
				jobLines.push('      - checkout');
				runSteps.push({ name: 'Checkout code', log: 'checkout' });
				return;
			case 'attach':
				jobLines.push('      - attach_workspace:', '          at: ~/project');
				runSteps.push({ name: 'Attaching Workspace', log: 'workspace-attach' });
				return;
			case 'persist':
				jobLines.push('      - persist_to_workspace:', '          root: .', '          paths:', ...leaf.paths.map((p) => `            - ${q(p)}`));
				runSteps.push({ name: 'Persisting to Workspace', log: 'workspace-persist' });
				return;
			case 'restore-cache': {
				const named = rng.chance(0.3);
				jobLines.push('      - restore_cache:', ...(named ? ['          name: Restore the dependency cache'] : []), '          keys:', `            - ${q(cacheKey)}`, `            - ${q(cacheFallback)}`);
				runSteps.push({ name: named ? 'Restore the dependency cache' : 'Restoring cache', log: 'cache-restore' });
				return;
			}
			case 'save-cache':
				jobLines.push('      - save_cache:', `          key: ${q(cacheKey)}`, '          paths:', ...stack.cachePaths.map((p) => `            - ${p}`));
				runSteps.push({ name: 'Saving cache', log: 'cache-save' });
				return;
			case 'setup': {
				const orb = stack.orb!.install;
				const args = Object.entries(orb.args);
				jobLines.push(args.length ? `      - ${orb.command}:` : `      - ${orb.command}`, ...args.map(([k, v]) => `          ${k}: ${q(v)}`));
				for (const name of orb.runSteps) runSteps.push({ name, log: name.toLowerCase().includes('install') || name.includes('download') ? 'install' : 'orb', command: name.includes('download') ? 'go mod download' : undefined });
				return;
			}
			case 'install':
			case 'run': {
				const env = leaf.t === 'run' ? leaf.env : undefined;
				if (leaf.t === 'run' && !leaf.cmd.command.includes('\n') && leaf.cmd.command.length < 70 && rng.chance(0.12)) {
					jobLines.push(`      - run: ${q(leaf.cmd.command)}`);
					runSteps.push({ name: leaf.cmd.command, command: leaf.cmd.command, log: leaf.cmd.log });
					return;
				}
				jobLines.push('      - run:', ...field('          ', 'name', leaf.cmd.name), ...field('          ', 'command', leaf.cmd.command));
				if (env) {
					jobLines.push('          environment:');
					for (const [k, v] of Object.entries(env)) jobLines.push(`            ${k}: ${q(v)}`);
				}
				if (leaf.cmd.log === 'test' || leaf.cmd.log === 'e2e') jobLines.push(`          no_output_timeout: ${rng.pick(['15m', '20m', '30m'])}`);
				runSteps.push({ name: leaf.cmd.name, command: leaf.cmd.command, log: leaf.cmd.log, ...(env ? { env } : {}) });
				return;
			}
			case 'remote-docker':
				jobLines.push('      - setup_remote_docker:', '          docker_layer_caching: true');
				runSteps.push({ name: 'Setup a remote Docker engine', log: 'remote-docker' });
				return;
			case 'artifacts': {
				const onMain = rng.chance(0.25);
				if (onMain) jobLines.push('      - when:', '          condition:', `            equal: [ ${plan.defaultBranch}, << pipeline.git.branch >> ]`, '          steps:', '            - store_artifacts:', `                path: ${q(leaf.path)}`, `                destination: ${q(leaf.name)}`);
				else jobLines.push('      - store_artifacts:', `          path: ${q(leaf.path)}`, `          destination: ${q(leaf.name)}`);
				runSteps.push({ name: 'Uploading artifacts', log: 'artifacts', ...(onMain ? { onlyOn: plan.defaultBranch } : {}) });
				return;
			}
			case 'test-results':
				jobLines.push('      - store_test_results:', `          path: ${q(leaf.path)}`);
				runSteps.push({ name: 'Uploading test results', log: 'test-results' });
				return;
			case 'notify':
				jobLines.push('      - slack/notify:', '          event: fail', '          channel: deploys', '          template: basic_fail_1');
				runSteps.push({ name: 'Slack - Sending Notification', log: 'notify', when: 'failure' });
				return;
		}
	}

	// --- workflows ----------------------------------------------------------------------------
	const byArch = (a: JobSpec['archetype']) => built.filter((b) => b.spec.archetype === a);
	const has = (key: string) => built.some((b) => b.spec.key === key);
	const installJob = has('install');
	const deployKeys = new Set(['deploy-staging', 'smoke-staging', 'deploy-production']);
	const nightlyArch = new Set<JobSpec['archetype']>(['audit', 'benchmark']);
	const releaseArch = new Set<JobSpec['archetype']>(['release', 'docs']);
	const main: string[] = [];
	const nightly: string[] = [];
	const release: string[] = [];
	const branchOnly = [`          filters:`, `            branches:`, `              only: ${plan.defaultBranch}`];
	const requires = (names: string[]) => (names.length ? ['          requires:', ...names.map((n) => `            - ${q(n)}`)] : []);
	const entry = (key: string, body: string[]) => (body.length ? [`      - ${q(key)}:`, ...body] : [`      - ${q(key)}`]);
	for (const b of built) {
		const { key, archetype, component } = b.spec;
		if (deployKeys.has(key)) continue;
		if (nightlyArch.has(archetype)) {
			nightly.push(...entry(key, []));
			continue;
		}
		if (releaseArch.has(archetype)) {
			release.push(...entry(key, ['          filters:', '            tags:', '              only: /^v\\d+\\.\\d+\\.\\d+$/', '            branches:', '              ignore: /.*/']));
			continue;
		}
		const req: string[] = [];
		if (installJob && key !== 'install' && !b.spec.archetype.startsWith('docker') && archetype !== 'coverage' && archetype !== 'notify') req.push('install');
		if (archetype === 'build' && has(`test-${component}`)) req.push(`test-${component}`);
		if (archetype === 'docker' && has(`build-${component}`)) req.push(`build-${component}`);
		if (archetype === 'coverage') req.push(...byArch('unit').map((u) => u.spec.key).slice(0, 4));
		if (archetype === 'e2e' && has(`build-${plan.components[0]}`)) req.push(`build-${plan.components[0]}`);
		if (archetype === 'notify') req.push(...built.filter((x) => x.spec.archetype === 'build').map((x) => x.spec.key).slice(0, 3));
		const body = [...requires(req)];
		if (b.matrix) body.push('          matrix:', '            parameters:', `              ${stack.versionParam}: [${b.matrix.map((v) => q(v)).join(', ')}]`);
		if (archetype === 'docker' || archetype === 'migrate') body.push('          context: aws-ci', ...branchOnly);
		main.push(...entry(key, body));
	}
	// Staging after every image, production after an approval.
	const images = byArch('docker').map((b) => b.spec.key);
	const builds = byArch('build').map((b) => b.spec.key).slice(0, 3);
	if (has('deploy-staging')) main.push(...entry('deploy-staging', [...requires(images.length ? images : builds), '          context:', '            - aws-staging', ...(slack ? ['            - slack-secrets'] : []), ...branchOnly]));
	if (has('smoke-staging')) main.push(...entry('smoke-staging', [...requires(has('deploy-staging') ? ['deploy-staging'] : builds), ...branchOnly]));
	if (has('deploy-production')) {
		const gate = has('smoke-staging') ? 'smoke-staging' : has('deploy-staging') ? 'deploy-staging' : builds[0];
		main.push(...entry('hold-production', ['          type: approval', ...requires(gate ? [gate] : []), ...branchOnly]));
		main.push(...entry('deploy-production', [...requires(['hold-production']), '          context:', '            - aws-production', ...(slack ? ['            - slack-secrets'] : []), ...branchOnly]));
	}
	for (const orbJob of orbJobs) main.push(...entry(orbJob.key, stack.orb && orbJob.key.startsWith('node/') ? ['          pkg-manager: npm'] : []));

	out.push('workflows:', '  build-test-deploy:');
	if (nightlyStyle === 'parameter') out.push('    unless: << pipeline.parameters.run-nightly >>');
	out.push('    jobs:', ...main);
	if (nightly.length) {
		out.push('  nightly:');
		if (nightlyStyle === 'parameter') out.push('    when: << pipeline.parameters.run-nightly >>');
		else out.push('    triggers:', '      - schedule:', `          cron: "${rng.int(0, 59)} ${rng.int(0, 5)} * * *"`, '          filters:', '            branches:', `              only: ${plan.defaultBranch}`);
		out.push('    jobs:', ...nightly);
	}
	if (release.length) out.push('  release:', '    jobs:', ...release);

	// Workflow names for the runs.
	const workflowOf = (key: string) => {
		const spec = built.find((b) => b.spec.key === key)!.spec;
		return nightlyArch.has(spec.archetype) ? 'nightly' : releaseArch.has(spec.archetype) ? 'release' : 'build-test-deploy';
	};
	for (const r of runnable) r.workflow = workflowOf(r.key);

	const files = new Map<string, string>([['.circleci/config.yml', lines(out)]]);
	return { files, runnable, jobs: built.length + orbJobs.length, steps };
}

function helmTemplate() {
	return [
		{ name: 'Configure kubectl', command: 'aws eks update-kubeconfig --name "$EKS_CLUSTER" --region "$AWS_REGION"', log: 'shell' as const },
		{
			name: 'Deploy to << parameters.environment >>',
			command: `helm upgrade --install << parameters.release >> ./deploy/chart \\\n  --namespace << parameters.release >>-<< parameters.environment >> \\\n  --values deploy/values-<< parameters.environment >>.yaml \\\n  --set image.tag="${ci.sha}" \\\n  --atomic --wait --timeout 10m`,
			log: 'deploy' as const,
		},
		{ name: 'Smoke test << parameters.environment >>', command: 'curl -fsS --retry 10 --retry-delay 6 --retry-all-errors "https://<< parameters.release >>.<< parameters.environment >>.example.com/healthz"', log: 'shell' as const },
	];
}

function secretsFor(spec: JobSpec): string[] {
	switch (spec.archetype) {
		case 'docker':
			return ['REGISTRY_PASSWORD', 'AWS_SECRET_ACCESS_KEY'];
		case 'deploy':
			return ['AWS_SECRET_ACCESS_KEY', 'SLACK_ACCESS_TOKEN', 'SENTRY_AUTH_TOKEN'];
		case 'release':
			return ['NPM_TOKEN', 'GITHUB_TOKEN'];
		default:
			return ['CODECOV_TOKEN'];
	}
}
