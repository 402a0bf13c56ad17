/**
 * The commands and jobs of the most used CircleCI orbs. An orb is looked up by its registry
 * name (`circleci/python` from `circleci/python@2.1.1`), or by its alias when the config gives
 * no reference; command names match with `-` and `_` alike (`install_chrome`).
 */
import { explanation, type Explanation } from './explanation';
import { code } from './text';

type Args = Record<string, string>;
interface Said {
	summary: string;
	details?: string[];
	risks?: string[];
}
type Entry = (args: Args) => Said;

interface Orb {
	/** What the orb is for, as a noun phrase: `tools to install the Heroku CLI and deploy to Heroku`. */
	about: string;
	commands: Record<string, Entry>;
	jobs?: Record<string, Entry>;
}

function argNote(args: Args, key: string, text: (value: string) => string): string[] {
	return args[key] !== undefined ? [text(args[key]!)] : [];
}

const PIP_MANAGERS: Record<string, string> = {
	pip: 'pip, from the requirements file',
	pipenv: 'Pipenv, from `Pipfile` and `Pipfile.lock`',
	poetry: 'Poetry, from `pyproject.toml` and `poetry.lock`',
	'pip-dist': 'pip, installing the project itself from `setup.py`',
	uv: 'uv, from `uv.lock`',
	auto: 'the package manager it detects from the project’s files',
};

const pythonInstall: Entry = (args) => {
	const manager = args['pkg-manager'] ?? 'auto';
	const file = args['pip-dependency-file'] ?? 'requirements.txt';
	return {
		summary: `Installs the project’s Python dependencies with ${PIP_MANAGERS[manager] ?? code(manager)}${manager === 'pip' ? ` (${code(file)})` : ''}, restoring and saving a cache around the install.`,
		details: [
			`Expands to: restore the cache (keyed on the lock file${args['include-branch-in-cache-key'] === 'false' ? '' : ', the branch'} and the Python version), run the install, then save the cache — so a run reuses packages until the lock file or Python version changes.`,
			...argNote(args, 'args', (v) => `Extra arguments for the install command: ${code(v)}.`),
			...argNote(args, 'app-dir', (v) => `Works in ${code(v)}.`),
			...argNote(args, 'cache-version', (v) => `\`cache-version: ${v}\` is part of the cache key; changing it starts a fresh cache.`),
		],
	};
};

const nodeInstallPackages: Entry = (args) => {
	const manager = args['pkg-manager'] ?? 'npm';
	const command: Record<string, string> = { npm: '`npm ci`', yarn: '`yarn install --frozen-lockfile`', 'yarn-berry': '`yarn install --immutable`', pnpm: '`pnpm install --frozen-lockfile`' };
	return {
		summary: `Installs the Node dependencies with ${args['override-ci-command'] ? code(args['override-ci-command']) : (command[manager] ?? code(manager))}, restoring and saving a cache keyed on the lock file around it.`,
		details: [
			`The cache key combines the CPU architecture, ${args['include-branch-in-cache-key'] === 'false' ? '' : 'the branch, '}and checksums of \`package.json\` and the lock file: a run reuses downloaded packages until one of those changes, with shorter keys as fallbacks.`,
			...argNote(args, 'cache-path', (v) => `Caches ${code(v)} instead of the package manager’s default folder.`),
			...argNote(args, 'app-dir', (v) => `Works in ${code(v)}.`),
			...argNote(args, 'cache-version', (v) => `\`cache-version: ${v}\` is part of the cache key; changing it starts a fresh cache.`),
		],
	};
};

const herokuDeploy: Entry = (args) => ({
	summary: `Deploys to the Heroku app ${code(args['app-name'] ?? '$HEROKU_APP_NAME')} by pushing ${args.branch ? code(args.branch) : 'the current branch'} to Heroku’s git remote; Heroku then builds and releases the code.`,
	details: [
		`Authenticates with the API key in the environment variable ${code(args['api-key'] ?? 'HEROKU_API_KEY')}, set in the project settings or a context.`,
		...(args.force === 'true' ? ['`force: true` force-pushes, replacing whatever Heroku’s repository holds.'] : []),
	],
	risks: args.force === 'true' ? ['A force push to Heroku replaces its history: a deploy from an older branch silently rolls production back.'] : [],
});

