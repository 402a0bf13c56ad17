/**
 * The most used GitHub Actions, matched by `owner/repo[/path]` whatever the `@ref`, each
 * explained from the `with:` inputs the step gives it.
 */
import { allSteps, type Job, type Pipeline, type Step } from '../../model';
import { isStaticKey, partNotes, reuseClause } from './cache-keys';
import { explanation, type Explanation } from './explanation';
import { explainScript } from './scripts';
import { code, codeList, looksSecret, plural } from './text';
import { jobsBefore } from './workspaces';

type Args = Record<string, string>;
interface Said {
	summary: string;
	details?: string[];
	risks?: string[];
}
interface ActionContext {
	step: Step;
	job?: Job | undefined;
	pipeline?: Pipeline | undefined;
}
type Entry = (args: Args, context: ActionContext) => Said;

const CACHE_SCOPE = 'A run can restore caches saved on its own branch or on the default branch (for a pull request, also its base branch); caches unused for 7 days are deleted, and each repository keeps at most 10 GB.';

function note(args: Args, key: string, text: (value: string) => string): string[] {
	return args[key] !== undefined && args[key] !== '' ? [text(args[key]!)] : [];
}

function lines(value: string | undefined): string[] {
	return (value ?? '').split(/\n|,(?=\s*[\w.*/-])/).map((v) => v.trim()).filter(Boolean);
}

/** A version input that may be an expression: `${{ matrix.node }}` reads as "the matrix's version". */
function version(value: string | undefined, fallback: string): string {
	if (value === undefined || value === '') return fallback;
	const matrix = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(value);
	if (matrix) return `in the version this matrix job sets in ${code(`matrix.${matrix[1]}`)}`;
	return code(value);
}

function setupCache(args: Args, tool: string, lockfiles: Record<string, string>): string[] {
	const cache = args.cache;
	if (!cache || cache === 'false') return [];
	const lock = args['cache-dependency-path'] ? code(args['cache-dependency-path']) : (lockfiles[cache] ?? 'the lock file');
	return [`\`cache: ${cache}\` also restores ${tool === 'go' ? 'the Go module and build caches' : `${code(cache)}’s download cache`} at the start and saves it at the end of the job, keyed on a hash of ${lock}: downloads are reused until it changes${tool === 'node' ? ' (this caches the package manager’s download folder, not `node_modules`)' : ''}.`];
}

const NODE_LOCKS = { npm: '`package-lock.json`', yarn: '`yarn.lock`', pnpm: '`pnpm-lock.yaml`' };
const PYTHON_LOCKS = { pip: '`requirements*.txt`', pipenv: '`Pipfile.lock`', poetry: '`poetry.lock`' };
const JAVA_LOCKS = { maven: 'the `pom.xml` files', gradle: 'the Gradle build and wrapper files', sbt: 'the sbt build files' };

const checkout: Entry = (args, { pipeline }) => {
	const repo = args.repository ? code(args.repository) : 'this repository';
	const ref = args.ref ? ` at ${code(args.ref)}` : ' at the commit that triggered the run';
	const into = args.path ? code(args.path) : 'the job’s workspace (`$GITHUB_WORKSPACE`)';
	const depth = args['fetch-depth'];
	const details: string[] = [];
	if (depth === '0') details.push('`fetch-depth: 0` fetches the whole history with every branch and tag, which tools that read tags or diff against other branches need.');
	else if (depth && depth !== '1') details.push(`\`fetch-depth: ${depth}\` fetches the last ${depth} commits.`);
	else details.push('Only the one commit is fetched (`fetch-depth: 1`, the default): no history and no tags, so `git describe` or diffs against other branches do not work.');
	if (args.submodules && args.submodules !== 'false') details.push(`\`submodules: ${args.submodules}\` also checks out the submodules${args.submodules === 'recursive' ? ', and theirs' : ''}.`);
	if (args.lfs === 'true') details.push('`lfs: true` also downloads the files kept in Git LFS.');
	if (args['sparse-checkout']) details.push(`Only ${codeList(lines(args['sparse-checkout']))} are checked out (sparse checkout).`);
	if (args.token || args['ssh-key']) details.push(`Authenticates with ${args.token ? code(args.token) : 'the given SSH key'} instead of the job’s own token, typically to reach another private repository.`);
	if (args['persist-credentials'] === 'false') details.push('`persist-credentials: false`: the token is not left in the local git config for later steps.');
	else details.push('The job’s token stays in the local git config, so later `git` commands (push, fetch) are authenticated; `persist-credentials: false` turns that off.');
	const risks: string[] = [];
	const prTarget = pipeline?.triggers.some((t) => t.name === 'pull_request_target') || pipeline?.workflows.some((w) => w.triggers.some((t) => t.name === 'pull_request_target'));
	if (prTarget && /github\.event\.pull_request\.head|github\.head_ref/.test(args.ref ?? '')) {
		risks.push('Checks out a pull request’s own code in a `pull_request_target` workflow, which runs with secrets and a write token: code from a fork could steal them.');
	}
	return { summary: `Clones ${repo}${ref} into ${into}.`, details, risks };
};

