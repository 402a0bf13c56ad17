import { describe, expect, it } from 'vitest';
import { explainScript } from '../../../src/knowledge/explain/scripts';
import { explainCommand } from './support';

const summary = (command: string, provider?: Parameters<typeof explainCommand>[1]) => explainCommand(command, provider)?.summary;

describe('command recognition: the sentence comes from the arguments given', () => {
	it.each([
		['npm ci', 'Installs exactly the dependency versions locked in `package-lock.json`, after deleting any existing `node_modules`.'],
		['npm run lint -- --fix', 'Runs the `lint` script from `package.json` (usually the linter), passing `--fix`.'],
		['pip install -r requirements.txt', 'Installs the Python packages listed in `requirements.txt`.'],
		['python -m pip install --upgrade pip', 'Upgrades pip itself to the latest version.'],
		['pipenv install --deploy', 'Installs the packages of `Pipfile` into the project’s virtual environment (versions pinned by `Pipfile.lock`); it fails if `Pipfile.lock` is out of date with `Pipfile` instead of updating it.'],
		['poetry install --no-root --with dev', 'Installs the dependencies pinned in `poetry.lock` into the project’s virtual environment (without installing the project itself, including the `dev` dependency group).'],
		['python -m pytest -x --junitxml=reports/junit.xml tests/', 'Runs the tests in `tests/` with pytest, writing a JUnit report to `reports/junit.xml` for the CI to show and stopping at the first failure.'],
		['go test -race ./...', 'Runs the Go tests of every package of the module (`./...`), with the data-race detector.'],
		['$GOPATH/bin/gotestsum --junitfile unit.xml -- -race ./...', 'Runs the Go tests of every package of the module (`./...`), with the data-race detector (through gotestsum, which writes a JUnit report to `unit.xml` for the CI to show).'],
		['./gradlew build --no-daemon', 'Runs the Gradle task `build` with the project’s Gradle wrapper (compiles, tests and packages everything), without a background daemon.'],
		['lein test', 'Runs the Clojure tests (Leiningen).'],
		['docker build -t app:latest -f docker/Dockerfile .', 'Builds a container image from `docker/Dockerfile`, tagged `app:latest`.'],
		['helm upgrade --install web ./chart -n prod -f values.yaml --atomic', 'Installs the Helm chart `./chart` as the release `web`, or upgrades that release if it already exists, in the `prod` namespace, with the values in `values.yaml` and rolling back automatically if it fails.'],
		['kubectl rollout status deployment/web -n prod', 'Waits until the rollout of `deployment/web` in the `prod` namespace has finished, failing if it does not.'],
		['aws s3 sync build/ s3://my-bucket --delete', 'Copies the files of `build/` that are new or changed to `s3://my-bucket`, deleting files there that are not in the source.'],
		['heroku container:push web -a my-app', 'Builds the Docker image of the process type `web` from the Dockerfile and pushes it to the Heroku app `my-app`.'],
		['git push heroku main', 'Deploys to Heroku by pushing `main` to its git remote: Heroku builds the pushed code and releases it.'],
		['git submodule update --init --recursive', 'Downloads the git submodules (and the submodules inside them) at the commits this repository pins.'],
		['sudo apt-get install -y libpq-dev', 'Installs the system package `libpq-dev` with apt (as root).'],
		['ln -s /tmp/cache node_modules', 'Creates the symbolic link `node_modules` pointing to `/tmp/cache`.'],
		['clojure -M:test', 'With the Clojure CLI, runs the main function of the alias `:test` from `deps.edn`.'],
		[
			'circleci run release plan --environment-name=staging --component-name=web --target-version=1.4.2 web-release',
			'Plans a release of `web` version `1.4.2` to `staging` in CircleCI’s deploys, named `web-release`: a release job with `plan_name: web-release` follows it until it completes.',
		],
		['circleci run release update web-release --status=SUCCESS', 'Tells CircleCI’s deploys how the release `web-release` is going (`SUCCESS`).'],
	])('%s', (command, expected) => {
		expect(summary(command)).toBe(expected);
	});

	it('pipenv install --dev names the dev packages', () => {
		const explanation = explainCommand('pipenv install --dev');
		expect(explanation?.topic).toBe('command:pipenv install');
		expect(explanation?.summary).toBe('Installs the packages of `Pipfile`, including the `[dev-packages]` section (test and lint tools) into the project’s virtual environment (versions pinned by `Pipfile.lock`).');
		expect(explanation?.reference).toMatch(/^https:\/\/pipenv\.pypa\.io\//);
	});

	it('wrappers keep the wrapped command’s meaning', () => {
		expect(summary('pipenv run pytest')).toBe('Runs the test suite with pytest, inside the Pipenv virtual environment.');
		expect(summary('bundle exec rspec spec/models')).toBe('Runs the RSpec tests in `spec/models`, with the gem versions of `Gemfile.lock`.');
		expect(summary('timeout 10m npm test')).toBe('Runs the `test` script from `package.json` (usually the tests) (stopped after 10m).');
	});

	it('the CI’s own files turn echo into variables for later steps', () => {
		expect(summary('echo "VERSION=1.2.3" >> $GITHUB_ENV', 'github-actions')).toBe('Sets the environment variable `VERSION` for the following steps of this job.');
		expect(summary("echo 'export PATH=$HOME/bin:$PATH' >> $BASH_ENV")).toMatch(/^Adds `export PATH=\$HOME\/bin:\$PATH` to `\$BASH_ENV`, a file every following step of this job runs first/);
	});

	it('unknown commands get no explanation, so coverage stays honest', () => {
		expect(explainCommand('frobnicate --all')).toBeUndefined();
		expect(explainCommand('$BUILD_CMD check --locked')).toBeUndefined();
		expect(explainCommand('${{ matrix.settings.build }}', 'github-actions')).toBeUndefined();
		// Syntax alone (a test, `set -e`, `exit`) is no recognised work either.
		expect(explainCommand('set -e\nexit 0')).toBeUndefined();
		expect(explainCommand('if [ -n "$X" ]; then\n  frobnicate\nfi')).toBeUndefined();
		expect(explainCommand('')).toBeUndefined();
	});

	it('a program named by its path is recognised by its path, not its name, and not said to be the repository’s', () => {
		expect(summary('./scripts/deploy.sh production')).toBe('Runs the script `./scripts/deploy.sh`.');
		expect(summary('bin/test --coverage')).toBe('Runs the script `bin/test`.');
		// Unpacked by the line before it, not kept in the repository.
		expect(explainCommand('unzip -q awscliv2.zip\nsudo ./aws/install')?.details).toContain('`sudo ./aws/install`: runs the script `./aws/install` (as root).');
	});

	it('kubectl version says whose version: the client’s alone with --client', () => {
		expect(summary('kubectl version --client')).toBe('Prints the kubectl client’s version.');
		expect(summary('kubectl version')).toBe('Prints the kubectl and cluster versions.');
	});
});

describe('multi-line scripts', () => {
	const script = ['set -euo pipefail', '', '# install, then build', 'npm ci', 'npm run build', 'frobnicate --now', 'npm test'].join('\n');
	const explanation = explainCommand(script);

	it('summarises the main commands', () => {
		expect(explanation?.summary).toBe(
			'Runs a 5-line script that installs exactly the dependency versions locked in `package-lock.json` and then runs the `build` script from `package.json` (and 1 more, listed below).',
		);
		expect(explanation?.topic).toBe('command:npm ci');
	});

	it('lists the recognised lines in order, skipping blank and comment lines, and names what it does not know', () => {
		expect(explanation?.details).toEqual([
			'`set -euo pipefail`: makes the shell stop at the first failing command, treat unset variables as errors and fail a pipeline when any command in it fails for the rest of this step.',
			'`npm ci`: installs exactly the dependency versions locked in `package-lock.json`, after deleting any existing `node_modules`.',
			'`npm run build`: runs the `build` script from `package.json` (usually the build).',
			'`npm test`: runs the `test` script from `package.json` (usually the tests).',
			'Not recognised: `frobnicate` (1 command); read the script for what it does.',
		]);
	});

	it('names a program it does not know once, with how many commands run it', () => {
		expect(explainCommand('npm ci\nsudo frobnicate --a\nsudo frobnicate --b')?.details?.at(-1)).toBe('Not recognised: `sudo` (2 commands); read the script for what they do.');
	});

	it('joins continuation lines and keeps heredoc bodies out of the commands', () => {
		const heredoc = explainCommand(['docker build \\', '  -t web:1 .', 'cat > .env <<EOF', 'frobnicate', 'EOF', 'docker push web:1'].join('\n'));
		expect(heredoc?.details).toEqual([
			'`docker build -t web:1 .`: builds a container image from the `Dockerfile`, tagged `web:1`.',
			'`cat > .env <<EOF`: writes the lines below it into `.env`.',
			'`docker push web:1`: uploads the image `web:1` to its registry.',
		]);
	});

	it('GitLab scripts share one shell: cd lasts for the rest of the job’s script', () => {
		expect(explainCommand('cd app\nmake', 'gitlab')?.details).toContain('`cd app`: changes into `app` for the rest of the job’s script.');
	});
});

describe('risks a reviewer should notice', () => {
	it('curl … | sh runs unreviewed code', () => {
		const explanation = explainCommand('curl -fsSL https://example.com/install.sh | sudo bash -');
		expect(explanation?.topic).toBe('command:curl | sh');
		expect(explanation?.summary).toBe('Downloads `https://example.com/install.sh` and runs it with `bash` as root.');
		expect(explanation?.risks).toEqual([
			'Runs a script downloaded at build time from `https://example.com/install.sh` without reviewing or pinning it: whatever the server returns that day runs with the job’s secrets. Pin a version and check its checksum, or install from a package manager.',
		]);
		expect(explainCommand('bash <(curl -s https://codecov.io/bash)')?.risks[0]).toMatch(/^Runs a script downloaded at build time from `https:\/\/codecov\.io\/bash`/);
		expect(explainCommand('wget -qO- https://get.example.dev | sh')?.risks).toHaveLength(1);
	});

	it.each([
		['git commit -am "wip" --no-verify', /`--no-verify` skips the repository’s git hooks/],
		['git push --force origin main', /force push replaces the remote branch’s history/],
		['chmod -R 777 /app', /writable \(and runnable\) by every user/],
		['echo $DOCKER_PASSWORD', /Prints `\$DOCKER_PASSWORD`, which looks like a secret/],
		['docker login -u me -p $DOCKER_PASSWORD', /password is on the command line/],
		['docker build --build-arg NPM_TOKEN=$NPM_TOKEN .', /Build arguments are kept in the image’s history/],
		['curl -k https://internal/api', /TLS certificate checks/],
		['set -x\nnpm test', /`set -x` prints every command/],
		['ssh -o StrictHostKeyChecking=no deploy@host ./restart', /accepts any host key/],
		['git clone https://x-access-token:$GH_TOKEN@github.com/org/repo.git', /credential is written into the URL/],
		['terraform apply -auto-approve', /without anyone reviewing the plan/],
	])('%s', (command, risk) => {
		const explanation = explainCommand(command);
		expect(explanation?.risks.some((r) => risk.test(r))).toBe(true);
	});

	it('a secret piped into a command is not printed, so no risk', () => {
		expect(explainCommand('echo "$DOCKER_PASSWORD" | docker login -u me --password-stdin')?.risks).toEqual([]);
	});

	it('event text pasted into a GitHub script can inject commands', () => {
		const explanation = explainCommand('echo "${{ github.event.pull_request.title }}"', 'github-actions');
		expect(explanation?.risks.some((r) => /inject commands/.test(r))).toBe(true);
	});
});

describe('a script explained again', () => {
	it('is explained for its CI each time, the same script for another CI its own way', () => {
		const script = 'cd frontend\nnpm ci';
		const gitlab = explainScript(script, { provider: 'gitlab' });
		const circleci = explainScript(script, { provider: 'circleci' });
		expect(JSON.stringify(gitlab)).toContain('the rest of the job’s script');
		expect(JSON.stringify(circleci)).toContain('the rest of this step');
		expect(explainScript(script, { provider: 'gitlab' })).toEqual(gitlab);
		expect(explainScript(script, { provider: 'circleci' }, ['Runs in `app`.'])?.details[0]).toBe('Runs in `app`.');
	});
});
