/** Node.js and its package managers (npm, yarn, pnpm, bun) and the JavaScript tools run through them. */
import { code, codeList } from '../text';
import { afterDashes, has, operands, value } from './args';
import type { Cmd, CommandPattern } from './types';

const NPM = 'https://docs.npmjs.com/cli/commands/';

/** Flags of npm/yarn/pnpm that change which dependencies get installed. */
function installNotes(cmd: Cmd): string {
	const notes: string[] = [];
	if (has(cmd, '--omit=dev', '--production', '--prod', '-P', '--only=production')) notes.push('without devDependencies');
	if (has(cmd, '--legacy-peer-deps')) notes.push('ignoring peer-dependency conflicts');
	if (has(cmd, '--ignore-scripts')) notes.push('without running packages’ install scripts');
	if (has(cmd, '--prefer-offline')) notes.push('using the local download cache when it can');
	const workspace = value(cmd, '--workspace', '-w', '--filter', '-F');
	if (workspace) notes.push(`for ${code(workspace)} only`);
	return notes.length ? ` (${notes.join(', ')})` : '';
}

function where(cmd: Cmd): string {
	const prefix = value(cmd, '--prefix', '-C', '--dir', '--cwd');
	return prefix ? ` in ${code(prefix)}` : '';
}

/** `npm run build`, `yarn build`, `pnpm run lint`: a script of package.json. */
function script(name: string, cmd: Cmd, extra: readonly string[] = []): string {
	const known: Record<string, string> = {
		test: 'the tests', build: 'the build', lint: 'the linter', start: 'the app', dev: 'the development server',
		format: 'the formatter', typecheck: 'the type checker', 'type-check': 'the type checker', e2e: 'the end-to-end tests', coverage: 'the tests with coverage',
	};
	const what = known[name] ?? known[name.split(':')[0]!];
	const passed = extra.length ? `, passing ${code(extra.join(' '), 40)}` : '';
	const workspace = value(cmd, '--workspace', '-w', '--filter', '-F');
	const scope = workspace ? ` of ${code(workspace)}` : has(cmd, '-r', '--recursive', '--workspaces', '-ws') ? ' of every workspace package' : '';
	return `runs the ${code(name)} script${scope} from \`package.json\`${what ? ` (usually ${what})` : ''}${passed}${where(cmd)}`;
}

/** Tools commonly run with npx / from node_modules/.bin, in a few words each. */
const NODE_TOOLS: Record<string, string> = {
	jest: 'runs the tests with Jest',
	vitest: 'runs the tests with Vitest',
	mocha: 'runs the tests with Mocha',
	ava: 'runs the tests with AVA',
	karma: 'runs the browser tests with Karma',
	eslint: 'checks the code for problems with ESLint',
	prettier: 'checks or rewrites code formatting with Prettier',
	tsc: 'type-checks (and compiles) the TypeScript code',
	'vue-tsc': 'type-checks the Vue and TypeScript code',
	webpack: 'bundles the front-end code with webpack',
	vite: 'builds or serves the front end with Vite',
	rollup: 'bundles the code with Rollup',
	esbuild: 'bundles the code with esbuild',
	next: 'builds or runs the Next.js app',
	ng: 'runs an Angular CLI command',
	nx: 'runs tasks of the Nx monorepo',
	turbo: 'runs tasks of the Turborepo monorepo, skipping those whose inputs did not change',
	lerna: 'runs a command across the packages of the Lerna monorepo',
	'semantic-release': 'works out the next version from the commit messages, then tags, publishes and writes release notes',
	changeset: 'versions or publishes packages from the changeset files',
	stylelint: 'checks the stylesheets with Stylelint',
	'markdownlint-cli2': 'checks the Markdown files for style problems',
	markdownlint: 'checks the Markdown files for style problems',
	commitlint: 'checks that commit messages follow the agreed format',
	storybook: 'builds or runs Storybook',
	'start-server-and-test': 'starts the app, waits for it to answer, runs the tests, then stops it',
	'wait-on': 'waits until a URL, port or file is available',
	concurrently: 'runs several commands at once',
	'npm-run-all': 'runs several package.json scripts',
	serve: 'serves a folder over HTTP',
	'http-server': 'serves a folder over HTTP',
	nyc: 'measures test coverage with nyc',
	c8: 'measures test coverage with c8',
	codecov: 'uploads the coverage report to Codecov',
	'print-env': 'prints the environment variables (a debugging helper)',
	firebase: 'runs the Firebase CLI',
	netlify: 'runs the Netlify CLI',
	vercel: 'runs the Vercel CLI',
	serverless: 'runs the Serverless Framework CLI',
	sls: 'runs the Serverless Framework CLI',
	cdk: 'runs the AWS CDK CLI',
	'ts-node': 'runs a TypeScript file directly',
	tsx: 'runs a TypeScript file directly',
	electron: 'runs the Electron app',
	'electron-builder': 'packages the Electron app for distribution',
	expo: 'runs the Expo (React Native) CLI',
	'react-native': 'runs the React Native CLI',
	'gh-pages': 'publishes a folder to the `gh-pages` branch, which GitHub Pages serves',
	'license-checker': 'lists the licences of the dependencies',
	'audit-ci': 'fails on dependencies with known vulnerabilities',
	knip: 'finds unused files, exports and dependencies',
	depcheck: 'finds unused dependencies',
	biome: 'checks formatting and lint rules with Biome',
	oxlint: 'checks the code with oxlint',
	astro: 'builds or checks the Astro site',
	'@astrojs/check': 'type-checks the Astro site',
};

