/**
 * What the synthetic pipelines are made of: language stacks with their images, caches, setup
 * actions, orbs and everyday commands, and the names services, components and people get.
 * Shapes follow real configs (the shared corpus); no text is copied from it.
 */

/** How a step's log reads (see logs.ts). */
export type LogKind =
	| 'install'
	| 'test'
	| 'lint'
	| 'build'
	| 'docker-build'
	| 'docker-push'
	| 'deploy'
	| 'terraform'
	| 'shell'
	| 'e2e'
	| 'coverage'
	| 'audit';

export type StackId = 'node' | 'python' | 'go' | 'java' | 'ruby' | 'rust';

export interface Command {
	name: string;
	command: string;
	log: LogKind;
}

export interface OrbInstall {
	/** `node/install-packages` */
	command: string;
	args: Record<string, string>;
	/** The steps CircleCI shows for it in a run (the orb is not vendored, so not expanded). */
	runSteps: string[];
}

export interface Stack {
	id: StackId;
	/** Test tool flavour for logs. */
	flavour: 'jest' | 'pytest' | 'go' | 'gradle' | 'rspec' | 'cargo';
	circleImage: (version: string) => string;
	gitlabImage: (version: string) => string;
	versions: string[];
	versionParam: string;
	setupAction: (version: string) => { uses: string; with: Record<string, string> };
	cachePaths: string[];
	lockfile: string;
	install: Command;
	/** A version-pinned tool install, for `before_script`s. */
	toolVersion: string;
	orb?: { alias: string; ref: string; install: OrbInstall };
	lint: Command;
	typecheck?: Command;
	format: Command;
	unit: (component: string) => Command;
	/** One shard of a test command, as the stack's runner splits a suite. */
	shard: (command: string, k: number, n: number) => string;
	integration: (component: string) => Command;
	build: (component: string) => Command;
	audit: Command;
	coverage: Command;
	/** Files under test, for log lines. */
	testFile: (component: string, n: number) => string;
	sourceFile: (component: string, n: number) => string;
}

