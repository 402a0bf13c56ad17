/**
 * Tools made for CI jobs: the CIs' own agents, waiting for services, coverage and code-quality
 * uploaders, security scanners, linters, task runners, version managers and database clients.
 */
import { code, codeList } from '../text';
import { has, operands, value, values } from './args';
import type { Cmd, CommandPattern } from './types';

function circleci(cmd: Cmd): string {
	const [area = '', action = '', ...rest] = operands(cmd, 0, ['--split-by', '--timings-type', '--index', '--total', '--command', '--verbose', '--org-id', '--token', '--host', '--environment-name', '--component-name', '--target-version', '--namespace', '--status']);
	if (area === 'step' && action === 'halt') return 'ends the job here as a success, skipping its remaining steps';
	if (area === 'tests' && action === 'glob') return `lists the test files matching ${codeList(rest, 3)}`;
	if (area === 'tests' && action === 'split') return `picks this parallel copy’s share of the test files${value(cmd, '--split-by') === 'timings' ? ', balanced by how long each took in earlier runs' : ''}, so the copies run different tests`;
	if (area === 'tests' && action === 'run') return `runs ${code(value(cmd, '--command') ?? '?', 60)} on this parallel copy’s share of the tests${value(cmd, '--split-by') === 'timings' ? ', balanced by earlier timings' : ''}`;
	if (area === 'config' && action === 'validate') return 'checks the CircleCI configuration is valid';
	if (area === 'orb') return `works with CircleCI orbs (${code(action)})`;
	if (area === 'run' && action === 'release') return release(cmd, rest);
	if (area === 'env' && action === 'subst') return 'fills the `$VARIABLES` of a template with their values';
	return `runs the CircleCI CLI command ${code(`${area} ${action}`.trim())}`;
}

/**
 * `circleci run release plan NAME --environment-name=… --component-name=… --target-version=…`:
 * announces a release to CircleCI's deploy tracking, which a `type: release` job with
 * `plan_name: NAME` then follows; `update` and `log` report on a release.
 */
function release(cmd: Cmd, [subcommand = '', name]: string[]): string {
	const parts = [
		value(cmd, '--component-name') && `of ${code(value(cmd, '--component-name')!)}`,
		value(cmd, '--target-version') && `version ${code(value(cmd, '--target-version')!)}`,
		value(cmd, '--environment-name') && `to ${code(value(cmd, '--environment-name')!)}`,
	].filter(Boolean);
	const what = parts.length > 0 ? ` ${parts.join(' ')}` : '';
	if (subcommand === 'plan') return `plans a release${what} in CircleCI’s deploys${name ? `, named ${code(name)}: a release job with \`plan_name: ${name}\` follows it until it completes` : ''}`;
	if (subcommand === 'update') return `tells CircleCI’s deploys how the release${name ? ` ${code(name)}` : ''} is going${value(cmd, '--status') ? ` (${code(value(cmd, '--status')!)})` : ''}`;
	if (subcommand === 'log') return `records a release${what} in CircleCI’s deploys`;
	return `tells CircleCI’s deploys about a release (${code(subcommand || '?')})`;
}

/** `dockerize -wait tcp://db:5432 -timeout 1m`: which services the job waits for. */
function waitFor(cmd: Cmd): string {
	const targets = [...values(cmd, '-wait', '--wait'), ...operands(cmd, 0, ['-wait', '--wait', '-timeout', '--timeout', '-t', '-h', '--host', '-p', '--port', '-template', '-delay', '-interval']).filter((a) => /[:/]/.test(a))];
	const timeout = value(cmd, '-timeout', '--timeout', '-t');
	return `waits until ${codeList(targets) || 'the services'} accept${targets.length === 1 ? 's' : ''} connections${timeout ? ` (giving up after ${timeout})` : ''}, so the next steps do not start before the database or service is up`;
}

const SCANNERS: Record<string, string> = {
	semgrep: 'scans the code for insecure or buggy patterns with Semgrep',
	gitleaks: 'looks for passwords and keys committed to the repository',
	trufflehog: 'looks for passwords and keys committed to the repository',
	shellcheck: 'checks the shell scripts for common mistakes',
	shfmt: 'checks or reformats the shell scripts',
	actionlint: 'checks the GitHub Actions workflow files for mistakes',
	yamllint: 'checks the YAML files for syntax and style problems',
	'editorconfig-checker': 'checks the files follow the `.editorconfig` rules',
	ec: 'checks the files follow the `.editorconfig` rules',
	typos: 'checks the source for common misspellings',
	cspell: 'checks the spelling of code and docs',
	vale: 'checks the prose of the docs against a style guide',
	lychee: 'checks the links in the docs still work',
	'markdown-link-check': 'checks the links in the Markdown files still work',
	hugo: 'builds the Hugo static site',
	jekyll: 'builds the Jekyll static site',
	mdbook: 'builds the mdBook documentation',
	doxygen: 'generates the API documentation with Doxygen',
	danger: 'runs Danger, which comments on the pull request with automated review checks',
	newman: 'runs the Postman collection of API tests with Newman',
	k6: 'runs the k6 load test',
	lhci: 'runs Lighthouse CI to check the pages’ performance and accessibility',
	lighthouse: 'measures a page’s performance and accessibility with Lighthouse',
	'clang-format': 'checks or reformats the C/C++ code with clang-format',
	'clang-tidy': 'checks the C/C++ code for bugs and style problems with clang-tidy',
	cppcheck: 'looks for bugs in the C/C++ code with cppcheck',
	cpplint: 'checks the C++ code against Google’s style guide',
	valgrind: 'runs a program under Valgrind to find memory errors',
	gcovr: 'writes the C/C++ coverage report',
	lcov: 'collects the C/C++ coverage data',
	'reviewdog': 'posts linter findings as review comments on the pull request',
	'license-finder': 'checks the dependencies’ licences',
	osv: 'checks the dependencies for known vulnerabilities',
	'osv-scanner': 'checks the dependencies for known vulnerabilities',
	'dependency-check': 'checks the dependencies for known vulnerabilities (OWASP)',
	'bats': 'runs the shell-script tests with Bats',
};

