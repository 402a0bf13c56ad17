/**
 * Log text for the bodies of run steps: exactly `n` lines of output that reads like the tool the
 * step runs (npm, pytest, go test, BuildKit, helm...), with ANSI colours, `\r` progress redraws,
 * the odd very long line (2,000+ characters), and a failure at the end of a failing step. Lines
 * never carry a line break, and never look like the markers the run parsers split steps on
 * (`##[group]Run `, `section_start:`, `Post job cleanup.`, ...), so the counts stay exact.
 */
import type { Rng } from './rng';
import type { StepLogKind } from './types';
import type { Stack } from './vocab';

export const A = {
	reset: '\x1b[0m',
	bold: '\x1b[1m',
	dim: '\x1b[2m',
	red: '\x1b[31m',
	green: '\x1b[32m',
	yellow: '\x1b[33m',
	blue: '\x1b[34m',
	magenta: '\x1b[35m',
	cyan: '\x1b[36m',
	gray: '\x1b[90m',
	boldRed: '\x1b[31;1m',
	boldGreen: '\x1b[32;1m',
	boldCyan: '\x1b[36;1m',
	bgRed: '\x1b[41m',
	bgGreen: '\x1b[42m',
	fgReset: '\x1b[39m',
};

export interface LogContext {
	stack: Stack;
	component: string;
	command?: string;
	fail: boolean;
	rng: Rng;
	/** Seconds since the run started, for tools that print their own clock. */
	clock: () => number;
	baseMs: number;
}

const WORDS = [
	'handles', 'rejects', 'returns', 'parses', 'formats', 'retries', 'caches', 'validates', 'maps', 'sorts', 'paginates', 'streams', 'skips',
	'creates', 'updates', 'deletes', 'merges', 'splits', 'encodes', 'decodes', 'migrates', 'locks', 'refunds', 'charges', 'notifies',
];
const OBJECTS = [
	'empty input', 'unicode names', 'expired tokens', 'large payloads', 'duplicate keys', 'missing fields', 'negative amounts', 'a closed connection',
	'concurrent writers', 'a slow upstream', 'invalid UTF-8', 'the last page', 'zero rows', 'a timezone change', 'nested objects', 'a retry storm',
];
const PACKAGES = {
	node: ['react', 'react-dom', 'express', 'lodash', 'zod', 'typescript', 'vite', 'vitest', 'jest', 'eslint', 'prettier', '@types/node', 'axios', 'pg', 'ioredis', 'pino', 'dayjs', 'uuid', 'next', 'tslib', 'rxjs', 'webpack', 'babel-loader', '@babel/core', 'postcss', 'tailwindcss', 'esbuild', 'rollup', 'commander', 'chalk', 'semver', 'glob', 'minimatch', 'debug', 'ms', 'yaml', 'ajv', 'fastify', 'knex', 'sequelize'],
	python: ['Django', 'djangorestframework', 'psycopg2-binary', 'celery', 'redis', 'requests', 'urllib3', 'certifi', 'pytest', 'pytest-cov', 'pytest-xdist', 'black', 'ruff', 'mypy', 'pydantic', 'SQLAlchemy', 'alembic', 'fastapi', 'uvicorn', 'httpx', 'boto3', 'botocore', 's3transfer', 'numpy', 'pandas', 'python-dateutil', 'six', 'attrs', 'click', 'Jinja2', 'MarkupSafe', 'gunicorn', 'sentry-sdk', 'structlog'],
	go: ['github.com/gorilla/mux', 'github.com/jackc/pgx/v5', 'github.com/stretchr/testify', 'go.uber.org/zap', 'golang.org/x/sync', 'golang.org/x/net', 'github.com/spf13/cobra', 'github.com/prometheus/client_golang', 'google.golang.org/grpc', 'google.golang.org/protobuf', 'github.com/redis/go-redis/v9', 'github.com/aws/aws-sdk-go-v2', 'go.opentelemetry.io/otel', 'github.com/google/uuid'],
	java: ['org.springframework.boot:spring-boot-starter-web', 'com.fasterxml.jackson.core:jackson-databind', 'org.postgresql:postgresql', 'org.flywaydb:flyway-core', 'org.junit.jupiter:junit-jupiter', 'org.mockito:mockito-core', 'io.micrometer:micrometer-core', 'org.slf4j:slf4j-api', 'com.google.guava:guava', 'org.testcontainers:postgresql'],
	ruby: ['rails', 'pg', 'puma', 'sidekiq', 'rspec-rails', 'factory_bot_rails', 'rubocop', 'devise', 'pundit', 'nokogiri', 'bootsnap', 'capybara', 'selenium-webdriver', 'faker', 'dotenv-rails', 'redis', 'aws-sdk-s3'],
	rust: ['serde', 'serde_json', 'tokio', 'hyper', 'axum', 'tower', 'tracing', 'tracing-subscriber', 'anyhow', 'thiserror', 'clap', 'sqlx', 'reqwest', 'rand', 'regex', 'once_cell', 'bytes', 'futures', 'chrono', 'uuid'],
} as const;

function version(rng: Rng): string {
	return `${rng.int(0, 12)}.${rng.int(0, 40)}.${rng.int(0, 20)}`;
}

function testName(rng: Rng): string {
	return `${rng.pick(WORDS)} ${rng.pick(OBJECTS)}`;
}

function snake(text: string): string {
	return text.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
}