export const STACKS: Record<StackId, Stack> = {
	node: {
		id: 'node',
		flavour: 'jest',
		circleImage: (v) => `cimg/node:${v}`,
		gitlabImage: (v) => `node:${v.split('.')[0]}-bookworm`,
		versions: ['18.20.4', '20.17.0', '22.9.0'],
		versionParam: 'node-version',
		setupAction: (v) => ({ uses: 'actions/setup-node@v4', with: { 'node-version': v.split('.')[0]!, cache: 'npm' } }),
		cachePaths: ['~/.npm'],
		lockfile: 'package-lock.json',
		install: { name: 'Install dependencies', command: 'npm ci --prefer-offline --no-audit --no-fund', log: 'install' },
		toolVersion: 'node --version && npm --version',
		orb: {
			alias: 'node',
			ref: 'circleci/node@5.2.0',
			install: {
				command: 'node/install-packages',
				args: { 'pkg-manager': 'npm', 'cache-version': 'v2' },
				runSteps: ['Checking for package.json', 'Determine lockfile', 'Installing NPM packages'],
			},
		},
		lint: { name: 'Lint', command: 'npm run lint -- --max-warnings 0', log: 'lint' },
		typecheck: { name: 'Type check', command: 'npx tsc --noEmit -p tsconfig.json', log: 'lint' },
		format: { name: 'Check formatting', command: 'npx prettier --check "src/**/*.{ts,tsx,json,md}"', log: 'lint' },
		shard: (cmd, k, n) => `${cmd} --shard=${k}/${n}`,
		unit: (c) => ({ name: `Unit tests (${c})`, command: `npm run test --workspace packages/${c} -- --ci --reporters=default --reporters=jest-junit`, log: 'test' }),
		integration: (c) => ({ name: `Integration tests (${c})`, command: `npm run test:integration --workspace packages/${c} -- --runInBand`, log: 'test' }),
		build: (c) => ({ name: `Build ${c}`, command: `npm run build --workspace packages/${c}`, log: 'build' }),
		audit: { name: 'Audit dependencies', command: 'npm audit --audit-level=high --omit=dev', log: 'audit' },
		coverage: { name: 'Upload coverage', command: 'npx codecov --file coverage/lcov.info --flags unit', log: 'coverage' },
		testFile: (c, n) => `packages/${c}/src/${['handlers', 'models', 'services', 'utils', 'routes'][n % 5]}/${['index', 'parse', 'format', 'cache', 'client', 'schema'][n % 6]}${n > 5 ? n : ''}.test.ts`,
		sourceFile: (c, n) => `packages/${c}/src/${['handlers', 'models', 'services', 'utils'][n % 4]}/${['index', 'parse', 'format', 'cache', 'client'][n % 5]}.ts`,
	},
	python: {
		id: 'python',
		flavour: 'pytest',
		circleImage: (v) => `cimg/python:${v}`,
		gitlabImage: (v) => `python:${v.split('.').slice(0, 2).join('.')}-slim`,
		versions: ['3.10.14', '3.11.9', '3.12.6'],
		versionParam: 'python-version',
		setupAction: (v) => ({ uses: 'actions/setup-python@v5', with: { 'python-version': v.split('.').slice(0, 2).join('.'), cache: 'pip' } }),
		cachePaths: ['~/.cache/pip'],
		lockfile: 'requirements-dev.txt',
		install: { name: 'Install dependencies', command: 'python -m pip install --upgrade pip\npip install -r requirements-dev.txt', log: 'install' },
		toolVersion: 'python --version && pip --version',
		orb: {
			alias: 'python',
			ref: 'circleci/python@2.1.1',
			install: {
				command: 'python/install-packages',
				args: { 'pkg-manager': 'pip', 'pip-dependency-file': 'requirements-dev.txt' },
				runSteps: ['Link lockfile', 'Save python version', 'Install dependencies with pip using project requirements-dev.txt', 'Copy to cache directory'],
			},
		},
		lint: { name: 'Lint with ruff', command: 'ruff check --output-format=full .', log: 'lint' },
		typecheck: { name: 'Type check with mypy', command: 'mypy --strict src/', log: 'lint' },
		format: { name: 'Check formatting', command: 'black --check --diff .', log: 'lint' },
		shard: (cmd, k, n) => `${cmd} --splits ${n} --group ${k}`,
		unit: (c) => ({ name: `Unit tests (${c})`, command: `pytest tests/${c} -n auto --junitxml=test-results/${c}.xml --cov=src/${c} --cov-report=xml`, log: 'test' }),
		integration: (c) => ({ name: `Integration tests (${c})`, command: `pytest tests/integration/${c} -m integration --junitxml=test-results/integration-${c}.xml`, log: 'test' }),
		build: (c) => ({ name: `Build ${c} wheel`, command: `python -m build --wheel --outdir dist/ services/${c}`, log: 'build' }),
		audit: { name: 'Audit dependencies', command: 'pip-audit -r requirements.txt --strict', log: 'audit' },
		coverage: { name: 'Upload coverage', command: 'coverage combine && coverage xml && codecov -f coverage.xml', log: 'coverage' },
		testFile: (c, n) => `tests/${c}/test_${['models', 'views', 'api', 'tasks', 'forms', 'utils'][n % 6]}${n > 5 ? `_${n}` : ''}.py`,
		sourceFile: (c, n) => `src/${c}/${['models', 'views', 'api', 'tasks', 'utils'][n % 5]}.py`,
	},
	go: {
		id: 'go',
		flavour: 'go',
		circleImage: (v) => `cimg/go:${v}`,
		gitlabImage: (v) => `golang:${v.split('.').slice(0, 2).join('.')}`,
		versions: ['1.21.13', '1.22.7', '1.23.1'],
		versionParam: 'go-version',
		setupAction: (v) => ({ uses: 'actions/setup-go@v5', with: { 'go-version': v.split('.').slice(0, 2).join('.'), cache: 'true' } }),
		cachePaths: ['~/go/pkg/mod', '~/.cache/go-build'],
		lockfile: 'go.sum',
		install: { name: 'Download modules', command: 'go mod download -x', log: 'install' },
		toolVersion: 'go version && go env GOPATH GOCACHE',
		orb: {
			alias: 'go',
			ref: 'circleci/go@1.11.0',
			install: { command: 'go/mod-download-cached', args: {}, runSteps: ['go mod download'] },
		},
		lint: { name: 'golangci-lint', command: 'golangci-lint run --timeout 5m ./...', log: 'lint' },
		format: { name: 'Check gofmt', command: 'test -z "$(gofmt -l .)"', log: 'lint' },
		shard: (cmd, k, n) => `${cmd} -run '^Test[${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(Math.floor(((k - 1) * 26) / n), Math.floor((k * 26) / n))}]'`,
		unit: (c) => ({ name: `Unit tests (${c})`, command: `go test -race -count=1 -coverprofile=coverage-${c}.out ./internal/${c}/...`, log: 'test' }),
		integration: (c) => ({ name: `Integration tests (${c})`, command: `go test -tags=integration -count=1 -p 1 ./internal/${c}/...`, log: 'test' }),
		build: (c) => ({ name: `Build ${c}`, command: `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=\${VERSION}" -o bin/${c} ./cmd/${c}`, log: 'build' }),
		audit: { name: 'govulncheck', command: 'go run golang.org/x/vuln/cmd/govulncheck@v1.1.3 ./...', log: 'audit' },
		coverage: { name: 'Upload coverage', command: 'go tool cover -func=coverage.out | tail -n 1\nbash <(curl -s https://codecov.io/bash) -f coverage.out', log: 'coverage' },
		testFile: (c, n) => `internal/${c}/${['handler', 'store', 'service', 'client', 'codec'][n % 5]}${n > 4 ? `_${n}` : ''}_test.go`,
		sourceFile: (c, n) => `internal/${c}/${['handler', 'store', 'service', 'client'][n % 4]}.go`,
	},
	java: {
		id: 'java',
		flavour: 'gradle',
		circleImage: (v) => `cimg/openjdk:${v}`,
		gitlabImage: (v) => `eclipse-temurin:${v.split('.')[0]}-jdk`,
		versions: ['17.0.12', '21.0.4'],
		versionParam: 'jdk-version',
		setupAction: (v) => ({ uses: 'actions/setup-java@v4', with: { distribution: 'temurin', 'java-version': v.split('.')[0]!, cache: 'gradle' } }),
		cachePaths: ['~/.gradle/caches', '~/.gradle/wrapper'],
		lockfile: 'gradle.lockfile',
		install: { name: 'Resolve dependencies', command: './gradlew --no-daemon dependencies --write-locks', log: 'install' },
		toolVersion: 'java -version && ./gradlew --version',
		lint: { name: 'Checkstyle', command: './gradlew --no-daemon checkstyleMain checkstyleTest', log: 'lint' },
		format: { name: 'Spotless check', command: './gradlew --no-daemon spotlessCheck', log: 'lint' },
		shard: (cmd, k, n) => `${cmd} -PtestShard=${k} -PtestShards=${n}`,
		unit: (c) => ({ name: `Unit tests (${c})`, command: `./gradlew --no-daemon :${c}:test --tests '*Test'`, log: 'test' }),
		integration: (c) => ({ name: `Integration tests (${c})`, command: `./gradlew --no-daemon :${c}:integrationTest -Dspring.profiles.active=ci`, log: 'test' }),
		build: (c) => ({ name: `Assemble ${c}`, command: `./gradlew --no-daemon :${c}:bootJar -x test`, log: 'build' }),
		audit: { name: 'OWASP dependency check', command: './gradlew --no-daemon dependencyCheckAnalyze', log: 'audit' },
		coverage: { name: 'JaCoCo report', command: './gradlew --no-daemon jacocoTestReport', log: 'coverage' },
		testFile: (c, n) => `com.example.${c}.${['Controller', 'Service', 'Repository', 'Mapper', 'Client'][n % 5]}${n > 4 ? n : ''}Test`,
		sourceFile: (c, n) => `${c}/src/main/java/com/example/${c}/${['Controller', 'Service', 'Repository', 'Mapper'][n % 4]}.java`,
	},
	ruby: {
		id: 'ruby',
		flavour: 'rspec',
		circleImage: (v) => `cimg/ruby:${v}`,
		gitlabImage: (v) => `ruby:${v.split('.').slice(0, 2).join('.')}`,
		versions: ['3.2.5', '3.3.5'],
		versionParam: 'ruby-version',
		setupAction: (v) => ({ uses: 'ruby/setup-ruby@v1', with: { 'ruby-version': v.split('.').slice(0, 2).join('.'), 'bundler-cache': 'true' } }),
		cachePaths: ['vendor/bundle'],
		lockfile: 'Gemfile.lock',
		install: { name: 'Bundle install', command: 'bundle config set --local path vendor/bundle\nbundle install --jobs 4 --retry 3', log: 'install' },
		toolVersion: 'ruby --version && bundle --version',
		orb: {
			alias: 'ruby',
			ref: 'circleci/ruby@2.1.3',
			install: { command: 'ruby/install-deps', args: { 'key': 'gems-v1' }, runSteps: ['Determine lock file', 'Bundle install'] },
		},
		lint: { name: 'RuboCop', command: 'bundle exec rubocop --parallel --format progress', log: 'lint' },
		format: { name: 'ERB lint', command: 'bundle exec erblint --lint-all', log: 'lint' },
		shard: (cmd, k, n) => `CI_NODE_INDEX=${k - 1} CI_NODE_TOTAL=${n} KNAPSACK_TEST_FILE_PATTERN="${cmd.split(' ')[3]}/**/*_spec.rb" bundle exec rake knapsack:rspec`,
		unit: (c) => ({ name: `RSpec (${c})`, command: `bundle exec rspec spec/${c} --format progress --format RspecJunitFormatter --out test-results/rspec-${c}.xml`, log: 'test' }),
		integration: (c) => ({ name: `System specs (${c})`, command: `bundle exec rspec spec/system/${c} --tag type:system`, log: 'test' }),
		build: (c) => ({ name: `Precompile assets (${c})`, command: `cd engines/${c} && RAILS_ENV=production SECRET_KEY_BASE=dummy bundle exec rails assets:precompile`, log: 'build' }),
		audit: { name: 'Bundle audit', command: 'bundle exec bundle-audit check --update', log: 'audit' },
		coverage: { name: 'Upload coverage', command: 'bundle exec rake coverage:report', log: 'coverage' },
		testFile: (c, n) => `./spec/${c}/${['models', 'requests', 'services', 'jobs', 'mailers'][n % 5]}/${c}_${n}_spec.rb`,
		sourceFile: (c, n) => `app/${['models', 'controllers', 'services', 'jobs'][n % 4]}/${c}.rb`,
	},
	rust: {
		id: 'rust',
		flavour: 'cargo',
		circleImage: (v) => `cimg/rust:${v}`,
		gitlabImage: (v) => `rust:${v.split('.').slice(0, 2).join('.')}`,
		versions: ['1.80.1', '1.81.0'],
		versionParam: 'rust-version',
		setupAction: (v) => ({ uses: 'dtolnay/rust-toolchain@stable', with: { toolchain: v.split('.').slice(0, 2).join('.'), components: 'clippy, rustfmt' } }),
		cachePaths: ['~/.cargo/registry', 'target'],
		lockfile: 'Cargo.lock',
		install: { name: 'Fetch crates', command: 'cargo fetch --locked', log: 'install' },
		toolVersion: 'rustc --version && cargo --version',
		lint: { name: 'Clippy', command: 'cargo clippy --all-targets --all-features -- -D warnings', log: 'lint' },
		format: { name: 'rustfmt', command: 'cargo fmt --all -- --check', log: 'lint' },
		shard: (cmd, k, n) => `cargo nextest run ${cmd.split(' ').slice(2, 4).join(' ')} --partition count:${k}/${n}`,
		unit: (c) => ({ name: `Tests (${c})`, command: `cargo test -p ${c} --locked --all-features`, log: 'test' }),
		integration: (c) => ({ name: `Integration tests (${c})`, command: `cargo test -p ${c} --test integration --locked -- --test-threads=1`, log: 'test' }),
		build: (c) => ({ name: `Release build (${c})`, command: `cargo build -p ${c} --release --locked`, log: 'build' }),
		audit: { name: 'cargo audit', command: 'cargo install cargo-audit --locked && cargo audit', log: 'audit' },
		coverage: { name: 'Coverage', command: 'cargo llvm-cov --workspace --lcov --output-path lcov.info', log: 'coverage' },
		testFile: (c, n) => `${c}::${['parser', 'codec', 'store', 'api', 'config'][n % 5]}::tests`,
		sourceFile: (c, n) => `crates/${c}/src/${['parser', 'codec', 'store', 'lib'][n % 4]}.rs`,
	},
};