function versionManager(cmd: Cmd): string {
	const [verb = '', ...rest] = operands(cmd);
	const name = cmd.program === 'mise' ? 'mise' : cmd.program === 'asdf' ? 'asdf' : cmd.program;
	if (verb === 'install' || verb === 'i') return rest.length ? `installs ${codeList(rest)} with ${name}` : `installs the tool versions pinned in ${cmd.program === 'asdf' ? '`.tool-versions`' : '`mise.toml` / `.tool-versions`'}`;
	if (verb === 'use') return `selects ${codeList(rest)} as the version${rest.length === 1 ? '' : 's'} to use${has(cmd, '-g', '--global') ? ' everywhere' : ''}`;
	if (verb === 'run' || verb === 'r') return `runs the ${name} task ${code(rest.join(' ') || '?', 50)}`;
	if (verb === 'exec' || verb === 'x') return `runs a command with the ${name}-managed tools on \`PATH\``;
	if (verb === 'plugin' || verb === 'plugin-add') return `adds the ${name} plugin ${code(rest[1] ?? rest[0] ?? '?')}`;
	if (verb === 'activate' || verb === 'env') return `puts the ${name}-managed tools on \`PATH\``;
	if (verb === 'trust') return 'trusts the repository’s mise settings';
	return `runs ${code(`${cmd.program} ${cmd.argText}`, 40)}`;
}

