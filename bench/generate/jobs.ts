/**
 * Provider-neutral job planning: what each job of a pipeline does (its archetype), and the
 * exact list of leaf steps it runs for a given step budget. The CircleCI and GitHub emitters
 * turn each leaf into exactly one leaf step of the model (grouping some into reusable commands
 * or composite actions, which the model expands back into the same leaves), so the budget
 * decided here is the step count the parser reports.
 */
import { Rng } from './rng';
import { type Command, type Stack } from './vocab';

export type Archetype =
	| 'install'
	| 'lint'
	| 'typecheck'
	| 'unit'
	| 'integration'
	| 'build'
	| 'docker'
	| 'e2e'
	| 'audit'
	| 'deploy'
	| 'smoke'
	| 'migrate'
	| 'docs'
	| 'coverage'
	| 'benchmark'
	| 'release'
	| 'notify';

export interface JobSpec {
	/** The config's job key. */
	key: string;
	archetype: Archetype;
	component?: string;
	/** Deploy jobs: where to. */
	environment?: 'review' | 'development' | 'staging' | 'preproduction' | 'production';
	/** Relative weight of its step budget. */
	weight: number;
	/** Least and most leaf steps this job may get. */
	min: number;
	max: number;
	/** Set when the step count is decided by the provider, not the budget (orb jobs, reusable workflow callers). */
	fixed?: number;
	/** GitHub: a job calling a reusable workflow of the pipeline, or the job of that workflow. */
	role?: 'caller' | 'called';
	/** Leaf steps assigned by the global budget. */
	steps?: number;
}

/** The CI's spelling of everyday variables in shell commands. */
export interface CiVars {
	sha: string;
	shortSha: string;
	branch: string;
	build: string;
	repo: string;
	/** Appends a `NAME=value` line to where the CI keeps variables for later steps. */
	exportVar: (name: string, value: string) => string;
}

export const CI_VARS: Record<'circleci' | 'github' | 'gitlab' | 'bitbucket', CiVars> = {
	circleci: {
		sha: '${CIRCLE_SHA1}',
		shortSha: '${CIRCLE_SHA1:0:7}',
		branch: '${CIRCLE_BRANCH}',
		build: '${CIRCLE_BUILD_NUM}',
		repo: '${CIRCLE_PROJECT_REPONAME}',
		exportVar: (n, v) => `echo "export ${n}=${v}" >> "$BASH_ENV"`,
	},
	github: {
		sha: '${GITHUB_SHA}',
		shortSha: '${GITHUB_SHA::7}',
		branch: '${GITHUB_REF_NAME}',
		build: '${GITHUB_RUN_NUMBER}',
		repo: '${GITHUB_REPOSITORY}',
		exportVar: (n, v) => `echo "${n}=${v}" >> "$GITHUB_ENV"`,
	},
	gitlab: {
		sha: '${CI_COMMIT_SHA}',
		shortSha: '${CI_COMMIT_SHORT_SHA}',
		branch: '${CI_COMMIT_REF_NAME}',
		build: '${CI_PIPELINE_IID}',
		repo: '${CI_PROJECT_PATH}',
		exportVar: (n, v) => `echo "${n}=${v}" >> build.env`,
	},
	bitbucket: {
		sha: '${BITBUCKET_COMMIT}',
		shortSha: '${BITBUCKET_COMMIT:0:7}',
		branch: '${BITBUCKET_BRANCH}',
		build: '${BITBUCKET_BUILD_NUMBER}',
		repo: '${BITBUCKET_REPO_FULL_NAME}',
		// A Bitbucket step's lines share one shell; a later step sees only artifacts.
		exportVar: (n, v) => `export ${n}=${v}`,
	},
};

/** One leaf step in neutral terms; `run` carries the command and how its log reads. */
export type Leaf =
	| { t: 'checkout' }
	| { t: 'attach' }
	| { t: 'persist'; paths: string[] }
	| { t: 'restore-cache' }
	| { t: 'save-cache' }
	/** The language set up with its package cache (a GitHub setup action, an orb install). */
	| { t: 'setup' }
	| { t: 'install'; cmd: Command }
	| { t: 'remote-docker' }
	| { t: 'run'; cmd: Command; env?: Record<string, string>; always?: boolean }
	| { t: 'artifacts'; path: string; name: string }
	| { t: 'test-results'; path: string }
	| { t: 'notify' };

interface Shape {
	main: Command[];
	fillers: Command[];
	suffix: Leaf[];
	/** Starts from the workspace an earlier job persisted rather than a checkout. */
	fromWorkspace?: boolean;
	/** Needs the language's dependencies installed. */
	install: boolean;
}