function cacheExplanation(args: Args, mode: 'both' | 'restore' | 'save'): Said {
	const key = args.key ?? '?';
	const paths = lines(args.path);
	const restoreKeys = lines(args['restore-keys']);
	const details = [...partNotes([key, ...restoreKeys], 'github-actions')];
	if (mode !== 'save' && restoreKeys.length) {
		details.push(`Without an exact match for the key, the newest cache whose key starts with ${codeList(restoreKeys)} (tried in that order) is restored instead; the step’s \`cache-hit\` output is then \`false\`.`);
	}
	if (mode === 'both') details.push('At the end of the job (a post step), the paths are saved under the key unless the restore was an exact hit; existing keys are never overwritten.');
	if (mode === 'save') details.push('If a cache with this key already exists, nothing is saved: keys are never overwritten.');
	if (args['lookup-only'] === 'true') details.push('`lookup-only: true` only checks whether a cache exists, without downloading it.');
	if (args['fail-on-cache-miss'] === 'true') details.push('`fail-on-cache-miss: true`: the step fails when no cache matches.');
	details.push(CACHE_SCOPE);
	const risks = mode !== 'restore' && isStaticKey(key, 'github-actions') ? [`The key ${code(key)} never changes and GitHub never overwrites a cache: it is saved once and stays as it was until the key is edited or the cache expires.`] : [];
	const what = codeList(paths) || 'the listed paths';
	const reuse = reuseClause(key, 'github-actions');
	const summary =
		mode === 'save'
			? `Saves ${what} in the cache under ${code(key)}, reused ${reuse}.`
			: mode === 'restore'
				? `Restores ${what} from the cache saved under ${code(key)} (reused ${reuse})${restoreKeys.length ? `, or from the newest partial match of its ${plural(restoreKeys.length, 'restore key')}` : ''}.`
				: `Restores ${what} from the cache saved under ${code(key)} (reused ${reuse})${restoreKeys.length ? `, or from the newest partial match of its ${plural(restoreKeys.length, 'restore key')}` : ''}, and saves ${paths.length === 1 ? 'it' : 'them'} under that key at the end of the job.`;
	return { summary, details, risks };
}

const uploadArtifact: Entry = (args) => {
	const name = args.name ?? 'artifact';
	const paths = lines(args.path);
	const details = [
		`Later jobs of this run can download it with \`actions/download-artifact\`, and people from the run’s page, for ${args['retention-days'] ? `${args['retention-days']} days` : '90 days by default'}.`,
		...note(args, 'if-no-files-found', (v) => `\`if-no-files-found: ${v}\`: when nothing matches the path, the step ${v === 'error' ? 'fails' : v === 'warn' ? 'warns (the default)' : 'stays silent'}.`),
		...note(args, 'include-hidden-files', (v) => (v === 'true' ? 'Hidden files (dot-files) are included.' : '')),
	].filter(Boolean);
	const risks = paths.some((p) => /(^|\/)(\.env|id_rsa|.*\.pem|.*\.key|credentials?|secrets?)(\/|$)|^\.$|^\.\/?$/.test(p))
		? [`Uploading ${codeList(paths)} may include credentials (such as \`.env\` files or the git config with the job’s token); anyone who can read the repository can download artifacts.`]
		: [];
	return { summary: `Uploads ${codeList(paths) || 'files'} as the artifact ${code(name)}.`, details, risks };
};

const downloadArtifact: Entry = (args, { job, pipeline }) => {
	const name = args.name;
	const into = args.path ? code(args.path) : 'the workspace';
	const details: string[] = [];
	if (name && pipeline && job) {
		const makers = jobsBefore(pipeline, job.id).filter((j) => allSteps(j.steps).some((s) => /^actions\/upload-artifact(@|$)/i.test(s.uses ?? '') && (s.with.name ?? 'artifact') === name));
		if (makers.length) details.push(`Uploaded by ${codeList(makers.map((j) => j.name))}, which this job waits for through \`needs\`.`);
	}
	if (args.pattern) details.push(`Downloads every artifact whose name matches ${code(args.pattern)}${args['merge-multiple'] === 'true' ? ', all into the same folder' : ', each into its own folder'}.`);
	if (args['run-id']) details.push(`From another workflow run (${code(args['run-id'])}), which needs \`github-token\`.`);
	return {
		summary: name ? `Downloads the artifact ${code(name)}, uploaded earlier in this run, into ${into}.` : args.pattern ? `Downloads the artifacts matching ${code(args.pattern)} into ${into}.` : `Downloads every artifact of this run into ${into}.`,
		details,
	};
};

const buildPush: Entry = (args) => {
	const tags = lines(args.tags);
	const push = args.push === 'true';
	const details = [
		...note(args, 'platforms', (v) => `Builds for ${code(v)}.`),
		...note(args, 'cache-from', (v) => `Reuses layers from ${code(v)}${/type=gha/.test(v) ? ' (GitHub’s cache)' : ''}.`),
		...note(args, 'cache-to', (v) => `Saves its layers to ${code(v)} for later builds.`),
		...note(args, 'target', (v) => `Stops at the ${code(v)} stage of the Dockerfile.`),
		...note(args, 'secrets', () => 'Passes build secrets that are mounted only while building, not stored in the image.'),
		...(args.load === 'true' ? ['`load: true` makes the image available to later `docker` commands of this job.'] : []),
	];
	const secretArgs = lines(args['build-args']).map((a) => a.split('=')[0]!).filter(looksSecret);
	const risks = secretArgs.length ? [`Build arguments are kept in the image’s history: ${codeList(secretArgs)} can be read by anyone who pulls the image. Use \`secrets:\` instead.`] : [];
	return {
		summary: `Builds a Docker image from ${code(args.file ?? `${args.context ?? '.'}/Dockerfile`.replace(/^\.\//, ''))}${push ? ` and pushes it${tags.length ? ` as ${codeList(tags, 3)}` : ''}` : ` without pushing it${tags.length ? ` (tags ${codeList(tags, 3)})` : ''}`}.`,
		details,
		risks,
	};
};