export const CI_TOOL_COMMANDS: CommandPattern[] = [
	{ topic: 'command:circleci', program: 'circleci', explain: circleci, reference: 'https://circleci.com/docs/guides/toolkit/local-cli/' },
	{ topic: 'command:circleci-agent', program: 'circleci-agent', explain: circleci, reference: 'https://circleci.com/docs/reference/configuration-reference/#ending-a-job-from-within-a-step' },
	{ topic: 'command:dockerize', program: ['dockerize', 'wait-for-it', 'wait-for-it.sh', 'wait-for', 'wait-for.sh', 'wait4x'], explain: waitFor },
	{ topic: 'command:pg_isready', program: 'pg_isready', level: 'minor', explain: () => 'checks whether the Postgres server accepts connections' },
	{ topic: 'command:psql', program: ['psql', 'mysql', 'mariadb', 'sqlcmd', 'mongosh', 'mongo', 'redis-cli', 'sqlite3', 'clickhouse-client', 'cqlsh'], explain: (cmd) => `runs ${has(cmd, '-f', '--file') ? `the SQL file ${code(value(cmd, '-f', '--file')!)}` : has(cmd, '-c', '-e', '--command', '--execute', '--eval') ? code(value(cmd, '-c', '-e', '--command', '--execute', '--eval') ?? '?', 60) : 'commands'} against the ${{ psql: 'Postgres', mysql: 'MySQL', mariadb: 'MariaDB', sqlcmd: 'SQL Server', mongosh: 'MongoDB', mongo: 'MongoDB', 'redis-cli': 'Redis', sqlite3: 'SQLite', 'clickhouse-client': 'ClickHouse', cqlsh: 'Cassandra' }[cmd.program]} database` },
	{ topic: 'command:createdb', program: ['createdb', 'dropdb', 'createuser', 'pg_dump', 'pg_restore', 'mysqladmin'], explain: (cmd) => ({ createdb: `creates the Postgres database ${code(operands(cmd, 0, ['-U', '-h', '-p', '-O'])[0] ?? '?')}`, dropdb: 'deletes a Postgres database', createuser: 'creates a Postgres user', pg_dump: 'exports the Postgres database', pg_restore: 'restores a Postgres dump', mysqladmin: 'administers the MySQL server' } as Record<string, string>)[cmd.program]! },
	{
		topic: 'command:codecov',
		program: ['codecov', 'codecovcli', 'codecov-cli'],
		explain: (cmd) => `uploads the coverage report${values(cmd, '-f', '--file').length ? ` ${codeList(values(cmd, '-f', '--file'))}` : 's'} to Codecov${values(cmd, '-F', '--flag', '--flags').length ? `, flagged ${codeList(values(cmd, '-F', '--flag', '--flags'))}` : ''}`,
		reference: 'https://docs.codecov.com/docs/the-codecov-cli',
	},
	{ topic: 'command:sdkmanager', program: ['sdkmanager', 'avdmanager'], explain: (cmd) => (cmd.program === 'avdmanager' ? 'creates or manages Android emulator images' : `installs Android SDK packages${operands(cmd).length ? ` (${codeList(operands(cmd), 3)})` : ''}`) },
	{ topic: 'command:pandoc', program: 'pandoc', explain: (cmd) => (has(cmd, '-v', '--version') ? 'prints the pandoc version' : 'converts documents between formats with pandoc') },
	{ topic: 'command:reuse', program: 'reuse', explain: () => 'checks that every file states its licence and copyright (the REUSE specification)' },
	{ topic: 'command:xcode-select', program: 'xcode-select', level: 'minor', explain: (cmd) => (has(cmd, '-s', '--switch') ? `selects the Xcode at ${code(value(cmd, '-s', '--switch') ?? '?')} for the following commands` : 'prints or changes which Xcode is used') },
	{ topic: 'command:swiftlint', program: ['swiftlint', 'swiftformat'], explain: (cmd) => (cmd.args[0] === 'version' || has(cmd, '--version') ? `prints the ${cmd.program} version` : `checks the Swift code with ${cmd.program}`) },
	{ topic: 'command:snyk', program: 'snyk', explain: (cmd) => (cmd.args[0] === 'monitor' ? 'records the dependencies in Snyk so it alerts on new vulnerabilities' : cmd.args[0] === 'code' ? 'scans the code for security problems with Snyk' : cmd.args[0] === 'container' ? 'scans the container image for known vulnerabilities with Snyk' : cmd.args[0] === 'iac' ? 'scans the infrastructure code for insecure settings with Snyk' : 'checks the dependencies for known vulnerabilities with Snyk') },
	...Object.entries(SCANNERS).map(([program, phrase]): CommandPattern => ({ topic: `command:${program}`, program, explain: () => phrase })),
	{ topic: 'command:mise', program: ['mise', 'asdf', 'rtx', 'proto'], level: 'minor', explain: versionManager, reference: 'https://mise.jdx.dev/cli/' },
	{ topic: 'command:just', program: ['just', 'task', 'earthly', 'invoke', 'inv', 'doit', 'cake', 'nuke', 'mage', 'xc'], explain: (cmd) => `runs the ${{ just: 'just recipe', task: 'Taskfile task', earthly: 'Earthly target', invoke: 'invoke task', inv: 'invoke task', doit: 'doit task', cake: 'Cake task', nuke: 'NUKE target', mage: 'Mage target', xc: 'xc task' }[cmd.program]} ${codeList(operands(cmd, 0, ['-f', '--justfile', '-d', '--dir', '-t', '--taskfile'])) || '(the default)'} — defined in the repository` },
	{ topic: 'command:dagger', program: 'dagger', explain: (cmd) => `runs the Dagger pipeline ${code(operands(cmd).join(' ') || '?', 50)}` },
	{ topic: 'command:nix', program: ['nix', 'nix-shell', 'nix-build', 'devbox'], explain: (cmd) => (cmd.program === 'nix-shell' ? `runs ${value(cmd, '--run', '--command') ? code(value(cmd, '--run', '--command')!, 50) : 'a shell'} with the tools of the Nix shell` : cmd.program === 'devbox' ? 'runs a command with the tools pinned in `devbox.json`' : `${cmd.args[0] === 'build' ? 'builds' : cmd.args[0] === 'develop' ? 'enters the development shell of' : cmd.args[0] === 'flake' ? 'checks' : 'runs'} the Nix ${cmd.args[0] === 'flake' ? 'flake' : 'derivation'}${operands(cmd, 1)[0] ? ` ${code(operands(cmd, 1)[0]!)}` : ''}`) },
	{ topic: 'command:direnv', program: 'direnv', level: 'minor', explain: () => 'loads the environment variables of `.envrc`' },
	{ topic: 'command:Xvfb', program: ['Xvfb', 'xvfb'], level: 'minor', explain: (cmd) => `starts a virtual X display ${code(operands(cmd)[0] ?? '')} for browsers and GUI tests` },
	{ topic: 'command:browser-version', program: ['google-chrome', 'chromium', 'chromium-browser', 'firefox', 'chromedriver', 'geckodriver'], level: 'minor', explain: (cmd) => (has(cmd, '--version', '-version') ? `prints the ${cmd.program} version` : `starts ${cmd.program}`) },
	{ topic: 'command:buildkite-agent', program: 'buildkite-agent', explain: (cmd) => `runs the Buildkite agent command ${code(operands(cmd).slice(0, 2).join(' '))}` },
];