const WAIT_FOR_DB: Command = { name: 'Wait for Postgres', command: 'dockerize -wait tcp://localhost:5432 -timeout 1m', log: 'shell' };

function migrations(stack: Stack): Command {
	const command: Record<Stack['id'], string> = {
		node: 'npx knex migrate:latest --env test',
		python: 'python manage.py migrate --noinput',
		go: 'go run ./cmd/migrate up',
		java: './gradlew --no-daemon flywayMigrate -Dflyway.url="$DATABASE_URL"',
		ruby: 'bundle exec rails db:create db:schema:load',
		rust: 'sqlx migrate run --database-url "$DATABASE_URL"',
	};
	return { name: 'Run database migrations', command: command[stack.id], log: 'shell' };
}

/** Shell steps any job may have more of, to reach a larger budget. */
function genericFillers(stack: Stack, ci: CiVars, component: string): Command[] {
	return [
		{ name: 'Print tool versions', command: stack.toolVersion, log: 'shell' },
		{ name: 'Compute the version', command: ci.exportVar('VERSION', `$(git describe --tags --always)-${ci.build}`), log: 'shell' },
		{ name: 'Show the environment', command: 'env | sort | grep -v -E "(TOKEN|SECRET|PASSWORD|_KEY)="', log: 'shell' },
		{ name: `Download ${component} fixtures`, command: `aws s3 sync "s3://\${FIXTURES_BUCKET}/${component}" ./fixtures/${component} --only-show-errors --region "\${AWS_REGION}"`, log: 'shell' },
		{ name: 'Check generated files are committed', command: 'git diff --exit-code --stat', log: 'shell' },
		{ name: 'Disk usage', command: 'df -h && du -sh ~/.cache 2>/dev/null || true', log: 'shell' },
		{ name: 'Lint the Dockerfile', command: `docker run --rm -i hadolint/hadolint < ${component}/Dockerfile`, log: 'lint' },
		{ name: 'Validate the OpenAPI spec', command: `npx @redocly/cli lint openapi/${component}.yaml`, log: 'lint' },
		{ name: 'Check licences', command: 'npx license-checker --production --failOn "GPL-3.0;AGPL-3.0" --summary', log: 'audit' },
		{ name: 'Scan for secrets', command: 'gitleaks detect --source . --no-banner --redact --exit-code 1', log: 'audit' },
		{ name: 'Warm the build cache', command: `make -j4 warm-cache COMPONENT=${component}`, log: 'build' },
		{ name: 'Smoke test the CLI', command: `./bin/${component} --version && ./bin/${component} healthcheck --timeout 10s`, log: 'shell' },
	];
}