function isNodeTool(name: string): boolean {
	return name === 'cypress' || name === 'playwright' || NODE_TOOLS[name] !== undefined;
}

/** `npx cypress run`, `pnpm exec playwright test`, `node_modules/.bin/jest`: a tool of the project. */
export function nodeTool(tool: string, args: readonly string[], via: string): string {
	const name = tool.replace(/@[^/]*$/, '').replace(/^@[^/]+\//, '');
	if (name === 'cypress') {
		const verbs: Record<string, string> = {
			install: 'downloads the Cypress test-runner binary',
			verify: 'checks that the Cypress binary is installed and can start',
			cache: 'inspects or clears the folder where Cypress keeps its binary',
			info: 'prints the browsers and settings Cypress finds',
			version: 'prints the Cypress version',
			open: 'opens Cypress interactively',
		};
		if (args[0] && verbs[args[0]]) return verbs[args[0]]!;
		return `runs the Cypress end-to-end tests${args.includes('--record') ? ', recording them to Cypress Cloud' : ''}${args.includes('--parallel') ? ', split across parallel machines' : ''}`;
	}
	if (name === 'playwright') {
		if (args[0] === 'install') return `downloads the browsers Playwright drives${args.includes('--with-deps') ? ', with the system libraries they need' : ''}`;
		return 'runs the Playwright end-to-end tests';
	}
	const known = NODE_TOOLS[name];
	if (known) return known;
	return `runs the ${code(name)} command-line tool ${via}`;
}

export const JAVASCRIPT_COMMANDS: CommandPattern[] = [
	{
		topic: 'command:npm ci',
		program: 'npm',
		args: /^(\S+ )*(ci|clean-install|install-clean|ic)\b/,
		explain: (cmd) => `installs exactly the dependency versions locked in \`package-lock.json\`, after deleting any existing \`node_modules\`${installNotes(cmd)}${where(cmd)}`,
		reference: `${NPM}npm-ci`,
	},
	{
		topic: 'command:npm install',
		program: 'npm',
		args: /^(-\S+ )*(install|i|add|isntall)\b/,
		explain(cmd) {
			const packages = operands(cmd, 1, ['--prefix', '-w', '--workspace']);
			if (has(cmd, '-g', '--global')) return `installs ${codeList(packages)} globally, as command-line tools`;
			if (packages.length) return `installs the npm package${packages.length === 1 ? '' : 's'} ${codeList(packages)}${installNotes(cmd)}`;
			return `installs the dependencies listed in \`package.json\`, updating \`package-lock.json\` if they disagree (unlike \`npm ci\`)${installNotes(cmd)}${where(cmd)}`;
		},
		risks: (cmd) => (has(cmd, '--unsafe-perm') ? ['`--unsafe-perm` lets packages’ install scripts run as root.'] : []),
		reference: `${NPM}npm-install`,
	},
	{ topic: 'command:npm test', program: 'npm', args: /^(-\S+ )*(test|t|tst)\b/, explain: (cmd) => script('test', cmd, afterDashes(cmd)), reference: `${NPM}npm-test` },
	{ topic: 'command:npm start', program: 'npm', args: /^(-\S+ )*start\b/, explain: (cmd) => script('start', cmd), reference: `${NPM}npm-start` },
	{
		topic: 'command:npm run',
		program: 'npm',
		args: /^(-\S+ )*(run|run-script|rum|urn)\b/,
		explain: (cmd) => {
			const name = operands(cmd, 1, ['--prefix', '-w', '--workspace'])[0];
			return name ? script(name, cmd, afterDashes(cmd)) : 'lists the scripts defined in `package.json`';
		},
		reference: `${NPM}npm-run-script`,
	},
	{
		topic: 'command:npm publish',
		program: 'npm',
		args: /^(-\S+ )*publish\b/,
		explain: (cmd) => `publishes the package to the npm registry${has(cmd, '--dry-run') ? ' (dry run: nothing is uploaded)' : ''}${value(cmd, '--tag') ? ` under the ${code(value(cmd, '--tag')!)} tag` : ''}${has(cmd, '--provenance') ? ', with a provenance statement linking it to this build' : ''}`,
		reference: `${NPM}npm-publish`,
	},
	{ topic: 'command:npm audit', program: 'npm', args: /^(-\S+ )*audit\b/, explain: (cmd) => (cmd.args.includes('fix') ? 'upgrades dependencies with known vulnerabilities' : `checks the dependencies for known vulnerabilities${value(cmd, '--audit-level') ? `, failing at ${code(value(cmd, '--audit-level')!)} severity or above` : ''}`), reference: `${NPM}npm-audit` },
	{ topic: 'command:npm pack', program: 'npm', args: /^(-\S+ )*pack\b/, explain: () => 'packs the package into the `.tgz` file that `npm publish` would upload', reference: `${NPM}npm-pack` },
	{ topic: 'command:npm version', program: 'npm', args: /^(-\S+ )*version\b/, explain: (cmd) => (operands(cmd, 1)[0] ? `bumps the package version (${code(operands(cmd, 1)[0]!)}) in \`package.json\`` : 'prints the versions of npm, Node and the package') },
	{ topic: 'command:npm pkg', program: 'npm', args: /^(-\S+ )*pkg\b/, level: 'minor', explain: (cmd) => (cmd.args.includes('set') ? `changes ${codeList(operands(cmd, 2).map((a) => a.split('=')[0]!))} in \`package.json\`` : 'reads fields of `package.json`') },
	{ topic: 'command:npm config', program: 'npm', args: /^(-\S+ )*(config|set)\b/, level: 'minor', explain: (cmd) => `changes npm’s settings (${code(operands(cmd, 1).join(' '), 50)})` },
	{ topic: 'command:npm exec', program: 'npm', args: /^(-\S+ )*(exec|x)\b/, explain: (cmd) => { const [tool, ...rest] = afterDashes(cmd).length ? afterDashes(cmd) : operands(cmd, 1); return tool ? nodeTool(tool, rest, 'from the project’s dependencies') : 'runs a package’s command'; } },
	{ topic: 'command:npm cache', program: 'npm', args: /^(-\S+ )*cache\b/, level: 'minor', explain: (cmd) => (cmd.args.includes('clean') ? 'empties npm’s download cache' : 'inspects npm’s download cache') },
	{ topic: 'command:npm', program: 'npm', args: /^(-v|--version|-version|version|ls|list|doctor|whoami|ping|outdated|view|info|prune|dedupe|rebuild|link|update|upgrade|uninstall|rm)\b/, level: 'minor', explain: (cmd) => {
		const verb = cmd.args[0] ?? '';
		if (/^(-v|--version|-version)$/.test(verb)) return 'prints the npm version';
		if (/^(update|upgrade)$/.test(verb)) return 'updates dependencies within the ranges of `package.json`';
		if (/^(uninstall|rm)$/.test(verb)) return `removes ${codeList(operands(cmd, 1))} from the dependencies`;
		if (verb === 'rebuild') return 'recompiles the native add-ons of installed packages';
		if (verb === 'prune') return 'removes packages that are not dependencies any more';
		return `runs ${code(`npm ${verb}`)}, for information`;
	} },
	{
		topic: 'command:npx',
		program: ['npx', 'bunx', 'pnpx'],
		explain(cmd) {
			const [tool, ...rest] = operands(cmd, 0, ['-p', '--package']);
			return tool ? nodeTool(tool, rest, 'from the project’s dependencies (npx downloads it first when it is not installed)') : 'runs a package’s command';
		},
		reference: `${NPM}npx`,
	},
	// --- yarn -----------------------------------------------------------------------------------
	{
		topic: 'command:yarn install',
		program: 'yarn',
		args: /^((-\S+ )*install\b|(--\S+ ?)*$)/,
		explain(cmd) {
			const frozen = has(cmd, '--frozen-lockfile', '--immutable');
			return `installs the dependencies locked in \`yarn.lock\`${frozen ? ', failing instead of updating the lockfile if it is out of date' : ''}${installNotes(cmd)}${where(cmd)}`;
		},
		reference: 'https://yarnpkg.com/cli/install',
	},
	{ topic: 'command:yarn add', program: 'yarn', args: /^(global )?add\b/, explain: (cmd) => `installs ${codeList(operands(cmd, cmd.args[0] === 'global' ? 2 : 1))}${cmd.args[0] === 'global' ? ' globally, as command-line tools' : ' and records them in `package.json`'}` },
	{ topic: 'command:yarn run', program: 'yarn', args: /^(-\S+ )*run\b/, explain: (cmd) => script(operands(cmd, 1, ['--cwd'])[0] ?? '?', cmd, operands(cmd, 2, ['--cwd'])) },
	{ topic: 'command:yarn workspace', program: 'yarn', args: /^workspace\b/, explain: (cmd) => { const [ws, name, ...rest] = operands(cmd, 1); return `in the workspace package ${code(ws ?? '?')}, ${script(name ?? '?', cmd, rest)}`; } },
	{ topic: 'command:yarn workspaces', program: 'yarn', args: /^workspaces\b/, explain: (cmd) => `runs ${code(operands(cmd, 1).slice(1).join(' ') || operands(cmd, 1).join(' '), 50)} in every workspace package` },
	{ topic: 'command:yarn dlx', program: 'yarn', args: /^dlx\b/, explain: (cmd) => nodeTool(operands(cmd, 1)[0] ?? '?', operands(cmd, 2), 'downloaded for this run') },
	{ topic: 'command:yarn exec', program: 'yarn', args: /^exec\b/, explain: (cmd) => nodeTool(operands(cmd, 1)[0] ?? '?', operands(cmd, 2), 'from the project’s dependencies') },
	{ topic: 'command:yarn', program: 'yarn', args: /^(-v|--version|set|config|cache|policies|plugin|why|info|audit|npm|constraints|dedupe)\b/, level: 'minor', explain: (cmd) => (/^(-v|--version)$/.test(cmd.args[0] ?? '') ? 'prints the yarn version' : cmd.args[0] === 'npm' && cmd.args[1] === 'publish' ? 'publishes the package to the npm registry' : cmd.args[0] === 'audit' || (cmd.args[0] === 'npm' && cmd.args[1] === 'audit') ? 'checks the dependencies for known vulnerabilities' : `changes or inspects yarn’s setup (${code(`yarn ${cmd.argText}`, 40)})`) },
	{
		topic: 'command:yarn <script>',
		program: 'yarn',
		explain(cmd) {
			const [name, ...rest] = operands(cmd, 0, ['--cwd']);
			if (name === undefined) return 'installs the dependencies locked in `yarn.lock`';
			// Without a script of that name, yarn runs the package binary: the usual case for tool names.
			if (isNodeTool(name)) return nodeTool(name, rest, 'from the project’s dependencies');
			return script(name, cmd, rest);
		},
		reference: 'https://yarnpkg.com/cli/run',
	},
	// --- pnpm -----------------------------------------------------------------------------------
	{
		topic: 'command:pnpm install',
		program: 'pnpm',
		args: /^(-\S+ (\S+ )?)*(install|i)\b|^(-\S+ ?)*$/,
		explain: (cmd) => `installs the dependencies locked in \`pnpm-lock.yaml\`${has(cmd, '--frozen-lockfile') ? ', failing instead of updating the lockfile if it is out of date' : ''}${installNotes(cmd)}${where(cmd)}`,
		reference: 'https://pnpm.io/cli/install',
	},
	{ topic: 'command:pnpm add', program: 'pnpm', args: /^(-\S+ )*add\b/, explain: (cmd) => `installs ${codeList(operands(cmd, 1))}${has(cmd, '-g', '--global') ? ' globally' : ''}` },
	{ topic: 'command:pnpm exec', program: 'pnpm', args: /^(-\S+ (\S+ )?)*(exec|dlx)\b/, explain: (cmd) => { const i = cmd.args.findIndex((a) => a === 'exec' || a === 'dlx'); const [tool, ...rest] = cmd.args.slice(i + 1); return nodeTool(tool ?? '?', rest, 'from the project’s dependencies'); } },
	{ topic: 'command:pnpm', program: 'pnpm', args: /^(-v|--version|store|config|setup|env|audit|why|list|ls|outdated|licenses)\b/, level: 'minor', explain: (cmd) => (/^(-v|--version)$/.test(cmd.args[0] ?? '') ? 'prints the pnpm version' : cmd.args[0] === 'env' ? `installs or selects Node.js with pnpm (${code(operands(cmd, 1).join(' '))})` : `inspects or configures pnpm (${code(`pnpm ${cmd.argText}`, 40)})`) },
	{ topic: 'command:pnpm publish', program: 'pnpm', args: /^(-\S+ (\S+ )?)*publish\b/, explain: (cmd) => `publishes ${has(cmd, '-r', '--recursive') ? 'the workspace packages' : 'the package'} to the npm registry` },
	{
		topic: 'command:pnpm run',
		program: 'pnpm',
		explain(cmd) {
			const list = operands(cmd, 0, ['--filter', '-F', '-C', '--dir', '--workspace-concurrency']);
			const explicit = list[0] === 'run' || list[0] === 'run-script';
			const [first, ...rest] = explicit ? list.slice(1) : list;
			if (!explicit && first !== undefined && isNodeTool(first)) return nodeTool(first, rest, 'from the project’s dependencies');
			return script(first ?? '?', cmd, rest);
		},
		reference: 'https://pnpm.io/cli/run',
	},
	// --- bun, node, corepack, version managers --------------------------------------------------
	{ topic: 'command:bun install', program: 'bun', args: /^(install|i)\b/, explain: (cmd) => `installs the dependencies with Bun${has(cmd, '--frozen-lockfile') ? ', failing if `bun.lockb` is out of date' : ''}` },
	{ topic: 'command:bun test', program: 'bun', args: /^test\b/, explain: () => 'runs the tests with Bun’s test runner' },
	{ topic: 'command:bun run', program: 'bun', explain: (cmd) => { const [name, ...rest] = operands(cmd, cmd.args[0] === 'run' ? 1 : 0); return name && /\.(m?[jt]sx?)$/.test(name) ? `runs ${code(name)} with Bun` : script(name ?? '?', cmd, rest); } },
	{
		topic: 'command:node',
		program: ['node', 'deno'],
		explain(cmd) {
			if (has(cmd, '-v', '--version')) return `prints the ${cmd.program === 'node' ? 'Node.js' : 'Deno'} version`;
			if (has(cmd, '-e', '--eval', '-p', '--print')) return 'runs a short inline JavaScript snippet';
			const [file] = operands(cmd, cmd.program === 'deno' && /^(run|task|test)$/.test(cmd.args[0] ?? '') ? 1 : 0, ['-r', '--require', '--import']);
			if (cmd.program === 'deno' && cmd.args[0] === 'test') return 'runs the tests with Deno';
			return file ? `runs the script ${code(file)} with ${cmd.program === 'node' ? 'Node.js' : 'Deno'}` : `starts ${cmd.program}`;
		},
	},
	{ topic: 'command:corepack', program: 'corepack', level: 'minor', explain: (cmd) => (cmd.args[0] === 'enable' ? 'turns on Corepack, so `yarn` and `pnpm` run the version pinned in the `packageManager` field of `package.json`' : `prepares the package manager with Corepack (${code(cmd.argText, 40)})`) },
	{ topic: 'command:nvm', program: ['nvm', 'fnm', 'n', 'volta'], level: 'minor', explain: (cmd) => { const [verb, version] = operands(cmd); if (/^(install|use|i)$/.test(verb ?? '')) return `${verb === 'use' ? 'switches to' : 'installs'} Node.js ${version ? code(version) : 'from `.nvmrc`'}`; return `manages Node.js versions with ${cmd.program}${verb ? ` (${code(verb)})` : ''}`; } },
	// Tools with richer entries elsewhere (cloud CLIs, Codecov) are left to those tables.
	...Object.keys(NODE_TOOLS).filter((tool) => !['codecov', 'firebase', 'netlify', 'vercel', 'serverless', 'sls', 'cdk'].includes(tool)).map(
		(tool): CommandPattern => ({ topic: `command:${tool}`, program: tool, explain: (cmd) => nodeTool(tool, cmd.args, 'from the project’s dependencies') }),
	),
	{ topic: 'command:cypress', program: 'cypress', explain: (cmd) => nodeTool('cypress', cmd.args, '') },
	{ topic: 'command:playwright', program: 'playwright', explain: (cmd) => nodeTool('playwright', cmd.args, '') },
];