const slackNotify: Entry = (args) => {
	const event = args.event ?? 'always';
	const when: Record<string, string> = { fail: 'only when the job has failed', pass: 'only when the job has passed', always: 'whatever the job’s result' };
	return {
		summary: `Posts a message to Slack${args.channel ? ` in ${code(args.channel)}` : ''} ${when[event] ?? `on ${code(event)}`}${args.template ? `, using the ${code(args.template)} template` : args.custom ? ', with a custom message layout' : ''}.`,
		details: ['Needs a Slack app token in `SLACK_ACCESS_TOKEN` (and a default channel in `SLACK_DEFAULT_CHANNEL`), usually from a context.'],
	};
};

const ecrBuildPush: Entry = (args) => ({
	summary: `Logs in to Amazon ECR, builds the Docker image${args.dockerfile ? ` from ${code(args.dockerfile)}` : ''} and pushes it to the repository ${code(args.repo ?? '?')}${args.tag ? ` tagged ${code(args.tag)}` : ''}.`,
	details: [...argNote(args, 'region', (v) => `Region: ${code(v)}.`), ...argNote(args, 'role-arn', (v) => `Authenticates by assuming ${code(v)} through OIDC, so no long-lived AWS keys are needed.`)],
});

const ORBS: Record<string, Orb> = {
	'circleci/python': {
		about: 'common Python tasks: installing packages with caching, testing, packaging',
		commands: {
			'install-packages': pythonInstall,
			'install-deps': () => ({ summary: 'Installs the packages listed in `requirements.txt` with pip (an early version of the orb).' }),
			'load-cache': () => ({ summary: 'Restores the pip packages cached by an earlier run, keyed on the checksum of `requirements.txt` (an early version of the orb).' }),
			'save-cache': () => ({ summary: 'Saves the installed pip packages in the cache, keyed on the checksum of `requirements.txt` (an early version of the orb).' }),
			dist: (args) => ({ summary: `Builds the package’s distribution files (wheel and source archive)${args['out-dir'] ? ` into ${code(args['out-dir'])}` : ' into `dist/`'}.` }),
			test: () => ({ summary: 'Runs the tests with pytest (an early version of the orb).' }),
		},
		jobs: {
			test: (args) => ({
				summary: `Checks out the code, installs the dependencies with ${PIP_MANAGERS[args['pkg-manager'] ?? 'auto'] ?? code(args['pkg-manager']!)}, and runs the tests with ${code(args['test-tool'] ?? 'pytest')}${args.args ? ` (${code(args.args)})` : ''}.`,
				details: ['Test results are stored so CircleCI’s Tests tab shows them.'],
			}),
		},
	},
	'circleci/node': {
		about: 'common Node.js tasks: installing Node and packages with caching, running scripts and tests',
		commands: {
			'install-packages': nodeInstallPackages,
			install: (args) => ({
				summary: `Installs Node.js ${args['node-version'] ? code(args['node-version']) : 'from `.nvmrc` or the latest LTS'} with nvm${args['install-yarn'] === 'true' ? ', plus yarn' : ''}.`,
			}),
			'install-npm': (args) => ({ summary: `Installs npm ${code(args.version ?? 'latest')}.` }),
			'install-yarn': (args) => ({ summary: `Installs yarn ${code(args.version ?? 'latest')}.` }),
			'install-pnpm': (args) => ({ summary: `Installs pnpm ${code(args.version ?? 'latest')}.` }),
			'with-cache': () => ({ summary: 'Restores the `node_modules` cache, runs the steps given to it, then saves the cache (an early version of the orb).' }),
		},
		jobs: {
			test: (args) => ({ summary: `Checks out the code, installs the dependencies with ${code(args['pkg-manager'] ?? 'npm')} (cached) and runs the ${code(args['run-command'] ?? 'test')} script.` }),
			run: (args) => ({ summary: `Checks out the code, installs the dependencies and runs the ${code(args['npm-run'] ?? args['yarn-run'] ?? args['pnpm-run'] ?? '?')} script.` }),
		},
	},
	'circleci/heroku': {
		about: 'tools to install the Heroku CLI and deploy to Heroku',
		commands: {
			install: () => ({ summary: 'Installs the Heroku command-line tool.' }),
			'check-authentication': () => ({ summary: 'Checks that a Heroku API key is set, failing early if it is missing.' }),
			'deploy-via-git': herokuDeploy,
			'push-docker-image': (args) => ({ summary: `Builds the Docker image${args['process-types'] ? ` of ${code(args['process-types'])}` : ''} and pushes it to Heroku’s container registry for ${code(args['app-name'] ?? '$HEROKU_APP_NAME')}.` }),
			'release-docker-image': (args) => ({ summary: `Releases the pushed Docker image as the new version of ${code(args['app-name'] ?? '$HEROKU_APP_NAME')}.` }),
		},
		jobs: {
			'deploy-via-git': (args) => {
				const said = herokuDeploy(args);
				return { ...said, summary: `Checks out the code, installs the Heroku CLI and ${said.summary.charAt(0).toLowerCase()}${said.summary.slice(1)}` };
			},
		},
	},
	'circleci/docker': {
		about: 'tools to build, lint and publish Docker images',
		commands: {
			build: (args) => ({ summary: `Builds the Docker image ${code(args.image ?? '?')}${args.tag ? ` tagged ${code(args.tag)}` : ''} from ${code(args.dockerfile ?? 'Dockerfile')}${args.registry ? ` for the registry ${code(args.registry)}` : ''}.`, details: argNote(args, 'extra_build_args', (v) => `Extra build arguments: ${code(v)}.`) }),
			push: (args) => ({ summary: `Pushes the image ${code(args.image ?? '?')}${args.tag ? `:${args.tag}` : ''} to ${args.registry ? code(args.registry) : 'Docker Hub'}.` }),
			check: (args) => ({ summary: `Logs in to ${args.registry ? code(args.registry) : 'Docker Hub'} with the credentials in ${code(args['docker-username'] ?? 'DOCKER_LOGIN')} and ${code(args['docker-password'] ?? 'DOCKER_PASSWORD')}.` }),
			'install-docker-tools': () => ({ summary: 'Installs the Docker CLI, Docker Compose and related tools.' }),
			'install-docker': () => ({ summary: 'Installs the Docker CLI.' }),
			'install-docker-compose': () => ({ summary: 'Installs Docker Compose.' }),
			hadolint: () => ({ summary: 'Checks the Dockerfiles for common mistakes with hadolint.' }),
			'update-description': () => ({ summary: 'Updates the image’s description on Docker Hub from the README.' }),
		},
		jobs: { publish: (args) => ({ summary: `Builds the Docker image ${code(args.image ?? '?')} and pushes it to ${args.registry ? code(args.registry) : 'Docker Hub'}.` }) },
	},
	'circleci/aws-cli': {
		about: 'installing and configuring the AWS command-line tool',
		commands: {
			setup: (args) => ({
				summary: `Installs the AWS CLI and configures its credentials${args.role_arn || args['role-arn'] ? ` by assuming ${code(args.role_arn ?? args['role-arn']!)} through OIDC (no long-lived keys)` : ' from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`'}${args.region ? ` for ${code(args.region)}` : ''}.`,
			}),
			install: () => ({ summary: 'Installs the AWS command-line tool.' }),
			'assume-role-with-web-identity': (args) => ({ summary: `Gets temporary AWS credentials for ${code(args.role_arn ?? args['role-arn'] ?? '?')} through CircleCI’s OIDC token.` }),
		},
	},
	'circleci/aws-ecr': {
		about: 'building images and pushing them to Amazon ECR',
		commands: {
			'build-and-push-image': ecrBuildPush,
			'ecr-login': () => ({ summary: 'Logs Docker in to Amazon ECR.' }),
			'build-image': (args) => ({ summary: `Builds the Docker image for the ECR repository ${code(args.repo ?? '?')}.` }),
			'push-image': (args) => ({ summary: `Pushes the image to the ECR repository ${code(args.repo ?? '?')}.` }),
			'tag-image': () => ({ summary: 'Adds a tag to an image already in ECR.' }),
			'create-repo': (args) => ({ summary: `Creates the ECR repository ${code(args.repo ?? '?')} if it does not exist.` }),
		},
		jobs: { 'build-and-push-image': ecrBuildPush },
	},
	'circleci/aws-ecs': {
		about: 'deploying to Amazon ECS',
		commands: {
			'update-service': (args) => ({ summary: `Registers a new task definition${args['container-image-name-updates'] ? ' with the new image' : ''} and updates the ECS service ${code(args['service-name'] ?? args['family'] ?? '?')} in the cluster ${code(args['cluster'] ?? args['cluster-name'] ?? '?')}.` }),
			'run-task': () => ({ summary: 'Runs a one-off task on Amazon ECS.' }),
		},
		jobs: { 'deploy-service-update': (args) => ({ summary: `Deploys a new version of the ECS service ${code(args['service-name'] ?? args['family'] ?? '?')} in ${code(args['cluster'] ?? args['cluster-name'] ?? '?')}.` }) },
	},
	'circleci/aws-s3': {
		about: 'copying files to Amazon S3',
		commands: {
			sync: (args) => ({ summary: `Syncs ${code(args.from ?? '?')} to ${code(args.to ?? '?')} in S3, uploading what changed.`, risks: /--delete/.test(args['arguments'] ?? '') ? ['`--delete` removes files in the bucket that are not in the source.'] : [] }),
			copy: (args) => ({ summary: `Copies ${code(args.from ?? '?')} to ${code(args.to ?? '?')} in S3.` }),
		},
	},
	'circleci/aws-elastic-beanstalk': {
		about: 'deploying to AWS Elastic Beanstalk',
		commands: {
			setup: () => ({ summary: 'Installs the Elastic Beanstalk command-line tool (`eb`).' }),
			deploy: (args) => ({ summary: `Deploys the app to the Elastic Beanstalk environment ${code(args['environment-name'] ?? '?')}.` }),
		},
		jobs: { deploy: (args) => ({ summary: `Deploys the app to the Elastic Beanstalk environment ${code(args['environment-name'] ?? '?')}.` }) },
	},
	'circleci/kubernetes': {
		about: 'installing kubectl and managing Kubernetes resources',
		commands: {
			install: () => ({ summary: 'Installs `kubectl` and `kops`.' }),
			'install-kubectl': (args) => ({ summary: `Installs \`kubectl\`${args['kubectl-version'] ? ` ${code(args['kubectl-version'])}` : ''}.` }),
			'install-kubeconfig': () => ({ summary: 'Writes the kubeconfig (cluster address and credentials) kept base64-encoded in the `KUBECONFIG_DATA` variable.' }),
			'create-or-update-resource': (args) => ({ summary: `Applies ${code(args['resource-file-path'] ?? '?')} to the cluster${args.namespace ? ` in ${code(args.namespace)}` : ''}, creating or updating the resources.`, details: argNote(args, 'get-rollout-status', (v) => (v === 'true' ? 'Then waits for the rollout to finish.' : 'Does not wait for the rollout.')) }),
			'update-container-image': (args) => ({ summary: `Switches ${code(args['resource-name'] ?? '?')} to the image ${code(args['container-image-updates'] ?? '?')}, starting a rolling update.` }),
			'get-rollout-status': (args) => ({ summary: `Waits until the rollout of ${code(args['resource-name'] ?? '?')} finishes.` }),
			'delete-resource': (args) => ({ summary: `Deletes ${code(args['resource-names'] ?? args['resource-file-path'] ?? '?')} from the cluster.` }),
		},
	},
	'circleci/helm': {
		about: 'installing Helm and managing Helm releases',
		commands: {
			'install-helm-client': (args) => ({ summary: `Installs the Helm client${args.version ? ` ${code(args.version)}` : ''}.` }),
			'install-helm-chart': (args) => ({ summary: `Installs the Helm chart ${code(args.chart ?? '?')}${args['release-name'] ? ` as ${code(args['release-name'])}` : ''}.` }),
			'upgrade-helm-chart': (args) => ({ summary: `Upgrades (or installs) the Helm release ${code(args['release-name'] ?? '?')} from the chart ${code(args.chart ?? '?')}${args.namespace ? ` in ${code(args.namespace)}` : ''}.` }),
			'delete-helm-release': (args) => ({ summary: `Deletes the Helm release ${code(args['release-name'] ?? '?')}.` }),
		},
	},
	'circleci/slack': { about: 'sending Slack notifications from jobs', commands: { notify: slackNotify }, jobs: { 'on-hold': () => ({ summary: 'Posts a Slack message that the workflow waits for an approval.' }) } },
	'circleci/browser-tools': {
		about: 'installing browsers and their drivers for browser tests',
		commands: {
			'install-chrome': (args) => ({ summary: `Installs Google Chrome${args['chrome-version'] ? ` ${code(args['chrome-version'])}` : ''} for browser tests.` }),
			'install-chromedriver': () => ({ summary: 'Installs the ChromeDriver that matches the installed Chrome, so Selenium-style tests can drive it.' }),
			'install-firefox': (args) => ({ summary: `Installs Firefox${args.version ? ` ${code(args.version)}` : ''} for browser tests.` }),
			'install-geckodriver': () => ({ summary: 'Installs geckodriver, so Selenium-style tests can drive Firefox.' }),
			'install-browser-tools': () => ({ summary: 'Installs Chrome, ChromeDriver, Firefox and geckodriver for browser tests.' }),
			'install-edge': () => ({ summary: 'Installs Microsoft Edge for browser tests.' }),
		},
	},
	'codecov/codecov': {
		about: 'uploading coverage reports to Codecov',
		commands: { upload: (args) => ({ summary: `Uploads the coverage report${args.file || args.files ? ` ${code(args.file ?? args.files!)}` : 's it finds'} to Codecov${args.flags ? `, flagged ${code(args.flags)}` : ''}.`, details: ['Uses the upload token in `CODECOV_TOKEN`.'] }) },
		jobs: { upload: () => ({ summary: 'Uploads the coverage reports to Codecov.' }) },
	},
	'cypress-io/cypress': {
		about: 'installing and running Cypress end-to-end tests',
		commands: {
			install: (args) => ({ summary: 'Installs the project’s dependencies and the Cypress binary, with caching.', details: argNote(args, 'post-install', (v) => `Then runs ${code(v)}.`) }),
			'run-tests': (args) => ({ summary: `Runs the Cypress tests with ${code(args['cypress-command'] ?? 'npx cypress run')}${args['start-command'] ? `, after starting the app with ${code(args['start-command'])}` : ''}.` }),
		},
		jobs: { run: (args) => ({ summary: `Installs the dependencies and runs the Cypress tests${args['cypress-command'] ? ` with ${code(args['cypress-command'])}` : ''}.` }) },
	},
	'circleci/ruby': {
		about: 'common Ruby tasks',
		commands: {
			install: (args) => ({ summary: `Installs Ruby ${code(args.version ?? '?')}.` }),
			'install-deps': () => ({ summary: 'Installs the gems of `Gemfile.lock` with Bundler, restoring and saving a cache keyed on the lock file.' }),
			'rspec-test': () => ({ summary: 'Runs the RSpec tests, split across parallel copies by timing, and stores their results.' }),
			'rubocop-check': () => ({ summary: 'Checks the Ruby code style with RuboCop.' }),
		},
	},
	'circleci/go': {
		about: 'common Go tasks',
		commands: {
			install: (args) => ({ summary: `Installs Go ${code(args.version ?? '?')}.` }),
			'load-cache': () => ({ summary: 'Restores the Go module cache keyed on `go.sum`.' }),
			'save-cache': () => ({ summary: 'Saves the Go module cache keyed on `go.sum`.' }),
			'mod-download': () => ({ summary: 'Downloads the Go modules of `go.mod`.' }),
			'mod-download-cached': () => ({ summary: 'Downloads the Go modules, restoring and saving a cache keyed on `go.sum` around it.' }),
			test: () => ({ summary: 'Runs the Go tests and stores their results.' }),
		},
	},
	'circleci/gcp-gcr': {
		about: 'pushing images to Google’s container registries',
		commands: {
			'gcr-auth': () => ({ summary: 'Logs Docker in to Google Container Registry with the service-account key in the environment.' }),
			'build-image': (args) => ({ summary: `Builds the Docker image ${code(args.image ?? '?')} for Google Container Registry.` }),
			'push-image': (args) => ({ summary: `Pushes the image ${code(args.image ?? '?')} to Google Container Registry.` }),
		},
	},
	'circleci/gcp-cli': {
		about: 'installing and configuring the Google Cloud CLI',
		commands: { setup: () => ({ summary: 'Installs and authenticates the Google Cloud CLI (`gcloud`).' }), install: () => ({ summary: 'Installs the Google Cloud CLI (`gcloud`).' }) },
	},
	'circleci/terraform': {
		about: 'running Terraform',
		commands: {
			install: () => ({ summary: 'Installs Terraform.' }),
			init: (args) => ({ summary: `Prepares the Terraform folder ${code(args.path ?? '.')}: downloads providers and connects to the state backend.` }),
			plan: (args) => ({ summary: `Works out what Terraform would change for ${code(args.path ?? '.')}.` }),
			apply: (args) => ({ summary: `Changes the real infrastructure to match the Terraform configuration in ${code(args.path ?? '.')}.` }),
			validate: () => ({ summary: 'Checks the Terraform configuration is valid.' }),
			fmt: () => ({ summary: 'Checks the Terraform files are formatted.' }),
		},
	},
	'circleci/jq': { about: 'installing jq', commands: { install: () => ({ summary: 'Installs `jq`, the JSON command-line processor.' }) } },
	'circleci/github-cli': { about: 'installing the GitHub CLI', commands: { setup: () => ({ summary: 'Installs the GitHub CLI (`gh`) and logs it in with `GITHUB_TOKEN`.' }) } },
	'circleci/maven': { about: 'Maven builds with caching', commands: { with_cache: () => ({ summary: 'Restores the Maven repository cache, runs the steps given to it, then saves the cache.' }) }, jobs: { test: () => ({ summary: 'Runs `mvn verify` with a cached Maven repository and stores the test results.' }) } },
	'circleci/gradle': { about: 'Gradle builds with caching', commands: { with_cache: () => ({ summary: 'Restores the Gradle cache, runs the steps given to it, then saves the cache.' }) }, jobs: { test: () => ({ summary: 'Runs the Gradle tests with a cached Gradle home and stores the test results.' }) } },
	'circleci/php': { about: 'common PHP tasks', commands: { 'install-packages': () => ({ summary: 'Installs the PHP packages with Composer, restoring and saving a cache keyed on `composer.lock`.' }) } },
	'circleci/rust': {
		about: 'common Rust tasks',
		commands: { install: () => ({ summary: 'Installs the Rust toolchain.' }), build: () => ({ summary: 'Compiles the Rust project with caching.' }), test: () => ({ summary: 'Runs the Rust tests.' }), clippy: () => ({ summary: 'Runs Clippy, Rust’s linter.' }), format: () => ({ summary: 'Checks the Rust formatting.' }) },
	},
	'circleci/shellcheck': { about: 'checking shell scripts', commands: { install: () => ({ summary: 'Installs ShellCheck.' }) }, jobs: { check: () => ({ summary: 'Checks the repository’s shell scripts for common mistakes with ShellCheck.' }) } },
	'sonarsource/sonarcloud': { about: 'SonarCloud code analysis', commands: { scan: () => ({ summary: 'Sends the code to SonarCloud, which reports bugs, code smells and whether the quality gate passes.', details: ['Uses the token in `SONAR_TOKEN`.'] }) } },
	'snyk/snyk': { about: 'Snyk security scans', commands: { scan: () => ({ summary: 'Checks the dependencies for known vulnerabilities with Snyk.', details: ['Uses the token in `SNYK_TOKEN`.'] }), install: () => ({ summary: 'Installs the Snyk CLI.' }) } },
	'postman/newman': { about: 'running Postman collections', commands: { 'newman-run': (args) => ({ summary: `Runs the Postman API tests in ${code(args.collection ?? '?')} with Newman${args.environment ? `, using the environment ${code(args.environment)}` : ''}.` }) } },
	'jetbrains/qodana': { about: 'JetBrains Qodana code analysis', commands: { scan: (args) => ({ summary: `Runs JetBrains Qodana static analysis${args.args ? ` (${code(args.args)})` : ''} and reports the problems it finds.` }) } },
	'lambdaisland/kaocha': { about: 'running Clojure tests with Kaocha', commands: { execute: () => ({ summary: 'Runs the Clojure tests with Kaocha.' }), upload_codecov: () => ({ summary: 'Uploads Kaocha’s coverage report to Codecov.' }) } },
	'artsy/hokusai': {
		about: 'Artsy’s helpers for Docker and Kubernetes deploys',
		commands: {
			setup: () => ({ summary: 'Installs Artsy’s hokusai tool and its dependencies.' }),
			'install-aws-iam-authenticator': () => ({ summary: 'Installs the AWS IAM Authenticator, which lets kubectl log in to EKS clusters with AWS credentials.' }),
			'configure-hokusai': () => ({ summary: 'Configures hokusai (registry and cluster settings) for the deploy steps.' }),
		},
	},
	'rhems-japan/badges': { about: 'README badges', commands: { create_badge: () => ({ summary: 'Creates a status badge image.' }), update_readme: () => ({ summary: 'Updates the badges in the README.' }) } },
};