function shape(spec: JobSpec, stack: Stack, ci: CiVars, components: string[]): Shape {
	const c = spec.component ?? components[0]!;
	const others = components.filter((x) => x !== c);
	const more = (make: (x: string) => Command) => others.map(make);
	const env = spec.environment ?? 'staging';
	switch (spec.archetype) {
		case 'install':
			return { main: [], fillers: [{ name: 'List installed packages', command: stack.toolVersion, log: 'shell' }], suffix: [{ t: 'persist', paths: ['.'] }], install: true };
		case 'lint':
			return { main: [stack.lint, stack.format], fillers: [...(stack.typecheck ? [stack.typecheck] : []), ...more((x) => ({ ...stack.lint, name: `${stack.lint.name} (${x})`, command: `${stack.lint.command.replace(/ \.\/\.\.\.$| \.$/, '')} ${x}/` }))], suffix: [{ t: 'artifacts', path: 'lint-results', name: 'lint-results' }], install: true };
		case 'typecheck':
			return { main: [stack.typecheck ?? stack.lint], fillers: more((x) => ({ ...(stack.typecheck ?? stack.lint), name: `${(stack.typecheck ?? stack.lint).name} (${x})` })), suffix: [], install: true };
		case 'unit':
			return {
				main: [stack.unit(c)],
				fillers: [1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({ ...stack.unit(c), name: `${stack.unit(c).name}, shard ${k}`, command: stack.shard(stack.unit(c).command, k, 8) })),
				suffix: [{ t: 'test-results', path: 'test-results' }, { t: 'artifacts', path: 'coverage', name: `coverage-${c}` }],
				install: true,
			};
		case 'integration':
			return {
				main: [WAIT_FOR_DB, migrations(stack), stack.integration(c)],
				fillers: [{ name: 'Seed test data', command: `./scripts/seed.sh --tenant ci-${c} --rows 5000`, log: 'shell' }, { name: 'Wait for Redis', command: 'dockerize -wait tcp://localhost:6379 -timeout 30s', log: 'shell' }, ...more((x) => stack.integration(x))],
				suffix: [{ t: 'test-results', path: 'test-results' }],
				install: true,
			};
		case 'build':
			return {
				main: [stack.build(c)],
				fillers: [{ name: 'Bundle size report', command: `du -ah dist/${c} | sort -rh | head -n 20`, log: 'shell' }, ...more((x) => stack.build(x))],
				suffix: [{ t: 'artifacts', path: `dist/${c}`, name: `${c}-dist` }, { t: 'persist', paths: [`dist/${c}`] }],
				install: true,
			};
		case 'docker':
			return {
				main: [
					{ name: 'Log in to the registry', command: 'echo "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY"', log: 'shell' },
					{ name: `Build the ${c} image`, command: `docker build --pull --progress=plain \\\n  -f ${c}/Dockerfile \\\n  -t "$REGISTRY/${c}:${ci.sha}" \\\n  --label "org.opencontainers.image.revision=${ci.sha}" \\\n  --build-arg VERSION="${ci.shortSha}" \\\n  .`, log: 'docker-build' },
					{ name: `Push the ${c} image`, command: `docker push "$REGISTRY/${c}:${ci.sha}"\ndocker tag "$REGISTRY/${c}:${ci.sha}" "$REGISTRY/${c}:${ci.branch}"\ndocker push "$REGISTRY/${c}:${ci.branch}"`, log: 'docker-push' },
				],
				fillers: [{ name: `Scan the ${c} image`, command: `trivy image --exit-code 1 --severity HIGH,CRITICAL "$REGISTRY/${c}:${ci.sha}"`, log: 'audit' }, { name: 'Sign the image', command: `cosign sign --yes "$REGISTRY/${c}:${ci.sha}"`, log: 'shell' }],
				suffix: [],
				fromWorkspace: true,
				install: false,
			};
		case 'e2e':
			return {
				main: [
					{ name: 'Install browsers', command: 'npx playwright install --with-deps chromium', log: 'install' },
					{ name: 'Run end-to-end tests', command: 'npm run start &\nnpx wait-on --timeout 60000 http://localhost:3000\nnpx playwright test --project=chromium --reporter=line,junit', log: 'e2e' },
				],
				fillers: ['checkout', 'search', 'account', 'admin'].map((area) => ({ name: `End-to-end tests (${area})`, command: `npx playwright test tests/e2e/${area} --project=chromium`, log: 'e2e' })),
				suffix: [{ t: 'test-results', path: 'test-results' }, { t: 'artifacts', path: 'playwright-report', name: 'playwright-report' }],
				install: true,
			};
		case 'audit':
			return {
				main: [stack.audit, { name: 'Trivy filesystem scan', command: 'trivy fs --exit-code 0 --severity HIGH,CRITICAL --format table .', log: 'audit' }],
				fillers: [{ name: 'Scan for secrets', command: 'gitleaks detect --source . --no-banner --redact', log: 'audit' }, { name: 'SBOM', command: 'syft . -o cyclonedx-json > sbom.json', log: 'shell' }],
				suffix: [{ t: 'artifacts', path: 'sbom.json', name: 'sbom' }],
				install: false,
			};
		case 'deploy':
			return {
				main: [
					{ name: 'Configure kubectl', command: `aws eks update-kubeconfig --name "$EKS_CLUSTER" --region "$AWS_REGION"`, log: 'shell' },
					{
						name: `Deploy to ${env}`,
						command: `helm upgrade --install ${c} ./deploy/chart \\\n  --namespace ${c}-${env} \\\n  --values deploy/values-${env}.yaml \\\n  --set image.tag="${ci.sha}" \\\n  --atomic --wait --timeout 10m`,
						log: 'deploy',
					},
					{ name: `Smoke test ${env}`, command: `curl -fsS --retry 10 --retry-delay 6 --retry-all-errors "https://${c}.${env}.example.com/healthz"`, log: 'shell' },
				],
				fillers: [
					{ name: 'Terraform plan', command: `terraform -chdir=infra/${env} plan -input=false -out=tfplan`, log: 'terraform' },
					{ name: 'Terraform apply', command: `terraform -chdir=infra/${env} apply -input=false tfplan`, log: 'terraform' },
					{ name: 'Record the release', command: `curl -fsS -X POST "$SENTRY_URL/api/0/organizations/example/releases/" -H "Authorization: Bearer $SENTRY_AUTH_TOKEN" -d '{"version":"${ci.sha}","projects":["${c}"]}'`, log: 'shell' },
					...more((x) => ({ name: `Deploy ${x} to ${env}`, command: `helm upgrade --install ${x} ./deploy/chart --namespace ${x}-${env} --set image.tag="${ci.sha}" --atomic --wait`, log: 'deploy' })),
				],
				suffix: [{ t: 'notify' }],
				install: false,
			};
		case 'smoke':
			return {
				main: [{ name: `Smoke tests against ${env}`, command: `npx newman run postman/smoke.json --env-var baseUrl=https://${c}.${env}.example.com --reporters cli,junit`, log: 'test' }],
				fillers: [{ name: 'Check the version endpoint', command: `test "$(curl -fsS https://${c}.${env}.example.com/version)" = "${ci.sha}"`, log: 'shell' }],
				suffix: [{ t: 'test-results', path: 'newman' }],
				install: false,
			};
		case 'migrate':
			return {
				main: [{ ...migrations(stack), name: `Migrate the ${env} database` }],
				fillers: [{ name: 'Back up the database', command: `pg_dump "$DATABASE_URL" --format=custom --file=backup-${ci.build}.dump`, log: 'shell' }],
				suffix: [],
				install: true,
			};
		case 'docs':
			return {
				main: [{ name: 'Build the docs', command: 'npx @redocly/cli build-docs openapi/api.yaml -o site/api.html\nmkdocs build --strict', log: 'build' }],
				fillers: [{ name: 'Check links', command: 'npx linkinator site --recurse --skip "^https?://localhost"', log: 'shell' }],
				suffix: [{ t: 'artifacts', path: 'site', name: 'docs-site' }],
				install: true,
			};
		case 'coverage':
			return { main: [stack.coverage], fillers: [{ name: 'Coverage gate', command: 'npx nyc check-coverage --lines 80 --branches 70', log: 'coverage' }], suffix: [{ t: 'artifacts', path: 'coverage', name: 'coverage-report' }], fromWorkspace: true, install: false };
		case 'benchmark':
			return { main: [{ name: `Benchmarks (${c})`, command: `make bench COMPONENT=${c} BENCHTIME=2s | tee bench.txt`, log: 'test' }], fillers: [{ name: 'Compare with main', command: 'benchstat bench-main.txt bench.txt', log: 'shell' }], suffix: [{ t: 'artifacts', path: 'bench.txt', name: 'benchmarks' }], install: true };
		case 'release':
			return { main: [{ name: 'Publish the release', command: `npx semantic-release --branches main`, log: 'shell' }], fillers: [{ name: 'Generate the changelog', command: 'git-cliff --latest --output CHANGELOG.md', log: 'shell' }], suffix: [], install: true };
		case 'notify':
			return { main: [{ name: 'Post to Slack', command: `curl -fsS -X POST -H 'Content-Type: application/json' --data "{\\"text\\": \\"${c} ${ci.shortSha} deployed from ${ci.branch}\\"}" "$SLACK_WEBHOOK_URL"`, log: 'shell' }], fillers: [], suffix: [], fromWorkspace: true, install: false };
	}
}