export const STACK_IDS: StackId[] = ['node', 'python', 'go', 'java', 'ruby', 'rust'];
/** How often each stack is picked (node and python dominate real configs). */
export const STACK_WEIGHTS: Record<StackId, number> = { node: 5, python: 4, go: 3, java: 2, ruby: 2, rust: 1 };

export const SERVICE_PREFIXES = [
	'atlas', 'harbor', 'quill', 'lumen', 'orbit', 'cobalt', 'tandem', 'beacon', 'juniper', 'meridian', 'saffron', 'kestrel', 'nimbus', 'ember',
	'pioneer', 'summit', 'vertex', 'willow', 'zephyr', 'halcyon', 'granite', 'mosaic', 'lattice', 'aurora', 'basalt', 'cedar', 'drift', 'falcon',
];
export const SERVICE_SUFFIXES = [
	'api', 'web', 'payments', 'ledger', 'storefront', 'search', 'gateway', 'billing', 'accounts', 'catalog', 'notifier', 'scheduler', 'reports',
	'ingest', 'auth', 'admin', 'mobile-bff', 'pricing', 'inventory', 'shipping', 'media', 'analytics', 'docs', 'infra', 'sync', 'checkout',
];
export const COMPONENTS = [
	'api', 'web', 'worker', 'billing', 'auth', 'search', 'notifications', 'admin', 'gateway', 'reports', 'ledger', 'catalog', 'checkout', 'inventory',
	'scheduler', 'mailer', 'media', 'analytics', 'profile', 'payments', 'pricing', 'shipping', 'feeds', 'sync', 'export', 'audit', 'webhooks',
	'importer', 'ratings', 'sessions', 'tenants', 'quotas', 'invoices', 'orders', 'returns', 'vouchers', 'geo', 'i18n', 'flags', 'metrics',
];
export const PEOPLE = [
	['Amara Okafor', 'amara-o'], ['Bastien Roux', 'broux'], ['Chen Wei', 'chenwei'], ['Dana Kowalski', 'dkowalski'], ['Elif Demir', 'elifd'],
	['Farid Haddad', 'fhaddad'], ['Grace Mensah', 'gmensah'], ['Hiro Tanaka', 'htanaka'], ['Ines Duarte', 'iduarte'], ['Jonas Berg', 'jberg'],
	['Kavya Rao', 'kavya'], ['Lena Fischer', 'lfischer'], ['Mateo Silva', 'msilva'], ['Nadia Petrova', 'npetrova'], ['Oscar Lind', 'olind'],
	['Priya Nair', 'priya.n'], ['Quentin Moreau', 'qmoreau'], ['Rosa Jiménez', 'rjimenez'], ['Sven Aalto', 'saalto'], ['Tomás Byrne', 'tbyrne'],
] as const;
export const COMMIT_SUBJECTS = [
	'Fix flaky retry in the webhook client', 'Bump dependencies', 'Add pagination to the export endpoint', 'Refactor the cache layer',
	'Ledger: idempotency keys for retried payments', 'Speed up the test suite', 'Handle empty carts at checkout', 'Upgrade to the new runner image',
	'Add tracing spans around DB calls', 'Document the release process', 'Remove the legacy v1 routes', 'Validate tenant ids on import',
	'Make the scheduler timezone-aware', 'Split the admin bundle', 'Retry S3 uploads with backoff', 'Tighten the CSP header',
	'Migrate sessions to Redis', 'Fix N+1 query on the orders page', 'Add a health check for the worker', 'Pin the base image digest',
];
export const BRANCHES = ['main', 'main', 'main', 'feature/pagination', 'fix/flaky-retry', 'renovate/all-minor-patch', 'chore/bump-deps', 'feat/tracing', 'release/2024.10', 'hotfix/checkout-totals'];
export const ENVIRONMENTS = [
	{ id: 'review', tier: 'review' },
	{ id: 'development', tier: 'development' },
	{ id: 'staging', tier: 'staging' },
	{ id: 'preproduction', tier: 'preproduction' },
	{ id: 'production', tier: 'production' },
] as const;
export const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-southeast-2'];