const codeql = (part: string): Entry => (args) => {
	switch (part) {
		case 'init':
			return { summary: `Sets up CodeQL to analyse ${args.languages ? code(args.languages) : 'the repository’s languages'}${args.queries ? ` with the ${code(args.queries)} queries` : ''}: later build steps are watched so the code can be turned into a database.` };
		case 'autobuild':
			return { summary: 'Builds the code the usual way for its language, so CodeQL can watch the compilation.' };
		case 'analyze':
			return { summary: 'Runs the CodeQL queries over the code and uploads the findings to the repository’s Security tab (code-scanning alerts).' };
		case 'upload-sarif':
			return { summary: `Uploads the results file ${code(args.sarif_file ?? '?')} to the repository’s Security tab (code-scanning alerts).` };
		default:
			return { summary: 'Runs a part of CodeQL code scanning.' };
	}
};

/** A script given to an action as an input (`command`, `script`): explained with the command tables. */
function innerScript(script: string | undefined, step: Step): string[] {
	if (!script) return [];
	const inner = explainScript(script, { provider: 'github-actions' });
	void step;
	return inner ? [`The command: ${inner.summary.charAt(0).toLowerCase()}${inner.summary.slice(1)}`] : [];
}

const ACTIONS: Record<string, Entry> = {
	'actions/checkout': checkout,
	'actions/setup-node': (args) => ({
		summary: `Installs Node.js ${version(args['node-version'], args['node-version-file'] ? `from ${code(args['node-version-file'])}` : 'in the version already on the runner')} and puts it on \`PATH\` for the following steps.`,
		details: [
			...setupCache(args, 'node', NODE_LOCKS),
			...note(args, 'registry-url', (v) => `\`registry-url\` writes an \`.npmrc\` for ${code(v)} that reads the token from \`NODE_AUTH_TOKEN\` (to publish or install private packages).`),
			...(args['check-latest'] === 'true' ? ['`check-latest: true` downloads the newest matching release instead of a cached one.'] : []),
		],
	}),
	'actions/setup-python': (args) => ({
		summary: `Installs Python ${version(args['python-version'], args['python-version-file'] ? `from ${code(args['python-version-file'])}` : 'from `.python-version` or the runner’s default')} and puts it on \`PATH\` for the following steps.`,
		details: [...setupCache(args, 'python', PYTHON_LOCKS), ...note(args, 'architecture', (v) => `Architecture: ${code(v)}.`)],
	}),
	'actions/setup-java': (args) => ({
		summary: `Installs ${args.distribution ? `the ${code(args.distribution)} build of ` : ''}Java ${version(args['java-version'], args['java-version-file'] ? `from ${code(args['java-version-file'])}` : '(version not given)')} and sets \`JAVA_HOME\`.`,
		details: [
			...setupCache(args, 'java', JAVA_LOCKS),
			...note(args, 'server-id', (v) => `Writes a Maven \`settings.xml\` with credentials for the server ${code(v)}, read from environment variables, for publishing.`),
		],
	}),
	'actions/setup-go': (args, { step }) => {
		const major = Number(/@v(\d+)/.exec(step.uses ?? '')?.[1] ?? '0');
		const cached = args.cache === 'true' || (args.cache !== 'false' && major >= 4);
		return {
			summary: `Installs Go ${version(args['go-version'], args['go-version-file'] ? `from ${code(args['go-version-file'])}` : '(the version preinstalled on the runner, as none is given)')} and puts it on \`PATH\`.`,
			details: cached
				? ['Also restores and saves the Go module and build caches, keyed on a hash of `go.sum` (on by default since version 4 of the action).']
				: args.cache === 'false'
					? ['`cache: false`: the module and build caches are not kept between runs.']
					: [],
		};
	},
	'actions/setup-dotnet': (args) => ({ summary: `Installs the .NET SDK ${version(args['dotnet-version'], args['global-json-file'] ? `from ${code(args['global-json-file'])}` : 'named in `global.json`')}.`, details: setupCache(args, 'dotnet', { true: '`packages.lock.json`' }) }),
	'actions/cache': (args) => cacheExplanation(args, 'both'),
	'actions/cache/restore': (args) => cacheExplanation(args, 'restore'),
	'actions/cache/save': (args) => cacheExplanation(args, 'save'),
	'actions/upload-artifact': uploadArtifact,
	'actions/download-artifact': downloadArtifact,
	'actions/github-script': (args) => {
		const first = (args.script ?? '').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('//'));
		const risks = /\$\{\{\s*github\.(head_ref|event\.(issue|pull_request|comment|review|discussion|head_commit|commits)[\w.]*)\s*\}\}/.test(args.script ?? '')
			? ['An event field is pasted into the script’s source before it runs: a crafted title, body or branch name can inject code. Read it from `context.payload` inside the script instead.']
			: [];
		return { summary: 'Runs the JavaScript in `script` with a GitHub API client (`github`) logged in with the job’s token and the run’s details (`context`).', details: first ? [`It starts with ${code(first, 70)}.`] : [], risks };
	},
	'actions/upload-pages-artifact': (args) => ({ summary: `Packs ${code(args.path ?? '_site/')} as the site for GitHub Pages, for \`actions/deploy-pages\` to publish.` }),
	'actions/deploy-pages': () => ({ summary: 'Publishes the site uploaded with `actions/upload-pages-artifact` to GitHub Pages.' }),
	'actions/configure-pages': () => ({ summary: 'Reads the repository’s GitHub Pages settings (such as the site’s base URL) for the build.' }),
	'actions/create-release': (args) => ({ summary: `Creates the GitHub release ${code(args.tag_name ?? '?')}.`, risks: ['`actions/create-release` is archived and no longer maintained.'] }),
	'actions/upload-release-asset': (args) => ({ summary: `Attaches ${code(args.asset_path ?? '?')} to a GitHub release.`, risks: ['`actions/upload-release-asset` is archived and no longer maintained.'] }),
	'actions/create-github-app-token': () => ({ summary: 'Creates a short-lived token for a GitHub App from its ID and private key, for steps that need more rights than the job’s own token.' }),
	'actions/attest-build-provenance': (args) => ({ summary: `Signs a provenance statement saying this workflow built ${code(args['subject-path'] ?? args['subject-name'] ?? '?')}, so users can verify where it came from.` }),
	'actions/dependency-review-action': () => ({ summary: 'Fails the pull request if it adds dependencies with known vulnerabilities (or disallowed licences).' }),
	'actions/labeler': () => ({ summary: 'Labels the pull request from the paths it changes, following `.github/labeler.yml`.' }),
	'actions/stale': () => ({ summary: 'Marks and later closes issues and pull requests with no recent activity.' }),
	'actions/setup-ruby': (args) => ({ summary: `Installs Ruby ${version(args['ruby-version'], '(version not given)')}.`, risks: ['`actions/setup-ruby` is deprecated; `ruby/setup-ruby` replaces it.'] }),
	'docker/login-action': (args) => {
		const registry = args.registry;
		const where = !registry ? 'Docker Hub' : /\.dkr\.ecr\./.test(registry) ? `Amazon ECR (${code(registry)})` : code(registry);
		return {
			summary: `Logs Docker in to ${where}${args.username ? ` as ${code(args.username)}` : ''}, so later steps can push and pull private images.`,
			details: args.logout === 'false' ? ['`logout: false`: stays logged in after the job.'] : ['Logs out again at the end of the job.'],
		};
	},
	'docker/setup-buildx-action': () => ({ summary: 'Creates a BuildKit builder (Docker Buildx), which multi-platform images and the `type=gha` layer cache need.' }),
	'docker/setup-qemu-action': (args) => ({ summary: `Installs QEMU emulators so images can be built for other CPU architectures${args.platforms ? ` (${code(args.platforms)})` : ' (such as arm64)'}.` }),
	'docker/build-push-action': buildPush,
	'docker/metadata-action': (args) => ({
		summary: `Works out image tags and labels for ${codeList(lines(args.images)) || 'the image'} from the event (branch, tag, commit, version), for the build step to use.`,
		details: [...note(args, 'tags', (v) => `Tag rules: ${codeList(lines(v), 4)}.`), 'Later steps read them as `steps.<id>.outputs.tags` and `…labels`.'],
	}),
	'docker/bake-action': (args) => ({ summary: `Builds the images defined in ${code(args.files ?? 'docker-bake.hcl')}${args.push === 'true' ? ' and pushes them' : ''}.` }),
	'github/codeql-action/init': codeql('init'),
	'github/codeql-action/autobuild': codeql('autobuild'),
	'github/codeql-action/analyze': codeql('analyze'),
	'github/codeql-action/upload-sarif': codeql('upload-sarif'),
	'github/super-linter': () => ({ summary: 'Runs many linters (one per language found) over the repository with Super-Linter.' }),
	'super-linter/super-linter': () => ({ summary: 'Runs many linters (one per language found) over the repository with Super-Linter.' }),
	'peaceiris/actions-gh-pages': (args) => ({
		summary: `Publishes ${code(args.publish_dir ?? './public')} to the ${code(args.publish_branch ?? 'gh-pages')} branch${args.external_repository ? ` of ${code(args.external_repository)}` : ''}, which GitHub Pages serves.`,
		details: [...note(args, 'cname', (v) => `Serves it at the custom domain ${code(v)}.`), ...(args.keep_files === 'true' ? ['`keep_files: true` keeps files already on the branch.'] : [])],
	}),
	'jamesives/github-pages-deploy-action': (args) => ({ summary: `Publishes ${code(args.folder ?? '?')} to the ${code(args.branch ?? 'gh-pages')} branch, which GitHub Pages serves.` }),
	'softprops/action-gh-release': (args) => ({
		summary: `Creates or updates the GitHub release ${args.tag_name ? `for ${code(args.tag_name)}` : 'for the pushed tag'}${args.files ? `, attaching ${codeList(lines(args.files), 3)}` : ''}${args.draft === 'true' ? ' as a draft' : ''}${args.prerelease === 'true' ? ', marked as a pre-release' : ''}.`,
		details: [...(args.generate_release_notes === 'true' ? ['Its notes are generated from the merged pull requests.'] : []), ...note(args, 'body_path', (v) => `Its notes come from ${code(v)}.`)],
	}),
	'ncipollo/release-action': (args) => ({ summary: `Creates or updates a GitHub release${args.tag ? ` for ${code(args.tag)}` : ''}${args.artifacts ? `, attaching ${code(args.artifacts)}` : ''}.` }),
	'codecov/codecov-action': (args) => ({
		summary: `Uploads the coverage report${args.files || args.file ? ` ${codeList(lines(args.files ?? args.file))}` : 's it finds'} to Codecov${args.flags ? `, flagged ${code(args.flags)}` : ''}.`,
		details: [...(args.fail_ci_if_error === 'true' ? ['`fail_ci_if_error: true`: a failed upload fails the job.'] : ['A failed upload does not fail the job unless `fail_ci_if_error` is set.'])],
	}),
	'codecov/test-results-action': () => ({ summary: 'Uploads the JUnit test results to Codecov, which reports failing and flaky tests.' }),
	'coverallsapp/github-action': () => ({ summary: 'Uploads the coverage report to Coveralls.' }),
	'ruby/setup-ruby': (args) => ({
		summary: `Installs Ruby ${version(args['ruby-version'], 'from `.ruby-version` or `.tool-versions`')}${args['bundler-cache'] === 'true' ? ', then runs `bundle install` with the gems cached, keyed on `Gemfile.lock`' : ''}.`,
	}),
	'pnpm/action-setup': (args) => ({ summary: `Installs pnpm ${version(args.version, 'in the version pinned by `packageManager` in `package.json`')}${args.run_install && args.run_install !== 'false' ? ', then installs the dependencies' : ''}.` }),
	'azure/login': (args) => ({
		summary: `Logs the Azure CLI in for the following steps${args['client-id'] ? ' through OpenID Connect, so no stored password is needed' : args.creds ? ' with the service-principal secret in `creds`' : ''}.`,
	}),
	'azure/webapps-deploy': (args) => ({ summary: `Deploys ${code(args.package ?? '.')} to the Azure web app ${code(args['app-name'] ?? '?')}${args['slot-name'] ? ` (slot ${code(args['slot-name'])})` : ''}.` }),
	'azure/setup-kubectl': () => ({ summary: 'Installs `kubectl`.' }),
	'azure/setup-helm': () => ({ summary: 'Installs Helm.' }),
	'azure/k8s-set-context': () => ({ summary: 'Points `kubectl` at the Kubernetes cluster for the following steps.' }),
	'azure/k8s-deploy': (args) => ({ summary: `Applies ${codeList(lines(args.manifests))} to the Kubernetes cluster${args.namespace ? ` in ${code(args.namespace)}` : ''}.` }),
	'aws-actions/configure-aws-credentials': (args) => ({
		summary: `Sets AWS credentials${args['aws-region'] ? ` and the region ${code(args['aws-region'])}` : ''} for the following steps${args['role-to-assume'] ? `, by assuming ${code(args['role-to-assume'])}${args['aws-access-key-id'] ? '' : ' through OpenID Connect (no long-lived keys)'}` : ' from the access keys given'}.`,
		details: ['They reach later steps as `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and `AWS_REGION`.'],
	}),
	'aws-actions/amazon-ecr-login': () => ({ summary: 'Logs Docker in to Amazon ECR; the registry’s address is in the step’s `registry` output.' }),
	'aws-actions/amazon-ecs-render-task-definition': (args) => ({ summary: `Writes a copy of ${code(args['task-definition'] ?? '?')} with the container ${code(args['container-name'] ?? '?')} switched to the new image.` }),
	'aws-actions/amazon-ecs-deploy-task-definition': (args) => ({ summary: `Registers the task definition and updates the ECS service ${code(args.service ?? '?')} in ${code(args.cluster ?? '?')}${args['wait-for-service-stability'] === 'true' ? ', waiting until it is stable' : ''}.` }),
	'google-github-actions/auth': (args) => ({ summary: `Logs in to Google Cloud for the following steps${args.workload_identity_provider ? ` through Workload Identity Federation (no stored key) as ${code(args.service_account ?? '?')}` : args.credentials_json ? ' with the service-account key in `credentials_json`' : ''}.` }),
	'google-github-actions/setup-gcloud': () => ({ summary: 'Installs the Google Cloud CLI (`gcloud`).' }),
	'google-github-actions/get-gke-credentials': (args) => ({ summary: `Points \`kubectl\` at the GKE cluster ${code(args.cluster_name ?? '?')}.` }),
	'google-github-actions/deploy-cloudrun': (args) => ({ summary: `Deploys the Cloud Run service ${code(args.service ?? '?')}${args.image ? ` with the image ${code(args.image)}` : ''}.` }),
	'google-github-actions/upload-cloud-storage': (args) => ({ summary: `Uploads ${code(args.path ?? '?')} to ${code(args.destination ?? '?')} in Cloud Storage.` }),
	'google-github-actions/release-please-action': () => ({ summary: 'Keeps a release pull request up to date from the commit messages; merging it tags a release.' }),
	'googleapis/release-please-action': () => ({ summary: 'Keeps a release pull request up to date from the commit messages; merging it tags a release.' }),
	'astral-sh/setup-uv': (args) => ({ summary: `Installs uv ${version(args.version, '(latest)')}${args['python-version'] ? ` and Python ${version(args['python-version'], '')}` : ''}${args['enable-cache'] === 'true' ? ', caching its downloads between runs' : ''}.` }),
	'gradle/actions/setup-gradle': () => ({ summary: 'Sets up Gradle for the following steps and caches its downloads and build outputs between runs.' }),
	'gradle/gradle-build-action': (args) => ({ summary: `Sets up Gradle with caching${args.arguments ? ` and runs ${code(`gradle ${args.arguments}`)}` : ''}.` }),
	'gradle/actions/wrapper-validation': () => ({ summary: 'Checks that the committed Gradle wrapper JAR is an official one, not a tampered copy.' }),
	'gradle/wrapper-validation-action': () => ({ summary: 'Checks that the committed Gradle wrapper JAR is an official one, not a tampered copy.' }),
	'step-security/harden-runner': (args) => ({ summary: `Monitors the runner’s network traffic${args['egress-policy'] === 'block' ? ' and blocks connections to hosts not on the allowed list' : ' and reports where it connects (audit mode)'}.` }),
	'microsoft/setup-msbuild': () => ({ summary: 'Puts MSBuild (Visual Studio’s build tool) on `PATH`.' }),
	'darenm/setup-vstest': () => ({ summary: 'Puts `vstest.console.exe` (the Visual Studio test runner) on `PATH`.' }),
	'nuget/setup-nuget': () => ({ summary: 'Installs the NuGet command-line tool.' }),
	'prefix-dev/setup-pixi': () => ({ summary: 'Installs pixi and the environment pinned in `pixi.lock`, with caching.' }),
	'pypa/gh-action-pypi-publish': (args) => ({
		summary: `Uploads the packages in ${code(args['packages-dir'] ?? 'dist/')} to ${args['repository-url'] ? code(args['repository-url']) : 'PyPI'}${args.password ? ' with the API token given' : ' through trusted publishing (OpenID Connect), without a stored token'}.`,
	}),
	'pypa/cibuildwheel': () => ({ summary: 'Builds wheels of the package for many Python versions and platforms.' }),
	'pyo3/maturin-action': (args) => ({ summary: `Builds the Rust-backed Python package with maturin${args.command ? ` (${code(args.command)})` : ''}.` }),
	'cypress-io/github-action': (args) => ({
		summary: `Installs the dependencies (with caching) and runs the Cypress tests${args.browser ? ` in ${code(args.browser)}` : ''}${args.start ? `, after starting the app with ${code(args.start)}` : ''}.`,
		details: [...note(args, 'wait-on', (v) => `Waits for ${code(v)} to answer before testing.`), ...(args.record === 'true' ? ['Records the run to Cypress Cloud.'] : [])],
	}),
	'dtolnay/rust-toolchain': (args, { step }) => ({ summary: `Installs the Rust toolchain ${code(args.toolchain ?? step.uses?.split('@')[1] ?? 'stable')}${args.components ? ` with ${code(args.components)}` : ''}${args.targets ? ` and the targets ${code(args.targets)}` : ''}.` }),
	'actions-rs/toolchain': (args) => ({ summary: `Installs the Rust toolchain ${code(args.toolchain ?? '?')}.`, risks: ['`actions-rs/toolchain` is archived and no longer maintained.'] }),
	'actions-rust-lang/setup-rust-toolchain': (args) => ({ summary: `Installs the Rust toolchain${args.toolchain ? ` ${code(args.toolchain)}` : ' from `rust-toolchain.toml`'}, with caching of the build.` }),
	'moonrepo/setup-rust': () => ({ summary: 'Installs the Rust toolchain and extra cargo tools, with caching.' }),
	'swatinem/rust-cache': () => ({ summary: 'Restores and saves Cargo’s downloads and build output, keyed on `Cargo.lock` and the toolchain.' }),
	'tj-actions/changed-files': (args) => ({
		summary: `Lists the files changed by the push or pull request${args.files ? ` among ${codeList(lines(args.files), 3)}` : ''}, for later steps to read from its outputs.`,
		risks: ['This action was compromised in March 2025 (its tags pointed at code that printed secrets into logs); pin it to a reviewed commit SHA or use an alternative.'],
	}),
	'dorny/paths-filter': () => ({ summary: 'Works out which groups of paths (its `filters`) the change touches; later steps and jobs read one true/false output per group.' }),
	'jdx/mise-action': () => ({ summary: 'Installs mise and the tool versions pinned in `mise.toml` or `.tool-versions`, with caching.' }),
	'nick-invision/retry': (args, { step }) => ({ summary: `Runs the command, retrying up to ${args.max_attempts ?? '?'} times${args.timeout_minutes ? ` with ${args.timeout_minutes} minutes per try` : ''}.`, details: innerScript(args.command, step) }),
	'nick-fields/retry': (args, { step }) => ({ summary: `Runs the command, retrying up to ${args.max_attempts ?? '?'} times${args.timeout_minutes ? ` with ${args.timeout_minutes} minutes per try` : ''}.`, details: innerScript(args.command, step) }),
	'goreleaser/goreleaser-action': (args) => ({ summary: `Runs GoReleaser${args.args ? ` (${code(args.args)})` : ''}: builds the Go binaries for every platform and publishes the release.` }),
	'golangci/golangci-lint-action': (args) => ({ summary: `Runs the Go linters of golangci-lint${args.version ? ` ${code(args.version)}` : ''}${args.args ? ` with ${code(args.args)}` : ''}, with caching.` }),
	'shivammathur/setup-php': (args) => ({ summary: `Installs PHP ${version(args['php-version'], '(latest)')}${args.extensions ? ` with the extensions ${code(args.extensions)}` : ''}${args.tools ? ` and the tools ${code(args.tools)}` : ''}.` }),
	'mikepenz/action-junit-report': (args) => ({ summary: `Reads the JUnit reports ${code(args.report_paths ?? '**/junit-reports/TEST-*.xml')} and shows the failures as annotations and a check on the commit.` }),
	'test-summary/action': (args) => ({ summary: `Adds a summary of the test results in ${code(args.paths ?? '?')} to the job’s summary page.` }),
	'changesets/action': (args) => ({ summary: `Opens or updates the “Version Packages” pull request from the changeset files${args.publish ? `, or, once that is merged, publishes with ${code(args.publish)}` : ''}.` }),
	'taiki-e/install-action': (args) => ({ summary: `Installs the prebuilt tool${(args.tool ?? '').includes(',') ? 's' : ''} ${code(args.tool ?? '?')}.` }),
	'jlumbroso/free-disk-space': () => ({ summary: 'Deletes large preinstalled software from the runner to free disk space.' }),
	'simenb/github-actions-cpu-cores': () => ({ summary: 'Outputs how many CPU cores the runner has, for sizing parallel work.' }),
	'peter-evans/create-pull-request': (args) => ({ summary: `Commits the files the workflow changed to ${code(args.branch ?? 'a branch')} and opens (or updates) a pull request for them.` }),
	'peter-evans/repository-dispatch': (args) => ({ summary: `Sends a \`repository_dispatch\` event${args['event-type'] ? ` of type ${code(args['event-type'])}` : ''} to ${code(args.repository ?? 'this repository')}, starting workflows that listen for it.` }),
	'peter-evans/create-or-update-comment': () => ({ summary: 'Posts or edits a comment on an issue or pull request.' }),
	'marocchino/sticky-pull-request-comment': () => ({ summary: 'Posts a comment on the pull request, or updates the one it posted before.' }),
	'thollander/actions-comment-pull-request': () => ({ summary: 'Posts a comment on the pull request.' }),
	'sigstore/cosign-installer': () => ({ summary: 'Installs cosign, for signing and verifying container images.' }),
	'extractions/setup-just': () => ({ summary: 'Installs `just`, the command runner.' }),
	'hashicorp/setup-terraform': (args) => ({ summary: `Installs Terraform ${version(args.terraform_version, '(latest)')}.` }),
	'graalvm/setup-graalvm': (args) => ({ summary: `Installs GraalVM for Java ${version(args['java-version'], '(version not given)')}.` }),
	'reactivecircus/android-emulator-runner': (args, { step }) => ({ summary: `Starts an Android emulator (API level ${args['api-level'] ?? '?'}) and runs the script against it.`, details: innerScript(args.script, step) }),
	'snok/install-poetry': () => ({ summary: 'Installs Poetry.' }),
	'appleboy/ssh-action': (args, { step }) => ({ summary: `Connects over SSH to ${code(args.host ?? '?')}${args.username ? ` as ${code(args.username)}` : ''} and runs the script there.`, details: innerScript(args.script, step) }),
	'appleboy/scp-action': (args) => ({ summary: `Copies ${code(args.source ?? '?')} over SSH to ${code(args.target ?? '?')} on ${code(args.host ?? '?')}.` }),
	'appleboy/telegram-action': () => ({ summary: 'Sends a Telegram message (a notification).' }),
	'slackapi/slack-github-action': () => ({ summary: 'Sends a message to Slack.' }),
	'8398a7/action-slack': () => ({ summary: 'Sends the job’s status to Slack.' }),
	'rtcamp/action-slack-notify': () => ({ summary: 'Sends a notification to Slack.' }),
	'stefanzweifel/git-auto-commit-action': () => ({ summary: 'Commits the files the workflow changed and pushes them back to the branch.' }),
	'endbug/add-and-commit': () => ({ summary: 'Commits the files the workflow changed and pushes them back to the branch.' }),
	'crazy-max/ghaction-import-gpg': () => ({ summary: 'Imports a GPG private key, for signing commits, tags or packages.' }),
	'pre-commit/action': () => ({ summary: 'Runs the pre-commit checks on every file, with caching.' }),
	'amannn/action-semantic-pull-request': () => ({ summary: 'Checks that the pull request’s title follows the Conventional Commits format.' }),
	'denoland/setup-deno': () => ({ summary: 'Installs Deno.' }),
	'oven-sh/setup-bun': () => ({ summary: 'Installs Bun.' }),
	'erlef/setup-beam': () => ({ summary: 'Installs Erlang/OTP (and Elixir or Gleam).' }),
	'subosito/flutter-action': () => ({ summary: 'Installs the Flutter SDK.' }),
	'conda-incubator/setup-miniconda': () => ({ summary: 'Installs Miniconda and sets up a conda environment.' }),
	'mamba-org/setup-micromamba': () => ({ summary: 'Installs micromamba and creates the conda environment from its file.' }),
	'r-lib/actions/setup-r': () => ({ summary: 'Installs R.' }),
	'deadsnakes/action': (args) => ({ summary: `Installs Python ${code(args['python-version'] ?? '?')} from the deadsnakes builds (development or old versions).` }),
	'arduino/setup-protoc': () => ({ summary: 'Installs the Protocol Buffers compiler (`protoc`).' }),
	'pyvista/setup-headless-display-action': () => ({ summary: 'Sets up a virtual display, for tests that draw graphics.' }),
	'bacongobbler/azure-blob-storage-upload': () => ({ summary: 'Uploads files to Azure Blob Storage.' }),
	'mislav/bump-homebrew-formula-action': () => ({ summary: 'Opens a pull request updating the Homebrew formula to the new release.' }),
	'hashicorp/actions-go-build': () => ({ summary: 'Builds the Go program reproducibly and records its metadata.' }),
	'rubygems/release-gem': () => ({ summary: 'Builds the gem and publishes it to RubyGems.org through trusted publishing.' }),
	'jetbrains/qodana-action': () => ({ summary: 'Runs JetBrains Qodana static analysis.' }),
	'postman/newman': () => ({ summary: 'Runs Postman API tests with Newman.' }),
	'mxschmitt/action-tmate': () => ({
		summary: 'Opens an interactive SSH session into the runner, for debugging.',
		risks: ['Whoever connects gets a shell on the runner, with the job’s secrets and token; restrict it with `limit-access-to-actor`.'],
	}),
	'atlassian/gajira-login': () => ({ summary: 'Logs in to Jira for the following Jira steps.' }),
	'atlassian/gajira-create': () => ({ summary: 'Creates a Jira issue.' }),
	'chkfung/android-version-actions': () => ({ summary: 'Sets the Android app’s version code and name in its Gradle file.' }),
	'scientific-python/upload-nightly-action': () => ({ summary: 'Uploads nightly wheels to the scientific-python nightly channel on anaconda.org.' }),
	'fluxcd/pkg/actions/kustomize': () => ({ summary: 'Installs Kustomize.' }),
	'coursier/cache-action': () => ({ summary: 'Caches the Scala/Java dependencies downloaded by Coursier.' }),
	'enricomi/publish-unit-test-result-action': (args) => ({ summary: `Reads the JUnit test reports${args.files ? ` ${codeList(lines(args.files))}` : ''} and publishes their results as a check on the commit (and a pull-request comment).` }),
	'step-security/publish-unit-test-result-action': (args) => ({ summary: `Reads the JUnit test reports${args.files ? ` ${codeList(lines(args.files))}` : ''} and publishes their results as a check on the commit (and a pull-request comment).` }),
	'anchore/sbom-action': () => ({ summary: 'Lists the software inside the project or image as an SBOM (software bill of materials) and uploads it.' }),
	'msys2/setup-msys2': () => ({ summary: 'Installs MSYS2 (a Unix-like shell and packages for Windows) for the following steps.' }),
	'haskell/actions/setup': () => ({ summary: 'Installs GHC (the Haskell compiler) and Cabal or Stack.' }),
	'haskell-actions/setup': () => ({ summary: 'Installs GHC (the Haskell compiler) and Cabal or Stack.' }),
	'goto-bus-stop/setup-zig': () => ({ summary: 'Installs the Zig compiler.' }),
	'mlugg/setup-zig': () => ({ summary: 'Installs the Zig compiler.' }),
	'mikefarah/yq': (args) => ({ summary: `Runs yq, the YAML processor${args.cmd ? `: ${code(args.cmd)}` : ''}.` }),
	'hynek/build-and-inspect-python-package': () => ({ summary: 'Builds the Python package, checks its metadata and contents, and uploads it as an artifact.' }),
	're-actors/alls-green': () => ({ summary: 'Fails unless every job it depends on succeeded (or was allowed to be skipped): one check to require in branch protection.' }),
	'octokit/request-action': (args) => ({ summary: `Calls the GitHub API ${code(args.route ?? '?')} with the job’s token.` }),
	'biomejs/setup-biome': () => ({ summary: 'Installs Biome, the JavaScript formatter and linter.' }),
	'ilshidur/action-discord': () => ({ summary: 'Sends a message to Discord.' }),
	'imjasonh/setup-crane': () => ({ summary: 'Installs crane, a tool for working with container images in registries.' }),
	'check-spelling/check-spelling': () => ({ summary: 'Checks the spelling of the repository’s files and reports unknown words.' }),
	'uraimo/run-on-arch-action': (args, { step }) => ({ summary: `Runs the commands in an emulated ${code(args.arch ?? '?')} Linux container (${code(args.distro ?? '?')}).`, details: innerScript(args.run, step) }),
	'rust-lang/crates-io-auth-action': () => ({ summary: 'Gets a short-lived crates.io token through trusted publishing (OpenID Connect), for `cargo publish`.' }),
	'fastify/github-action-merge-dependabot': () => ({ summary: 'Approves and merges Dependabot’s pull requests when the checks pass.' }),
	'cross-platform-actions/action': (args, { step }) => ({ summary: `Runs the commands in a virtual machine of ${code(args.operating_system ?? '?')}${args.version ? ` ${args.version}` : ''}.`, details: innerScript(args.run, step) }),
	'pierotofy/set-swap-space': (args) => ({ summary: `Sets the runner’s swap space to ${args['swap-size-gb'] ?? '?'} GB.` }),
};