export interface LeafOptions {
	/** How installing dependencies is spelled: one orb command or setup action, or cache + install. */
	install: 'orb' | 'setup' | 'cache';
	/** A remote Docker engine step before docker commands (CircleCI docker executors). */
	remoteDocker: boolean;
	/** A notify step is available (slack orb / action). */
	notify: boolean;
}

/** Exactly `count` leaves for a job (count >= 1), most important first when the budget is small. */
export function planLeaves(spec: JobSpec, stack: Stack, ci: CiVars, components: string[], count: number, options: LeafOptions, rng: Rng): Leaf[] {
	const s = shape(spec, stack, ci, components);
	type Ranked = { leaf: Leaf; rank: number; slot: number };
	const items: Ranked[] = [];
	// Slots keep the order a job runs in: prefix 0, install 1, main 2, fillers 3, suffix 4.
	items.push({ leaf: s.fromWorkspace ? { t: 'attach' } : { t: 'checkout' }, rank: 1, slot: 0 });
	if (s.install) {
		if (options.install === 'orb') items.push({ leaf: { t: 'setup' }, rank: 2, slot: 1 });
		else if (options.install === 'setup') {
			items.push({ leaf: { t: 'setup' }, rank: 2, slot: 1 });
			items.push({ leaf: { t: 'install', cmd: stack.install }, rank: 3, slot: 1 });
		} else {
			items.push({ leaf: { t: 'restore-cache' }, rank: 5, slot: 1 });
			items.push({ leaf: { t: 'install', cmd: stack.install }, rank: 3, slot: 1 });
			items.push({ leaf: { t: 'save-cache' }, rank: 6, slot: 1 });
		}
	}
	if (spec.archetype === 'docker' && options.remoteDocker) items.push({ leaf: { t: 'remote-docker' }, rank: 2, slot: 1 });
	s.main.forEach((cmd, i) => items.push({ leaf: { t: 'run', cmd }, rank: i === s.main.length - 1 ? 0 : 4, slot: 2 }));
	for (const leaf of s.suffix) {
		if (leaf.t === 'notify' && !options.notify) continue;
		items.push({ leaf, rank: 7, slot: 4 });
	}
	if (items.length > count) {
		const kept = [...items].sort((a, b) => a.rank - b.rank).slice(0, count);
		return items.filter((i) => kept.includes(i)).map((i) => i.leaf);
	}
	// Fill: the archetype's own extra steps first, then everyday shell steps, then numbered repeats.
	const fillers = [...s.fillers, ...rng.shuffle(genericFillers(stack, ci, spec.component ?? components[0]!))];
	const extra: Leaf[] = [];
	for (let i = 0; items.length + extra.length < count; i++) {
		const base = fillers[i % fillers.length]!;
		const round = Math.floor(i / fillers.length);
		const cmd = round === 0 ? base : { ...base, name: `${base.name} (pass ${round + 1})`, command: `${base.command} # pass ${round + 1}` };
		extra.push({ t: 'run', cmd });
	}
	const before = items.filter((i) => i.slot <= 2).map((i) => i.leaf);
	const after = items.filter((i) => i.slot > 2).map((i) => i.leaf);
	return [...before, ...extra, ...after];
}