function camel(text: string): string {
	return text.replace(/(?:^|[^a-z0-9]+)([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
}

/** A long line a real log has now and then: a dependency list, a classpath, a JSON blob, a minified stack. */
export function longLine(ctx: LogContext): string {
	const { rng, stack } = ctx;
	const target = rng.int(2_000, rng.chance(0.15) ? 40_000 : 9_000);
	const parts: string[] = [];
	let length = 0;
	const kind = rng.int(0, 4);
	const pkgs = PACKAGES[stack.id];
	while (length < target) {
		let part: string;
		if (kind === 0) part = `${rng.pick(pkgs).replace(/[/:]/g, '-')}-${version(rng)}`;
		else if (kind === 1) part = `/home/runner/.gradle/caches/modules-2/files-2.1/${rng.pick(PACKAGES.java).replace(':', '/')}/${version(rng)}/${rng.hex(40)}/lib-${version(rng)}.jar`;
		else if (kind === 2) part = `{"id":"${rng.hex(24)}","name":"${testName(rng)}","duration_ms":${rng.int(1, 9000)},"status":"passed","tags":["${ctx.component}","ci"]}`;
		else if (kind === 3) part = `at ${camel(testName(rng))} (webpack://app/./src/${ctx.component}/${rng.pick(['index', 'client', 'store'])}.ts?${rng.hex(8)}:${rng.int(1, 900)}:${rng.int(1, 80)})`;
		else part = `--set env[${parts.length}].name=FEATURE_${rng.pick(WORDS).toUpperCase()}_${parts.length} --set env[${parts.length}].value=${rng.hex(12)}`;
		parts.push(part);
		length += part.length + 1;
	}
	const head = ['Successfully installed ', `[command]/usr/bin/java -cp `, 'report: [', 'TypeError: Cannot read properties of undefined (reading \'id\') ', 'helm upgrade --install app ./chart '][kind]!;
	const sep = [' ', ':', ',', ' ', ' '][kind]!;
	return `${head}${parts.join(sep)}${kind === 2 ? ']' : ''}`;
}

/** A progress bar redrawn with `\r` on one line, as a terminal receives it. */
export function progressLine(ctx: LogContext, label: string): string {
	const { rng } = ctx;
	const frames: string[] = [];
	const steps = rng.int(4, 24);
	const total = rng.int(5, 900);
	for (let i = 1; i <= steps; i++) {
		const done = Math.round((i / steps) * 30);
		const mb = ((i / steps) * total).toFixed(1);
		frames.push(`${label} [${'='.repeat(Math.max(0, done - 1))}>${' '.repeat(30 - done)}] ${mb}MB/${total}.0MB`);
	}
	return frames.join('\r');
}

type Unit = (ctx: LogContext, i: number) => string[];

interface Story {
	head: (ctx: LogContext) => string[];
	unit: Unit;
	ok: (ctx: LogContext) => string[];
	failed: (ctx: LogContext) => string[];
}

const STORIES: Record<string, Story> = {
	'install:node': {
		head: () => [`${A.gray}npm${A.reset} ${A.yellow}warn${A.reset} config production Use \`--omit=dev\` instead.`],
		unit: (ctx, i) => {
			const { rng } = ctx;
			if (i % 9 === 4) return [progressLine(ctx, `${A.dim}reify:${rng.pick(PACKAGES.node)}:${A.reset} timing reifyNode`)];
			if (i % 5 === 2) return [`${A.gray}npm${A.reset} ${A.yellow}warn${A.reset} ${A.magenta}deprecated${A.reset} ${rng.pick(['inflight', 'glob', 'rimraf', 'abab', 'domexception', 'w3c-hr-time'])}@${version(rng)}: This module is not supported, and leaks memory. Do not use it.`];
			const pkg = rng.pick(PACKAGES.node);
			return [`${A.gray}npm${A.reset} ${A.cyan}http${A.reset} fetch GET 200 https://registry.npmjs.org/${pkg}/-/${pkg.replace(/^@types\//, '')}-${version(rng)}.tgz ${rng.int(3, 900)}ms (cache ${rng.pick(['hit', 'miss', 'revalidated'])})`];
		},
		ok: (ctx) => ['', `added ${ctx.rng.int(300, 2400)} packages, and audited ${ctx.rng.int(300, 2400)} packages in ${ctx.rng.int(8, 95)}s`, '', `${ctx.rng.int(80, 300)} packages are looking for funding`, '  run `npm fund` for details', '', `found ${A.bold}${A.green}0${A.reset} vulnerabilities`],
		failed: (ctx) => [`${A.red}npm error${A.reset} code ERESOLVE`, `${A.red}npm error${A.reset} ERESOLVE could not resolve`, `${A.red}npm error${A.reset} While resolving: ${ctx.component}@1.0.0`, `${A.red}npm error${A.reset} Found: react@18.3.1`, `${A.red}npm error${A.reset} A complete log of this run can be found in: /home/circleci/.npm/_logs/debug-0.log`],
	},
	'install:python': {
		head: (ctx) => [`Requirement already satisfied: pip in /usr/local/lib/python3.12/site-packages (${version(ctx.rng)})`],
		unit: (ctx, i) => {
			const { rng } = ctx;
			const pkg = rng.pick(PACKAGES.python);
			const v = version(rng);
			if (i % 3 === 0) return [`Collecting ${pkg}==${v} (from -r requirements-dev.txt (line ${rng.int(1, 80)}))`];
			if (i % 3 === 1) return [`  Downloading ${pkg}-${v}-py3-none-any.whl.metadata (${rng.int(1, 40)} kB)`];
			const kb = rng.int(20, 9000);
			const frames = [1, 2, 3, 4].map((k) => `     ${'━'.repeat(k * 10)}${A.dim}${'━'.repeat(40 - k * 10)}${A.reset} ${((kb * k) / 4).toFixed(1)}/${kb}.0 kB ${A.red}${rng.int(1, 90)}.${rng.int(0, 9)} MB/s${A.reset} eta ${A.cyan}0:00:0${4 - k}${A.reset}`);
			return [`  Downloading ${pkg}-${v}-py3-none-any.whl (${kb} kB)`, frames.join('\r')];
		},
		ok: (ctx) => ['Installing collected packages: ' + PACKAGES.python.slice(0, ctx.rng.int(8, PACKAGES.python.length)).join(', '), `Successfully installed ${PACKAGES.python.map((p) => `${p}-${version(ctx.rng)}`).join(' ')}`],
		failed: () => [`${A.red}ERROR: Could not find a version that satisfies the requirement internal-sdk==4.2.0 (from versions: none)${A.reset}`, `${A.red}ERROR: No matching distribution found for internal-sdk==4.2.0${A.reset}`],
	},
	'install:go': {
		head: () => [],
		unit: (ctx, i) => {
			const mod = ctx.rng.pick(PACKAGES.go);
			const v = `v${version(ctx.rng)}`;
			return i % 2 === 0 ? [`go: downloading ${mod} ${v}`] : [`# get https://proxy.golang.org/${mod.toLowerCase()}/@v/${v}.zip: 200 OK (${(ctx.rng.next() * 2).toFixed(3)}s)`];
		},
		ok: () => [],
		failed: () => ['go: github.com/example-org/internal-sdk@v1.4.0: reading github.com/example-org/internal-sdk/go.mod at revision v1.4.0: git ls-remote -q origin: exit status 128:', '\tfatal: could not read Username for \'https://github.com\': terminal prompts disabled'],
	},
	'install:java': {
		head: () => ['Starting a Gradle Daemon (subsequent builds will be faster)'],
		unit: (ctx, i) => {
			const dep = ctx.rng.pick(PACKAGES.java);
			const [g, a] = dep.split(':');
			if (i % 7 === 3) return [progressLine(ctx, `Downloading https://services.gradle.org/distributions/gradle-8.10-bin.zip`)];
			return [`Download https://repo.maven.apache.org/maven2/${g!.replace(/\./g, '/')}/${a}/${version(ctx.rng)}/${a}-${version(ctx.rng)}.${i % 2 ? 'pom' : 'jar'}, took ${ctx.rng.int(20, 900)} ms`];
		},
		ok: (ctx) => ['', `${A.boldGreen}BUILD SUCCESSFUL${A.reset} in ${ctx.rng.int(20, 140)}s`, `${ctx.rng.int(2, 9)} actionable tasks: ${ctx.rng.int(2, 9)} executed`],
		failed: () => ['', `${A.boldRed}FAILURE: Build failed with an exception.${A.reset}`, '', '* What went wrong:', "Could not resolve all files for configuration ':api:compileClasspath'.", `${A.boldRed}BUILD FAILED${A.reset} in 41s`],
	},
	'install:ruby': {
		head: () => ['Fetching gem metadata from https://rubygems.org/.........', 'Resolving dependencies...'],
		unit: (ctx, i) => {
			const gem = ctx.rng.pick(PACKAGES.ruby);
			return i % 2 ? [`Fetching ${gem} ${version(ctx.rng)}`] : [`Installing ${gem} ${version(ctx.rng)}${ctx.rng.chance(0.3) ? ' with native extensions' : ''}`];
		},
		ok: (ctx) => [`Bundle complete! ${ctx.rng.int(30, 90)} Gemfile dependencies, ${ctx.rng.int(120, 300)} gems now installed.`, 'Bundled gems are installed into `./vendor/bundle`'],
		failed: () => [`${A.red}An error occurred while installing pg (1.5.6), and Bundler cannot continue.${A.reset}`, 'In Gemfile:', '  pg'],
	},
	'install:rust': {
		head: () => ['    Updating crates.io index'],
		unit: (ctx) => [`  ${A.boldGreen}Downloaded${A.reset} ${ctx.rng.pick(PACKAGES.rust)} v${version(ctx.rng)}`],
		ok: (ctx) => [`  ${A.boldGreen}Downloaded${A.reset} ${ctx.rng.int(120, 400)} crates (${ctx.rng.int(10, 60)}.${ctx.rng.int(0, 9)} MB) in ${ctx.rng.int(2, 20)}.${ctx.rng.int(10, 99)}s`],
		failed: () => [`${A.boldRed}error${A.reset}: failed to get \`internal-sdk\` as a dependency of package \`app v0.1.0\``],
	},
	'test:jest': {
		head: (ctx) => ['', `> ${ctx.component}@1.0.0 test`, '> jest --ci', ''],
		unit: (ctx, i) => {
			const { rng } = ctx;
			const file = ctx.stack.testFile(ctx.component, i);
			const cases = rng.int(2, 9);
			const out = [`${A.bgGreen}${A.bold} PASS ${A.reset} ${A.dim}packages/${ctx.component}/src/${A.reset}${A.bold}${file.split('/').pop()}${A.reset}${rng.chance(0.3) ? ` (${rng.int(5, 30)}.${rng.int(0, 9)} s)` : ''}`];
			out.push(`  ${camel(rng.pick(OBJECTS))}`);
			for (let k = 0; k < cases; k++) out.push(`    ${A.green}✓${A.reset} ${A.dim}${testName(rng)} (${rng.int(1, 400)} ms)${A.reset}`);
			if (rng.chance(0.1)) out.push(`  ${A.yellow}console.warn${A.reset}`, `    Deprecation: ${ctx.component}.legacyFormat() will be removed in v3`, '', `      ${A.dim}at Object.<anonymous> (${file}:${rng.int(10, 300)}:${rng.int(1, 40)})${A.reset}`);
			return out;
		},
		ok: (ctx) => ['', `${A.bold}Test Suites: ${A.reset}${A.bold}${A.green}${ctx.rng.int(10, 200)} passed${A.reset}, ${ctx.rng.int(10, 200)} total`, `${A.bold}Tests:       ${A.reset}${A.bold}${A.green}${ctx.rng.int(100, 2000)} passed${A.reset}, ${ctx.rng.int(100, 2000)} total`, `${A.bold}Snapshots:   ${A.reset}${ctx.rng.int(0, 40)} total`, `${A.bold}Time:${A.reset}        ${ctx.rng.int(5, 200)}.${ctx.rng.int(100, 999)} s`, `${A.dim}Ran all test suites.${A.reset}`],
		failed: (ctx) => {
			const name = testName(ctx.rng);
			const file = ctx.stack.testFile(ctx.component, 1);
			return [
				`${A.bgRed}${A.bold} FAIL ${A.reset} ${A.bold}${file}${A.reset}`,
				`  ${A.red}●${A.reset} ${camel(ctx.component)} › ${name}`,
				'',
				`    ${A.dim}expect(${A.reset}${A.red}received${A.reset}${A.dim}).${A.reset}toEqual${A.dim}(${A.reset}${A.green}expected${A.reset}${A.dim})${A.reset}`,
				'',
				`    ${A.green}- Expected  - 1${A.reset}`,
				`    ${A.red}+ Received  + 1${A.reset}`,
				'',
				`      ${A.dim}at Object.<anonymous> (${A.reset}${A.cyan}${file}${A.reset}${A.dim}:${ctx.rng.int(10, 300)}:${ctx.rng.int(5, 40)})${A.reset}`,
				'',
				`${A.bold}Test Suites: ${A.reset}${A.bold}${A.red}1 failed${A.reset}, ${A.bold}${A.green}${ctx.rng.int(10, 200)} passed${A.reset}, ${ctx.rng.int(10, 200)} total`,
				`${A.bold}Tests:       ${A.reset}${A.bold}${A.red}1 failed${A.reset}, ${A.bold}${A.green}${ctx.rng.int(100, 2000)} passed${A.reset}, ${ctx.rng.int(100, 2000)} total`,
				`${A.red}npm error${A.reset} Lifecycle script \`test\` failed with error:`,
				`${A.red}npm error${A.reset} code 1`,
			];
		},
	},
	'test:pytest': {
		head: (ctx) => [`${A.bold}============================= test session starts ==============================${A.reset}`, `platform linux -- Python 3.12.6, pytest-8.3.3, pluggy-1.5.0`, `rootdir: /home/circleci/project`, 'configfile: pyproject.toml', 'plugins: cov-5.0.0, xdist-3.6.1, django-4.9.0', `${A.bold}created: ${ctx.rng.int(2, 8)}/8 workers${A.reset}`],
		unit: (ctx, i) => {
			const file = ctx.stack.testFile(ctx.component, i);
			const out: string[] = [];
			for (let k = 0, n = ctx.rng.int(3, 10); k < n; k++) {
				const skipped = ctx.rng.chance(0.03);
				out.push(`[gw${ctx.rng.int(0, 7)}] [${String(ctx.rng.int(1, 99)).padStart(3)}%] ${skipped ? `${A.yellow}SKIPPED${A.reset}` : `${A.green}PASSED${A.reset}`} ${file}::test_${snake(testName(ctx.rng))}`);
			}
			return out;
		},
		ok: (ctx) => ['', `---------- coverage: platform linux, python 3.12.6-final-0 -----------`, `Coverage XML written to file coverage.xml`, '', `${A.green}======================= ${A.bold}${ctx.rng.int(100, 3000)} passed${A.reset}${A.green}, ${A.yellow}${ctx.rng.int(0, 20)} skipped${A.reset}${A.green} in ${ctx.rng.int(10, 400)}.${ctx.rng.int(10, 99)}s ========================${A.reset}`],
		failed: (ctx) => {
			const file = ctx.stack.testFile(ctx.component, 2);
			const name = `test_${snake(testName(ctx.rng))}`;
			return [
				'',
				'=================================== FAILURES ===================================',
				`${A.boldRed}_________________________________ ${name} _________________________________${A.reset}`,
				`${A.bold}    def ${name}(client, db):${A.reset}`,
				`        response = client.post("/api/${ctx.component}/", json=payload)`,
				`>       assert response.status_code == 201`,
				`${A.boldRed}E       assert 500 == 201${A.reset}`,
				'',
				`${A.boldRed}${file}${A.reset}:${ctx.rng.int(10, 300)}: AssertionError`,
				'=========================== short test summary info ============================',
				`${A.red}FAILED${A.reset} ${file}::${name} - assert 500 == 201`,
				`${A.red}========================= ${A.bold}1 failed${A.reset}, ${A.green}${ctx.rng.int(100, 3000)} passed${A.reset}${A.red} in ${ctx.rng.int(10, 400)}.12s =========================${A.reset}`,
			];
		},
	},
	'test:go': {
		head: () => [],
		unit: (ctx, i) => {
			const out: string[] = [];
			const pkg = `github.com/example-org/app/internal/${ctx.component}`;
			for (let k = 0, n = ctx.rng.int(2, 6); k < n; k++) {
				const name = `Test${camel(testName(ctx.rng))}`;
				out.push(`=== RUN   ${name}`, `=== PAUSE ${name}`, `=== CONT  ${name}`, `--- PASS: ${name} (${(ctx.rng.next() * 2).toFixed(2)}s)`);
			}
			if (i % 4 === 3) out.push(`ok  \t${pkg}/${['store', 'api', 'codec', 'worker'][i % 4]}\t${(ctx.rng.next() * 9).toFixed(3)}s\tcoverage: ${ctx.rng.int(50, 95)}.${ctx.rng.int(0, 9)}% of statements`);
			return out;
		},
		ok: (ctx) => [`PASS`, `ok  \tgithub.com/example-org/app/internal/${ctx.component}\t${(ctx.rng.next() * 30).toFixed(3)}s\tcoverage: ${ctx.rng.int(50, 95)}.${ctx.rng.int(0, 9)}% of statements`],
		failed: (ctx) => {
			const name = `Test${camel(testName(ctx.rng))}`;
			return [`=== RUN   ${name}`, `    ${ctx.stack.testFile(ctx.component, 3)}:${ctx.rng.int(20, 300)}: `, `        \tError Trace:\t${ctx.stack.testFile(ctx.component, 3)}:${ctx.rng.int(20, 300)}`, '        \tError:      \tNot equal: ', '        \t            \texpected: 201', '        \t            \tactual  : 500', `--- FAIL: ${name} (0.31s)`, 'FAIL', `FAIL\tgithub.com/example-org/app/internal/${ctx.component}\t4.812s`, 'FAIL'];
		},
	},
	'test:gradle': {
		head: (ctx) => ['> Task :buildSrc:compileJava UP-TO-DATE', `> Task :${ctx.component}:compileJava`, `> Task :${ctx.component}:compileTestJava`, `> Task :${ctx.component}:test`],
		unit: (ctx, i) => {
			const cls = ctx.stack.testFile(ctx.component, i);
			const out: string[] = [];
			for (let k = 0, n = ctx.rng.int(2, 8); k < n; k++) out.push(`${cls} > ${camel(testName(ctx.rng)).replace(/^./, (c) => c.toLowerCase())}() ${A.green}PASSED${A.reset}`);
			if (ctx.rng.chance(0.05)) out.push(`${new Date(ctx.baseMs + ctx.clock() * 1000).toISOString()}  INFO 4242 --- [    Test worker] o.s.b.t.c.SpringBootTestContextBootstrapper : Loaded default TestExecutionListener class names from location [META-INF/spring.factories]`);
			return out;
		},
		ok: (ctx) => ['', `${A.boldGreen}BUILD SUCCESSFUL${A.reset} in ${ctx.rng.int(1, 9)}m ${ctx.rng.int(1, 59)}s`, `${ctx.rng.int(5, 40)} actionable tasks: ${ctx.rng.int(5, 40)} executed`],
		failed: (ctx) => [`${ctx.stack.testFile(ctx.component, 2)} > ${camel(testName(ctx.rng))}() ${A.red}FAILED${A.reset}`, '    org.opentest4j.AssertionFailedError: expected: <201> but was: <500>', '        at app//org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)', '', `${ctx.rng.int(100, 900)} tests completed, 1 failed`, '', `${A.boldRed}FAILURE: Build failed with an exception.${A.reset}`, '', '* What went wrong:', `Execution failed for task ':${ctx.component}:test'.`, `${A.boldRed}BUILD FAILED${A.reset} in 2m 13s`],
	},
	'test:rspec': {
		head: (ctx) => [`Randomized with seed ${ctx.rng.int(1000, 99999)}`],
		unit: (ctx) => {
			let dots = '';
			for (let k = 0, n = ctx.rng.int(40, 120); k < n; k++) dots += ctx.rng.chance(0.02) ? `${A.yellow}*${A.reset}` : `${A.green}.${A.reset}`;
			return [dots];
		},
		ok: (ctx) => ['', `Finished in ${ctx.rng.int(10, 300)}.${ctx.rng.int(1, 99)} seconds (files took ${ctx.rng.int(1, 9)}.${ctx.rng.int(1, 99)} seconds to load)`, `${A.green}${ctx.rng.int(300, 4000)} examples, 0 failures, ${ctx.rng.int(0, 12)} pending${A.reset}`],
		failed: (ctx) => ['', 'Failures:', '', `  1) ${camel(ctx.component)} ${testName(ctx.rng)}`, `     ${A.red}Failure/Error: expect(response).to have_http_status(:created)${A.reset}`, `       ${A.red}expected the response to have status code :created (201) but it was :internal_server_error (500)${A.reset}`, `     ${A.cyan}# ${ctx.stack.testFile(ctx.component, 1)}:${ctx.rng.int(10, 200)}:in \`block (3 levels) in <top (required)>'${A.reset}`, '', `${A.red}${ctx.rng.int(300, 4000)} examples, 1 failure${A.reset}`, '', 'Failed examples:', '', `${A.red}rspec ${ctx.stack.testFile(ctx.component, 1)}:${ctx.rng.int(10, 200)}${A.reset} ${A.cyan}# ${testName(ctx.rng)}${A.reset}`],
	},
	'test:cargo': {
		head: (ctx) => [`   ${A.boldGreen}Compiling${A.reset} ${ctx.component} v0.1.0 (/home/runner/work/app/app/crates/${ctx.component})`, `    ${A.boldGreen}Finished${A.reset} \`test\` profile [unoptimized + debuginfo] target(s) in ${ctx.rng.int(10, 200)}.${ctx.rng.int(10, 99)}s`, `     ${A.boldGreen}Running${A.reset} unittests src/lib.rs (target/debug/deps/${ctx.component}-${ctx.rng.hex(16)})`, '', `running ${ctx.rng.int(20, 400)} tests`],
		unit: (ctx, i) => [`test ${ctx.stack.testFile(ctx.component, i)}::${snake(testName(ctx.rng))} ... ${A.green}ok${A.reset}`],
		ok: (ctx) => ['', `test result: ${A.green}ok${A.reset}. ${ctx.rng.int(20, 400)} passed; 0 failed; ${ctx.rng.int(0, 5)} ignored; 0 measured; 0 filtered out; finished in ${ctx.rng.int(1, 30)}.${ctx.rng.int(10, 99)}s`],
		failed: (ctx) => ['', 'failures:', '', `---- ${ctx.component}::codec::tests::${snake(testName(ctx.rng))} stdout ----`, `thread '${ctx.component}::codec::tests' panicked at crates/${ctx.component}/src/codec.rs:${ctx.rng.int(10, 400)}:9:`, 'assertion `left == right` failed', '  left: 500', ' right: 201', '', `test result: ${A.red}FAILED${A.reset}. ${ctx.rng.int(20, 400)} passed; 1 failed; 0 ignored`, '', `${A.boldRed}error${A.reset}: test failed, to rerun pass \`-p ${ctx.component} --lib\``],
	},
	lint: {
		head: () => [],
		unit: (ctx, i) => {
			const file = ctx.stack.sourceFile(ctx.component, i);
			const line = ctx.rng.int(1, 800);
			const col = ctx.rng.int(1, 80);
			const msg = ctx.rng.pick([
				['warning', 'Unexpected console statement', 'no-console'],
				['warning', "'err' is defined but never used", '@typescript-eslint/no-unused-vars'],
				['warning', 'Line too long (104 > 100 characters)', 'E501'],
				['warning', 'Missing return type on function', 'explicit-function-return-type'],
				['warning', 'ineffectual assignment to err', 'ineffassign'],
				['warning', 'Prefer `const` over `let`', 'prefer-const'],
			]);
			if (i % 6 === 0) return [`${A.dim}Checking ${file}...${A.reset}`];
			return [`${A.bold}${file}${A.reset}:${line}:${col}: ${A.yellow}${msg[0]}${A.reset}: ${msg[1]} ${A.dim}(${msg[2]})${A.reset}`];
		},
		ok: (ctx) => ['', `${A.yellow}✖ ${ctx.rng.int(1, 40)} problems (0 errors, ${ctx.rng.int(1, 40)} warnings)${A.reset}`, `${A.green}✔ No lint errors${A.reset}`],
		failed: (ctx) => [`${A.bold}${ctx.stack.sourceFile(ctx.component, 2)}${A.reset}:${ctx.rng.int(1, 300)}:${ctx.rng.int(1, 60)}: ${A.red}error${A.reset}: 'user' is possibly 'undefined' ${A.dim}(TS18048)${A.reset}`, '', `${A.red}✖ 1 problem (1 error, 0 warnings)${A.reset}`],
	},
	build: {
		head: (ctx) => [`${A.cyan}vite v5.4.8 ${A.green}building for production...${A.reset}`.replace('vite v5.4.8', ctx.stack.id === 'node' ? 'vite v5.4.8' : `${ctx.stack.id} build`)],
		unit: (ctx, i) => {
			const { rng } = ctx;
			if (ctx.stack.id === 'java') return [`> Task :${ctx.component}:${rng.pick(['compileJava', 'processResources', 'classes', 'bootJarMainClassName', 'bootJar', 'jar'])}${rng.chance(0.4) ? ' UP-TO-DATE' : ''}`];
			if (ctx.stack.id === 'rust') return [`   ${A.boldGreen}Compiling${A.reset} ${rng.pick(PACKAGES.rust)} v${version(rng)}`];
			if (i % 11 === 5) return [progressLine(ctx, 'transforming')];
			return [`${A.dim}dist/${ctx.component}/assets/${A.reset}${A.cyan}${rng.pick(['index', 'vendor', 'chunk', 'route'])}-${rng.hex(8)}.js${A.reset}  ${A.bold}${A.dim}${rng.int(1, 900)}.${rng.int(10, 99)} kB${A.reset}${A.dim} │ gzip: ${rng.int(1, 300)}.${rng.int(10, 99)} kB${A.reset}`];
		},
		ok: (ctx) => [`${A.green}✓ built in ${ctx.rng.int(2, 90)}.${ctx.rng.int(10, 99)}s${A.reset}`],
		failed: (ctx) => [`${A.red}error during build:${A.reset}`, `${A.red}[vite]: Rollup failed to resolve import "@example/${ctx.component}-sdk" from "src/${ctx.component}/client.ts".${A.reset}`, 'This is most likely unintended because it can break your application at runtime.'],
	},
	'docker-build': {
		head: () => ['#0 building with "default" instance using docker driver', '', '#1 [internal] load build definition from Dockerfile', '#1 transferring dockerfile: 1.24kB done', '#1 DONE 0.0s'],
		unit: (ctx, i) => {
			const { rng } = ctx;
			const n = i + 2;
			if (i % 4 === 0) return [`#${n} [${(i % 8) + 1}/8] RUN ${rng.pick(['apt-get update && apt-get install -y --no-install-recommends ca-certificates curl', 'npm ci --omit=dev', 'pip install --no-cache-dir -r requirements.txt', 'go build -o /out/app ./cmd/app'])}`];
			if (i % 4 === 1) return [`#${n - 1} ${rng.int(0, 60)}.${rng.int(100, 999)} Get:${rng.int(1, 40)} http://deb.debian.org/debian bookworm/main amd64 ${rng.pick(['libssl3', 'curl', 'ca-certificates', 'libpq5', 'tzdata'])} amd64 ${version(rng)} [${rng.int(10, 900)} kB]`];
			if (i % 4 === 2) return [`#${n - 2} sha256:${rng.hex(64)} ${rng.int(1, 90)}.${rng.int(0, 9)}MB / ${rng.int(90, 200)}.${rng.int(0, 9)}MB ${rng.int(1, 9)}.${rng.int(0, 9)}s`];
			return [`#${n - 3} DONE ${rng.int(0, 90)}.${rng.int(0, 9)}s`];
		},
		ok: (ctx) => ['#20 exporting to image', '#20 exporting layers', `#20 writing image sha256:${ctx.rng.hex(64)} done`, `#20 naming to registry.example.com/${ctx.component}:latest done`, '#20 DONE 3.1s'],
		failed: () => ['#14 ERROR: process "/bin/sh -c npm ci --omit=dev" did not complete successfully: exit code: 1', '------', ' > [6/8] RUN npm ci --omit=dev:', '------', 'Dockerfile:18', 'ERROR: failed to solve: process "/bin/sh -c npm ci --omit=dev" did not complete successfully: exit code: 1'],
	},
	'docker-push': {
		head: (ctx) => [`The push refers to repository [123456789012.dkr.ecr.eu-west-1.amazonaws.com/${ctx.component}]`],
		unit: (ctx, i) => {
			const layer = ctx.rng.hex(12);
			if (i % 3 === 0) return [`${layer}: Preparing`];
			if (i % 3 === 1) return [progressLine(ctx, `${layer}: Pushing `)];
			return [`${layer}: ${ctx.rng.pick(['Pushed', 'Layer already exists', 'Mounted from library/node'])}`];
		},
		ok: (ctx) => [`${ctx.rng.hex(7)}: digest: sha256:${ctx.rng.hex(64)} size: ${ctx.rng.int(1000, 4000)}`],
		failed: () => ['denied: Your authorization token has expired. Reauthenticate and try again.'],
	},
	deploy: {
		head: (ctx) => [`Release "${ctx.component}" has been upgraded. Happy Helming!`, `NAME: ${ctx.component}`, `LAST DEPLOYED: ${new Date(ctx.baseMs).toUTCString()}`, `NAMESPACE: ${ctx.component}`, 'STATUS: deployed', `REVISION: ${ctx.rng.int(2, 400)}`],
		unit: (ctx, i) => {
			const { rng } = ctx;
			if (i % 3 === 0) return [`Waiting for deployment "${ctx.component}" rollout to finish: ${rng.int(0, 2)} of 3 updated replicas are available...`];
			if (i % 3 === 1) return [`${new Date(ctx.baseMs + ctx.clock() * 1000).toISOString()} ${A.cyan}ready.go:${rng.int(100, 400)}${A.reset}: [debug] Deployment is not ready: ${ctx.component}/${ctx.component}-${rng.hex(10)}. ${rng.int(0, 2)} out of 3 expected pods are ready`];
			return [`pod/${ctx.component}-${rng.hex(10)}-${rng.hex(5)} ${rng.pick(['Pulling image', 'Created container app', 'Started container app', 'Readiness probe succeeded'])}`];
		},
		ok: (ctx) => [`deployment "${ctx.component}" successfully rolled out`],
		failed: (ctx) => [`Error: UPGRADE FAILED: release ${ctx.component} failed, and has been rolled back due to atomic being set: context deadline exceeded`],
	},
	terraform: {
		head: () => [`${A.bold}Initializing the backend...${A.reset}`, `${A.bold}Initializing provider plugins...${A.reset}`, '- Reusing previous version of hashicorp/aws from the dependency lock file', `${A.boldGreen}Terraform has been successfully initialized!${A.reset}`],
		unit: (ctx, i) => {
			const { rng } = ctx;
			const res = `${rng.pick(['aws_s3_bucket', 'aws_iam_role', 'aws_security_group', 'aws_db_instance', 'aws_lambda_function', 'aws_cloudwatch_log_group'])}.${snake(rng.pick(OBJECTS))}`;
			if (i % 4 === 3) return [`  ${A.yellow}~${A.reset} resource "${res.split('.')[0]}" "${res.split('.')[1]}" {`, `      ${A.yellow}~${A.reset} tags = {`, `          ${A.green}+${A.reset} "commit" = "${rng.hex(40)}"`, '        }', '    }'];
			return [`${A.bold}${res}: Refreshing state... [id=${rng.hex(17)}]${A.reset}`];
		},
		ok: (ctx) => ['', `${A.bold}Plan:${A.reset} ${ctx.rng.int(0, 9)} to add, ${ctx.rng.int(0, 9)} to change, 0 to destroy.`],
		failed: () => ['', `${A.red}╷${A.reset}`, `${A.red}│${A.reset} ${A.boldRed}Error: ${A.reset}${A.bold}error acquiring the state lock${A.reset}`, `${A.red}╵${A.reset}`],
	},
	shell: {
		head: () => [],
		unit: (ctx, i) => {
			const { rng } = ctx;
			const ts = new Date(ctx.baseMs + ctx.clock() * 1000).toISOString();
			if (i % 10 === 7) return [`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current`, progressLine(ctx, '  ')];
			return [`${ts} ${rng.pick([`${A.green}INFO${A.reset}`, `${A.green}INFO${A.reset}`, `${A.green}INFO${A.reset}`, `${A.yellow}WARN${A.reset}`, `${A.blue}DEBUG${A.reset}`])} ${ctx.component} ${rng.pick(['checked', 'synced', 'waiting for', 'connected to', 'loaded', 'wrote'])} ${rng.pick(OBJECTS)} (${rng.int(1, 900)}ms)`];
		},
		ok: () => [],
		failed: () => [`${A.red}curl: (22) The requested URL returned error: 503${A.reset}`],
	},
	e2e: {
		head: (ctx) => ['', `Running ${ctx.rng.int(40, 400)} tests using 2 workers`, ''],
		unit: (ctx, i) => [`  ${A.green}✓${A.reset}  ${i + 1} ${A.dim}[chromium] › ${A.reset}${rng2(ctx)}.spec.ts:${ctx.rng.int(5, 200)}:${ctx.rng.int(3, 9)} › ${testName(ctx.rng)} ${A.dim}(${ctx.rng.int(1, 20)}.${ctx.rng.int(0, 9)}s)${A.reset}`],
		ok: (ctx) => ['', `  ${A.green}${ctx.rng.int(40, 400)} passed${A.reset}${A.dim} (${ctx.rng.int(1, 9)}.${ctx.rng.int(0, 9)}m)${A.reset}`],
		failed: (ctx) => [`  ${A.red}✘${A.reset}  ${A.dim}[chromium] › ${A.reset}checkout.spec.ts:41:5 › pays with a saved card ${A.dim}(30.0s)${A.reset}`, '', `    ${A.red}Error: Timed out 5000ms waiting for expect(locator).toBeVisible()${A.reset}`, '', `    Locator: getByRole('heading', { name: 'Order confirmed' })`, '', `  ${A.red}1 failed${A.reset}`, `  ${A.green}${ctx.rng.int(40, 400)} passed${A.reset}`],
	},
	coverage: {
		head: () => ['-----------------------|---------|----------|---------|---------|-------------------', 'File                   | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s', '-----------------------|---------|----------|---------|---------|-------------------'],
		unit: (ctx, i) => {
			const p = () => `${ctx.rng.int(40, 100)}.${ctx.rng.int(10, 99)}`.padStart(7);
			return [` ${ctx.stack.sourceFile(ctx.component, i).slice(-21).padEnd(21)} | ${p()} | ${p()}  | ${p()} | ${p()} | ${ctx.rng.int(1, 400)}-${ctx.rng.int(401, 900)}`];
		},
		ok: () => ['-----------------------|---------|----------|---------|---------|-------------------', '[info] Uploading to Codecov...', '[info] Upload complete'],
		failed: () => [`${A.red}ERROR: Coverage for lines (71.2%) does not meet global threshold (80%)${A.reset}`],
	},
	audit: {
		head: () => ['Report Summary', '', '┌──────────────────────┬──────────┬─────────────────┬─────────┐', '│        Target        │   Type   │ Vulnerabilities │ Secrets │', '├──────────────────────┼──────────┼─────────────────┼─────────┤'],
		unit: (ctx) => [`│ ${ctx.rng.pick(['package-lock.json', 'requirements.txt', 'go.sum', 'Gemfile.lock', 'Cargo.lock', 'gradle.lockfile']).padEnd(20)} │ ${ctx.rng.pick(['npm', 'pip', 'gomod', 'bundler', 'cargo', 'gradle']).padEnd(8)} │ ${String(ctx.rng.int(0, 3)).padStart(15)} │ ${'-'.padStart(7)} │`],
		ok: () => ['└──────────────────────┴──────────┴─────────────────┴─────────┘', 'Legend:', "- '-': Not scanned", "- '0': Clean (no security findings detected)"],
		failed: () => [`${A.red}CRITICAL: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1)${A.reset}`, '│ jsonwebtoken │ CVE-2022-23529 │ CRITICAL │ fixed  │ 8.5.1 │ 9.0.0 │ jsonwebtoken: unrestricted key type could lead to legacy keys usage │'],
	},
};

function rng2(ctx: LogContext): string {
	return ctx.rng.pick(['checkout', 'search', 'account', 'cart', 'admin', 'login', 'catalog']);
}

function storyFor(kind: StepLogKind, stack: Stack): Story {
	switch (kind) {
		case 'install':
			return STORIES[`install:${stack.id}`]!;
		case 'test':
			return STORIES[`test:${stack.flavour}`]!;
		case 'lint':
		case 'build':
		case 'docker-build':
		case 'docker-push':
		case 'deploy':
		case 'terraform':
		case 'e2e':
		case 'coverage':
		case 'audit':
			return STORIES[kind]!;
		default:
			return STORIES.shell!;
	}
}

/** Exactly `n` lines of `kind` output; a failing step ends with its failure. */
export function bodyLines(kind: StepLogKind, n: number, ctx: LogContext): string[] {
	if (n <= 0) return [];
	const story = storyFor(kind, ctx.stack);
	const head = story.head(ctx);
	const foot = ctx.fail ? story.failed(ctx) : story.ok(ctx);
	if (n <= head.length + foot.length) {
		// Short step: keep the end (what a reader looks for), then as much of the start as fits.
		const tail = foot.slice(Math.max(0, foot.length - n));
		return [...head.slice(0, n - tail.length), ...tail];
	}
	const out = head;
	const target = n - foot.length;
	// Roughly one very long line per 1,500.
	for (let i = 0; out.length < target; i++) {
		if (ctx.rng.chance(1 / 1500)) {
			out.push(longLine(ctx));
			continue;
		}
		for (const line of story.unit(ctx, i)) {
			if (out.length >= target) break;
			out.push(line);
		}
	}
	out.push(...foot);
	return out;
}