const MOVING_REFS = /^(main|master|latest|dev|develop|trunk|head|nightly)$/i;

/** Lookup keys for `owner/repo/path@ref`, most specific first. */
function candidates(uses: string): string[] {
	const bare = uses.replace(/@.*$/, '').toLowerCase().replace(/\/+$/, '');
	const parts = bare.split('/');
	const out: string[] = [];
	for (let n = parts.length; n >= 2; n--) out.push(parts.slice(0, n).join('/'));
	return out;
}

/** A `uses:` action step, or undefined for actions Pipeline Atlas does not know. */
export function explainAction(step: Step, context: { job?: Job | undefined; pipeline?: Pipeline | undefined }): Explanation | undefined {
	const uses = step.uses;
	if (!uses || uses.startsWith('./') || uses.startsWith('../')) return undefined;
	if (uses.startsWith('docker://')) {
		return explanation({
			summary: `Runs the container image ${code(uses.slice('docker://'.length))} as this step${step.with.args ? `, with the arguments ${code(step.with.args)}` : ''}.`,
			topic: 'action:docker',
			reference: 'https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#example-using-a-docker-hub-action',
		});
	}
	const key = candidates(uses).find((k) => ACTIONS[k] !== undefined);
	if (!key) return undefined;
	const said = ACTIONS[key]!(step.with, { step, job: context.job, pipeline: context.pipeline });
	const ref = uses.includes('@') ? uses.slice(uses.lastIndexOf('@') + 1) : undefined;
	const risks = [...(said.risks ?? [])];
	if (ref === undefined || MOVING_REFS.test(ref)) {
		risks.push(`${ref === undefined ? 'No version is given' : `\`@${ref}\` is a branch`}: the step runs whatever the action’s owners push there next, unreviewed. Pin a release tag or, better, a commit SHA.`);
	}
	if (/^actions\/(upload|download)-artifact$/.test(key) && /^v[123](\.|$)/.test(ref ?? '')) {
		risks.push(`Version ${ref} of the artifact actions was retired by GitHub in January 2025; runs using it fail. Move to v4.`);
	}
	const [owner, repo] = key.split('/');
	return explanation({ summary: said.summary, details: said.details ?? [], risks, topic: `action:${key}`, reference: `https://github.com/${owner}/${repo}` });
}