/** The job list of a pipeline: `count` jobs in a realistic mix, keys unique. */
export function planJobs(count: number, stack: Stack, components: string[], rng: Rng, options: { installJob: boolean }): JobSpec[] {
	const specs: JobSpec[] = [];
	const keys = new Set<string>();
	const add = (archetype: Archetype, key: string, extra: Partial<JobSpec> = {}) => {
		if (specs.length >= count || keys.has(key)) return;
		keys.add(key);
		const weight = { install: 0.5, lint: 0.8, typecheck: 0.6, unit: 1.3, integration: 1.5, build: 1.1, docker: 0.9, e2e: 1.2, audit: 0.7, deploy: 1.1, smoke: 0.6, migrate: 0.5, docs: 0.6, coverage: 0.5, benchmark: 0.8, release: 0.6, notify: 0.3 }[archetype];
		specs.push({ key, archetype, weight: weight * (0.6 + rng.next() * 0.8), min: archetype === 'notify' ? 1 : 2, max: 48, ...extra });
	};
	if (options.installJob) add('install', 'install');
	add('lint', 'lint');
	const [first] = components;
	add('unit', `test-${first}`, { component: first });
	add('build', `build-${first}`, { component: first });
	add('deploy', 'deploy-staging', { component: first, environment: 'staging' });
	add('deploy', 'deploy-production', { component: first, environment: 'production' });
	if (stack.typecheck) add('typecheck', 'typecheck');
	add('audit', 'security-scan');
	add('integration', `integration-${first}`, { component: first });
	add('docker', `docker-${first}`, { component: first });
	if (stack.id === 'node') add('e2e', 'e2e');
	add('smoke', 'smoke-staging', { component: first, environment: 'staging' });
	const extras: Archetype[] = ['coverage', 'docs', 'migrate', 'benchmark', 'release', 'notify'];
	let round = 0;
	while (specs.length < count) {
		for (const c of components.slice(1)) {
			add('unit', `test-${c}`, { component: c });
			add('build', `build-${c}`, { component: c });
			if (rng.chance(0.6)) add('integration', `integration-${c}`, { component: c });
			if (rng.chance(0.5)) add('docker', `docker-${c}`, { component: c });
			if (rng.chance(0.15)) add('benchmark', `bench-${c}`, { component: c });
		}
		const extra = extras[round % extras.length]!;
		add(extra, extra === 'migrate' ? 'migrate-staging' : extra, extra === 'migrate' ? { environment: 'staging' } : {});
		round++;
		if (round > 200) throw new Error('planJobs: not enough components for the job count');
	}
	return specs;
}