function findOrb(name: string, ref: string | undefined): [string, Orb] | undefined {
	const fromRef = ref?.replace(/@.*$/, '');
	if (fromRef && ORBS[fromRef]) return [fromRef, ORBS[fromRef]!];
	if (fromRef) return undefined;
	// Without a reference (an inline orb or an unread one), the alias is taken at its word.
	const alias = name.slice(0, name.indexOf('/'));
	const key = Object.keys(ORBS).find((k) => k === `circleci/${alias}`) ?? Object.keys(ORBS).find((k) => k.endsWith(`/${alias}`));
	return key ? [key, ORBS[key]!] : undefined;
}

function entryOf(table: Record<string, Entry> | undefined, command: string): Entry | undefined {
	if (!table) return undefined;
	const wanted = command.replace(/_/g, '-');
	return Object.entries(table).find(([key]) => key.replace(/_/g, '-') === wanted)?.[1];
}

/**
 * An orb command (`python/install-packages`) or orb job (`heroku/deploy-via-git`); an
 * unknown command of a known orb is explained as part of that orb, an unknown orb not at all.
 */
export function explainOrb(name: string, ref: string | undefined, args: Args, kind: 'command' | 'job'): Explanation | undefined {
	const slash = name.indexOf('/');
	if (slash < 1) return undefined;
	const found = findOrb(name, ref);
	if (!found) return undefined;
	const [orbName, orb] = found;
	const command = name.slice(slash + 1);
	const entry = kind === 'job' ? (entryOf(orb.jobs, command) ?? entryOf(orb.commands, command)) : entryOf(orb.commands, command);
	const reference = `https://circleci.com/developer/orbs/orb/${orbName}`;
	if (!entry) {
		return explanation({
			summary: `Runs ${code(command)}, a ${kind} of the ${code(orbName)} orb (${orb.about}).`,
			details: ['Pipeline Atlas has no notes on this particular command; the orb’s registry page lists what it does and its parameters.'],
			topic: `orb:${orbName}`,
			reference,
		});
	}
	const said = entry(args);
	return explanation({ ...said, topic: `orb:${orbName}/${command.replace(/_/g, '-')}`, reference });
}
