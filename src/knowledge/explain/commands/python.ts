/** Python: pip, Pipenv, Poetry, uv, the test and lint tools, Django's manage.py, packaging. */
import { code, codeList, joinAnd } from '../text';
import { fromFirstOperand, has, operands, value, values } from './args';
import type { Cmd, CommandPattern } from './types';

/** `pipenv run pytest`: the phrase of the wrapped command and where it runs, or a plain one. */
function runInside(cmd: Cmd, verb: string, where: string, valued: readonly string[] = []): string {
	const rest = fromFirstOperand(cmd.args.slice(cmd.args.indexOf(verb) + 1), valued);
	const found = cmd.inner(rest);
	return found ? `${found.phrase}, ${where}` : `runs ${code(rest.join(' '), 60)} ${where}`;
}

function requirements(cmd: Cmd): string[] {
	return values(cmd, '-r', '--requirement');
}

function pipInstall(cmd: Cmd, tool = 'pip'): string {
	const files = requirements(cmd);
	const constraints = values(cmd, '-c', '--constraint');
	const editable = values(cmd, '-e', '--editable');
	const groups = values(cmd, '--group');
	const packages = operands(cmd, 1, ['--group', '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--target', '-t', '--prefix', '--python', '--platform', '--only-binary', '--no-binary', '--trusted-host', '--cache-dir', '--root', '--src']);
	const parts: string[] = [];
	if (files.length) parts.push(`the Python packages listed in ${codeList(files)}`);
	if (groups.length) parts.push(`the ${codeList(groups)} dependency group${groups.length === 1 ? '' : 's'} of \`pyproject.toml\``);
	for (const target of editable) parts.push(target === '.' ? 'this project in editable mode (code changes apply without reinstalling)' : `${code(target)} in editable mode`);
	const upgradesPip = packages.some((p) => /^pip([<>=~].*)?$/.test(p)) && has(cmd, '-U', '--upgrade');
	const others = packages.filter((p) => !(upgradesPip && /^pip([<>=~].*)?$/.test(p)));
	if (others.length && others.every((p) => /\.(whl|tar\.gz|zip)$/.test(p))) parts.push(`the built package${others.length === 1 ? '' : 's'} ${codeList(others)}`);
	else if (others.length) parts.push(others.every((p) => /^\.(\[.*\])?$|^\.\//.test(p)) ? `this project${/\[(.*)\]/.exec(others[0]!)?.[1] ? ` with its ${code(/\[(.*)\]/.exec(others[0]!)![1]!)} extras` : ''}` : `the Python package${others.length === 1 ? '' : 's'} ${codeList(others, 6)}`);
	const notes: string[] = [];
	if (constraints.length) notes.push(`pinned by ${codeList(constraints)}`);
	if (has(cmd, '--user')) notes.push('for the current user only');
	if (has(cmd, '--no-deps')) notes.push('without their dependencies');
	if (has(cmd, '-U', '--upgrade') && others.length) notes.push('upgrading any already installed');
	if (has(cmd, '--system')) notes.push('into the system Python');
	if (has(cmd, '--no-cache-dir')) notes.push('without keeping a download cache');
	const main = parts.length ? `installs ${joinAnd(parts)}${notes.length ? ` (${notes.join(', ')})` : ''}` : '';
	if (upgradesPip) return main ? `upgrades pip, then ${main}` : 'upgrades pip itself to the latest version';
	return main || `installs Python packages with ${tool}`;
}

function pipRisks(cmd: Cmd): string[] {
	const risks: string[] = [];
	if (has(cmd, '--trusted-host')) risks.push('`--trusted-host` turns off TLS checks for that package index: packages could be swapped in transit.');
	if (values(cmd, '-i', '--index-url', '--extra-index-url').some((u) => u.startsWith('http://'))) risks.push('Installs from a package index over plain HTTP: packages could be swapped in transit.');
	if (has(cmd, '--extra-index-url')) risks.push('`--extra-index-url` mixes a second index with PyPI: a public package with the same name as a private one could be installed instead (dependency confusion).');
	return risks;
}

function pipenvInstall(cmd: Cmd): string {
	const packages = operands(cmd, 1);
	if (packages.length) return `adds ${codeList(packages)} to the \`Pipfile\` and installs ${packages.length === 1 ? 'it' : 'them'} into the project’s virtual environment`;
	const parts = ['installs the packages of `Pipfile`'];
	if (has(cmd, '--dev', '-d')) parts.push('including the `[dev-packages]` section (test and lint tools)');
	const notes: string[] = [];
	if (has(cmd, '--deploy')) notes.push('fails if `Pipfile.lock` is out of date with `Pipfile` instead of updating it');
	if (has(cmd, '--ignore-pipfile')) notes.push('installs exactly what `Pipfile.lock` pins, ignoring `Pipfile`');
	if (has(cmd, '--system')) notes.push('installs into the system Python instead of a virtual environment');
	if (has(cmd, '--skip-lock')) notes.push('skips `Pipfile.lock` altogether, so versions are not pinned');
	const where = has(cmd, '--system') ? '' : ' into the project’s virtual environment (versions pinned by `Pipfile.lock`)';
	return `${parts.join(', ')}${where}${notes.length ? `; it ${joinAnd(notes)}` : ''}`;
}

function poetryInstall(cmd: Cmd): string {
	const notes: string[] = [];
	const groups = values(cmd, '--with');
	const only = values(cmd, '--only');
	const without = values(cmd, '--without');
	if (has(cmd, '--no-root')) notes.push('without installing the project itself');
	if (groups.length) notes.push(`including the ${codeList(groups)} dependency group${groups.length === 1 ? '' : 's'}`);
	if (only.length) notes.push(`only the ${codeList(only)} group${only.length === 1 ? '' : 's'}`);
	if (without.length || has(cmd, '--no-dev')) notes.push(`without the ${without.length ? codeList(without) : 'dev'} dependencies`);
	const extras = values(cmd, '-E', '--extras');
	if (extras.length || has(cmd, '--all-extras')) notes.push(extras.length ? `with the ${codeList(extras)} extras` : 'with every extra');
	if (has(cmd, '--sync')) notes.push('removing packages not in the lock file');
	return `installs the dependencies pinned in \`poetry.lock\` into the project’s virtual environment${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function pytest(cmd: Cmd): string {
	const notes: string[] = [];
	const cov = values(cmd, '--cov');
	if (cov.length || has(cmd, '--cov')) notes.push(`measuring the code coverage${cov.length ? ` of ${codeList(cov)}` : ''}`);
	const junit = value(cmd, '--junitxml', '--junit-xml');
	if (junit) notes.push(`writing a JUnit report to ${code(junit)} for the CI to show`);
	const workers = value(cmd, '-n', '--numprocesses');
	if (workers) notes.push(`in ${/^(auto|logical)$/.test(workers) ? 'one process per CPU' : `${workers} parallel processes`}`);
	const keyword = value(cmd, '-k');
	if (keyword) notes.push(`only tests matching ${code(keyword)}`);
	const marker = value(cmd, '-m');
	if (marker) notes.push(`only tests marked ${code(marker)}`);
	if (has(cmd, '-x', '--exitfirst')) notes.push('stopping at the first failure');
	const paths = operands(cmd, 0, ['-n', '--numprocesses', '-k', '-m', '-p', '-c', '--cov', '--cov-report', '--junitxml', '--durations', '--maxfail', '--timeout', '--rootdir', '--ignore', '--deselect', '-o', '--reruns', '--dist', '--basetemp', '-W']);
	return `runs the ${paths.length ? `tests in ${codeList(paths, 3)}` : 'test suite'} with pytest${notes.length ? `, ${joinAnd(notes)}` : ''}`;
}

const DJANGO: Record<string, string> = {
	migrate: 'applies the database migrations, bringing the schema up to date',
	test: 'runs the Django test suite',
	collectstatic: 'gathers the static files (CSS, JS, images) into `STATIC_ROOT` for serving',
	check: 'checks the Django project for configuration problems',
	runserver: 'starts Django’s development web server',
	loaddata: 'loads fixture data into the database',
	createsuperuser: 'creates an admin user',
	compilemessages: 'compiles the translation files',
	shell: 'opens a Django shell',
	flush: 'empties the database',
	showmigrations: 'lists the migrations and whether each is applied',
	sqlmigrate: 'prints the SQL of a migration',
	createcachetable: 'creates the database cache table',
	seed: 'fills the database with sample data',
};

function django(args: readonly string[]): string {
	const [command = '', ...rest] = args.filter((a) => !a.startsWith('-'));
	if (command === 'makemigrations') {
		return args.some((a) => a === '--check' || a === '--dry-run') ? 'fails if a model change has no migration yet' : 'creates migration files for model changes';
	}
	if (command === 'check' && args.includes('--deploy')) return 'checks the Django settings for problems in production (security settings included)';
	const known = DJANGO[command];
	return known ? `${known} (Django \`manage.py ${command}\`)` : `runs the Django management command ${code(`${command} ${rest.join(' ')}`.trim())}`;
}

function setupPy(args: readonly string[]): string {
	const verbs = args.filter((a) => !a.startsWith('-'));
	const what: Record<string, string> = { sdist: 'a source archive', bdist_wheel: 'a wheel', bdist: 'a binary package', build: 'the package', build_ext: 'the C extensions' };
	if (verbs.includes('install')) return 'installs this project with `setup.py` (a deprecated way; `pip install .` replaces it)';
	if (verbs.includes('develop')) return 'installs this project in development mode with `setup.py`';
	if (verbs.includes('test')) return 'runs the tests through `setup.py`';
	if (verbs.includes('upload')) return 'uploads the built package to PyPI through `setup.py`';
	const built = verbs.map((v) => what[v]).filter(Boolean);
	return built.length ? `builds ${joinAnd(built as string[])} of this project with \`setup.py\`` : `runs \`setup.py ${verbs.join(' ')}\``;
}

/** Linters and formatters: what each checks, in a few words. */
const PY_TOOLS: Record<string, (cmd: Cmd) => string> = {
	flake8: (cmd) => `checks the Python code${operands(cmd).length ? ` in ${codeList(operands(cmd))}` : ''} for style errors and likely bugs with flake8`,
	pylint: (cmd) => `checks ${codeList(operands(cmd, 0, ['--rcfile', '-j', '--disable', '--enable'])) || 'the Python code'} for errors and style problems with Pylint`,
	black: (cmd) => (has(cmd, '--check', '--diff') ? `checks that ${codeList(operands(cmd)) || 'the code'} is formatted the Black way, failing if a file would change` : `reformats ${codeList(operands(cmd)) || 'the code'} with Black`),
	isort: (cmd) => (has(cmd, '--check', '--check-only', '-c', '--diff') ? 'checks that imports are sorted, failing if a file would change' : 'sorts the imports of the Python files'),
	mypy: (cmd) => `type-checks ${codeList(operands(cmd, 0, ['--config-file', '-p', '-m', '--python-version'])) || 'the Python code'} with mypy`,
	pyright: () => 'type-checks the Python code with Pyright',
	pytype: () => 'type-checks the Python code with pytype',
	bandit: (cmd) => `scans ${codeList(operands(cmd, 0, ['-c', '-f', '-o', '-x', '--skip', '-s'])) || 'the Python code'} for common security issues with Bandit`,
	safety: () => 'checks the installed Python packages for known vulnerabilities with Safety',
	'pip-audit': () => 'checks the Python dependencies for known vulnerabilities with pip-audit',
	pydocstyle: () => 'checks the docstrings follow the conventions',
	pycodestyle: () => 'checks the code against the PEP 8 style guide',
	autopep8: () => 'reformats the code to the PEP 8 style guide',
	yapf: () => 'reformats the Python code with YAPF',
	interrogate: () => 'checks how much of the code has docstrings',
	vulture: () => 'looks for unused Python code',
	radon: () => 'measures the code’s complexity',
	xenon: () => 'fails when the code gets too complex',
	codespell: () => 'checks the text for common misspellings',
	asv: (cmd) => (cmd.args[0] === 'run' || cmd.args[0] === 'continuous' ? 'runs the benchmarks with airspeed velocity (asv)' : `runs the airspeed velocity (asv) benchmark tool (${code(cmd.args[0] ?? '')})`),
	behave: () => 'runs the behaviour (Gherkin feature) tests with behave',
	nosetests: () => 'runs the tests with nose',
	nose2: () => 'runs the tests with nose2',
	unittest: (cmd) => `runs the tests with Python’s unittest${has(cmd, 'discover') || cmd.args.includes('discover') ? ', finding them automatically' : ''}`,
	'sphinx-build': (cmd) => `builds the Sphinx documentation from ${code(operands(cmd, 0, ['-b', '-D', '-c', '-j', '-d'])[0] ?? '?')}${has(cmd, '-W') ? ', failing on any warning' : ''}`,
	coveralls: () => 'uploads the coverage report to Coveralls',
	gunicorn: (cmd) => `serves the Python web app ${code(operands(cmd, 0, ['-b', '--bind', '-w', '--workers', '-k', '-c', '--timeout', '--log-level', '--worker-class', '--threads', '--access-logfile'])[0] ?? '?')} with Gunicorn`,
	uvicorn: (cmd) => `serves the Python ASGI app ${code(operands(cmd, 0, ['--host', '--port', '--workers'])[0] ?? '?')} with Uvicorn`,
	daphne: () => 'serves the Django Channels app with Daphne',
	waitress: () => 'serves the Python web app with Waitress',
	'waitress-serve': () => 'serves the Python web app with Waitress',
	celery: (cmd) => (cmd.args.includes('beat') ? 'runs the Celery scheduler of periodic tasks' : 'runs Celery workers that process background tasks'),
	alembic: (cmd) => (cmd.args[0] === 'upgrade' ? `applies the database migrations up to ${code(cmd.args[1] ?? 'head')} with Alembic` : `runs the Alembic migration command ${code(cmd.argText)}`),
	mkdocs: (cmd) => (cmd.args[0] === 'gh-deploy' ? 'builds the MkDocs site and pushes it to the `gh-pages` branch' : cmd.args[0] === 'build' ? `builds the MkDocs documentation site${has(cmd, '--strict', '-s') ? ', failing on warnings' : ''}` : 'runs MkDocs'),
	jupyter: (cmd) => (cmd.args[0] === 'nbconvert' ? 'converts (and with `--execute`, runs) Jupyter notebooks' : 'runs a Jupyter command'),
	cibuildwheel: () => 'builds wheels of the package for many Python versions and platforms',
	maturin: (cmd) => `builds the Rust-backed Python package with maturin${cmd.args[0] ? ` (${code(cmd.args[0])})` : ''}`,
	'pip-compile': (cmd) => `pins every dependency into a requirements file from ${codeList(operands(cmd)) || '`requirements.in`'}`,
	'pip-sync': () => 'makes the installed packages match the requirements files exactly',
	virtualenv: (cmd) => `creates a Python virtual environment in ${code(operands(cmd)[0] ?? '?')}`,
	'pre-commit': (cmd) => (cmd.args[0] === 'run' ? `runs the checks configured in \`.pre-commit-config.yaml\`${has(cmd, '--all-files', '-a') ? ' on every file' : ''}` : cmd.args[0] === 'install' ? 'installs the pre-commit git hooks' : 'runs pre-commit'),
	twine: (cmd) => (cmd.args[0] === 'upload' ? `uploads ${codeList(operands(cmd, 1, ['-r', '--repository', '-u', '-p', '--repository-url'])) || 'the built packages'} to ${value(cmd, '-r', '--repository', '--repository-url') ? code(value(cmd, '-r', '--repository', '--repository-url')!) : 'PyPI'}` : cmd.args[0] === 'check' ? 'checks the built packages will render correctly on PyPI' : 'runs twine'),
	conda: (cmd) => condaPhrase(cmd),
	mamba: (cmd) => condaPhrase(cmd),
	micromamba: (cmd) => condaPhrase(cmd),
};

function condaPhrase(cmd: Cmd): string {
	const [verb, sub] = operands(cmd);
	if (verb === 'env' && (sub === 'create' || sub === 'update')) return `creates the conda environment from ${code(value(cmd, '-f', '--file') ?? 'environment.yml')}`;
	if (verb === 'create') return `creates the conda environment ${code(value(cmd, '-n', '--name') ?? value(cmd, '-p', '--prefix') ?? '?')}${operands(cmd, 1, ['-n', '--name', '-c', '--channel', '-p', '--prefix']).length ? ` with ${codeList(operands(cmd, 1, ['-n', '--name', '-c', '--channel', '-p', '--prefix']))}` : ''}`;
	if (verb === 'install') return `installs ${codeList(operands(cmd, 1, ['-n', '--name', '-c', '--channel', '-p', '--prefix'])) || 'packages'} with ${cmd.program}`;
	if (verb === 'activate') return `activates the conda environment ${code(sub ?? '?')}`;
	if (verb === 'run') return `runs a command inside the conda environment`;
	return `manages conda environments (${code(cmd.argText, 40)})`;
}

export const PYTHON_COMMANDS: CommandPattern[] = [
	{
		topic: 'command:pip install',
		program: 'pip',
		args: /^(-\S+ )*install\b/,
		explain: (cmd) => pipInstall(cmd),
		risks: pipRisks,
		reference: 'https://pip.pypa.io/en/stable/cli/pip_install/',
	},
	{
		topic: 'command:pip',
		program: 'pip',
		level: 'minor',
		explain(cmd) {
			const verb = operands(cmd)[0] ?? '';
			const phrases: Record<string, string> = {
				freeze: 'lists the installed Python packages with their versions', list: 'lists the installed Python packages', show: `shows details of ${codeList(operands(cmd, 1))}`,
				uninstall: `removes the Python packages ${codeList(operands(cmd, 1))}`, wheel: 'builds wheels of the packages', download: 'downloads Python packages without installing them',
				check: 'checks the installed packages have compatible dependencies', cache: 'manages pip’s download cache', config: 'changes pip’s settings',
			};
			if (has(cmd, '--version', '-V')) return 'prints the pip version';
			return phrases[verb] ?? `runs ${code(`pip ${cmd.argText}`, 40)}`;
		},
	},
	{ topic: 'command:pipenv install', program: 'pipenv', args: /^(-\S+ )*install\b/, explain: pipenvInstall, reference: 'https://pipenv.pypa.io/en/latest/commands.html' },
	{ topic: 'command:pipenv sync', program: 'pipenv', args: /^(-\S+ )*sync\b/, explain: (cmd) => `installs exactly what \`Pipfile.lock\` pins${has(cmd, '--dev', '-d') ? ', dev packages included,' : ''} into the project’s virtual environment`, reference: 'https://pipenv.pypa.io/en/latest/commands.html' },
	{ topic: 'command:pipenv run', program: 'pipenv', args: /^(-\S+ )*run\b/, explain: (cmd) => runInside(cmd, 'run', 'inside the Pipenv virtual environment'), reference: 'https://pipenv.pypa.io/en/latest/commands.html' },
	{ topic: 'command:pipenv check', program: 'pipenv', args: /^(-\S+ )*(check|audit|scan)\b/, explain: () => 'checks the locked packages for known security vulnerabilities' },
	{ topic: 'command:pipenv lock', program: 'pipenv', args: /^(-\S+ )*(lock|requirements)\b/, explain: (cmd) => (cmd.args.includes('requirements') || has(cmd, '-r') ? 'prints the locked packages as a `requirements.txt`' : 'writes `Pipfile.lock` with the exact versions to install') },
	{ topic: 'command:pipenv', program: 'pipenv', level: 'minor', explain: (cmd) => (has(cmd, '--version') ? 'prints the Pipenv version' : has(cmd, '--venv') ? 'prints where the virtual environment is' : cmd.args[0] === 'graph' ? 'prints the dependency tree' : `runs ${code(`pipenv ${cmd.argText}`, 40)}`) },
	{ topic: 'command:poetry install', program: 'poetry', args: /^(-\S+ )*install\b/, explain: poetryInstall, reference: 'https://python-poetry.org/docs/cli/#install' },
	{ topic: 'command:poetry run', program: 'poetry', args: /^(-\S+ )*run\b/, explain: (cmd) => runInside(cmd, 'run', 'inside the Poetry virtual environment'), reference: 'https://python-poetry.org/docs/cli/#run' },
	{ topic: 'command:poetry build', program: 'poetry', args: /^(-\S+ )*build\b/, explain: () => 'builds the package (a source archive and a wheel) into `dist/`', reference: 'https://python-poetry.org/docs/cli/#build' },
	{ topic: 'command:poetry publish', program: 'poetry', args: /^(-\S+ )*publish\b/, explain: (cmd) => `${has(cmd, '--build') ? 'builds the package and publishes' : 'publishes the built package'} to ${value(cmd, '-r', '--repository') ? code(value(cmd, '-r', '--repository')!) : 'PyPI'}`, reference: 'https://python-poetry.org/docs/cli/#publish' },
	{
		topic: 'command:poetry',
		program: 'poetry',
		level: 'minor',
		explain(cmd) {
			const verb = operands(cmd)[0] ?? '';
			if (verb === 'config') return `changes a Poetry setting (${code(operands(cmd, 1).join(' '))})`;
			if (verb === 'lock') return cmd.args.includes('--check') ? 'checks that `poetry.lock` matches `pyproject.toml`' : 'updates `poetry.lock`';
			if (verb === 'check') return 'checks that `pyproject.toml` is valid (and `poetry.lock` up to date)';
			if (verb === 'version') return operands(cmd, 1)[0] ? `sets the package version (${code(operands(cmd, 1)[0]!)})` : 'prints the package version';
			if (verb === 'add') return `adds ${codeList(operands(cmd, 1))} to the dependencies`;
			if (verb === 'export') return 'writes the locked dependencies as a `requirements.txt`';
			if (verb === 'self' || verb === 'self-update') return 'updates or extends Poetry itself';
			if (verb === 'env') return 'manages Poetry’s virtual environments';
			if (verb === 'show') return 'lists the installed packages';
			return has(cmd, '--version', '-V') ? 'prints the Poetry version' : `runs ${code(`poetry ${cmd.argText}`, 40)}`;
		},
	},
	{ topic: 'command:uv pip', program: 'uv', args: /^pip install\b/, explain: (cmd) => pipInstall({ ...cmd, args: cmd.args.slice(1) }, 'uv'), risks: pipRisks, reference: 'https://docs.astral.sh/uv/pip/packages/' },
	{ topic: 'command:uv sync', program: 'uv', args: /^(-\S+ )*sync\b/, explain: (cmd) => `installs the dependencies pinned in \`uv.lock\` into the project’s \`.venv\`${has(cmd, '--frozen', '--locked') ? ' (without updating the lock file)' : ''}${has(cmd, '--all-extras') ? ', with every extra' : ''}${values(cmd, '--group', '--extra').length ? `, with ${codeList(values(cmd, '--group', '--extra'))}` : ''}`, reference: 'https://docs.astral.sh/uv/reference/cli/#uv-sync' },
	{ topic: 'command:uv run', program: 'uv', args: /^(-\S+ )*run\b/, explain: (cmd) => runInside(cmd, 'run', 'inside the project’s environment managed by uv', ['--with', '--python', '-p', '--group', '--extra', '--package', '--env-file', '--directory']), reference: 'https://docs.astral.sh/uv/reference/cli/#uv-run' },
	{
		topic: 'command:uv',
		program: ['uv', 'uvx'],
		explain(cmd) {
			if (cmd.program === 'uvx') return `runs the Python tool ${code(operands(cmd)[0] ?? '?')} in a throwaway environment`;
			const [verb, sub] = operands(cmd);
			if (verb === 'tool' && sub === 'install') return `installs the Python command-line tool ${code(operands(cmd, 2)[0] ?? '?')} with uv`;
			if (verb === 'tool' && sub === 'run') return `runs the Python tool ${code(operands(cmd, 2)[0] ?? '?')} in a throwaway environment`;
			if (verb === 'venv') return `creates a virtual environment${operands(cmd, 1)[0] ? ` in ${code(operands(cmd, 1)[0]!)}` : ' in `.venv`'}`;
			if (verb === 'python') return `installs or finds Python ${codeList(operands(cmd, 2))} with uv`;
			if (verb === 'build') return 'builds the package (source archive and wheel) into `dist/`';
			if (verb === 'publish') return 'publishes the built package to PyPI';
			if (verb === 'lock') return has(cmd, '--check', '--locked') ? 'checks that `uv.lock` is up to date' : 'updates `uv.lock`';
			if (verb === 'pip') return `manages packages with uv’s pip interface (${code(cmd.argText, 40)})`;
			return `runs ${code(`uv ${cmd.argText}`, 40)}`;
		},
		reference: 'https://docs.astral.sh/uv/reference/cli/',
	},
	{ topic: 'command:pytest', program: ['pytest', 'py.test'], explain: pytest, reference: 'https://docs.pytest.org/en/stable/how-to/usage.html' },
	{
		topic: 'command:tox',
		program: 'tox',
		explain(cmd) {
			const envs = value(cmd, '-e', '--env');
			if (cmd.args[0] === 'c' || cmd.args[0] === 'config') return 'prints the tox configuration';
			const where = envs ? `the tox environment${envs.includes(',') ? 's' : ''} ${codeList(envs.split(','))}` : 'every tox environment listed in its configuration';
			return `runs ${where}: each gets a fresh virtual environment with its dependencies, then its test commands`;
		},
		reference: 'https://tox.wiki/en/latest/cli_interface.html',
	},
	{ topic: 'command:nox', program: 'nox', explain: (cmd) => `runs the nox session${values(cmd, '-s', '--session', '--sessions').length ? `s ${codeList(values(cmd, '-s', '--session', '--sessions'))}` : 's of `noxfile.py`'}, each in its own virtual environment` },
	{
		topic: 'command:ruff',
		program: 'ruff',
		explain: (cmd) => (cmd.args[0] === 'format' ? (has(cmd, '--check', '--diff') ? 'checks the Python code is formatted, failing if a file would change' : 'reformats the Python code with Ruff') : `checks the Python code for errors and style problems with Ruff${has(cmd, '--fix') ? ', fixing what it can' : ''}`),
		reference: 'https://docs.astral.sh/ruff/',
	},
	{
		topic: 'command:coverage',
		program: 'coverage',
		explain(cmd) {
			const verb = cmd.args[0] ?? '';
			if (verb === 'run') {
				const module = value(cmd, '-m');
				const inner = module ? cmd.inner([module, ...cmd.args.slice(cmd.args.indexOf('-m') + 2)]) : cmd.inner(['python', ...operands(cmd, 1, ['--source', '--rcfile', '--omit', '--include'])]);
				return `${inner ? inner.phrase : 'runs Python code'} while measuring which lines run (coverage)`;
			}
			if (verb === 'report') return `prints the coverage summary${value(cmd, '--fail-under') ? `, failing below ${value(cmd, '--fail-under')}%` : ''}`;
			if (verb === 'xml') return 'writes the coverage report as XML (for Codecov, Sonar and the like)';
			if (verb === 'html') return 'writes the coverage report as HTML pages';
			if (verb === 'combine') return 'merges the coverage data of several runs';
			if (verb === 'lcov') return 'writes the coverage report in LCOV format';
			return `runs ${code(`coverage ${cmd.argText}`)}`;
		},
		reference: 'https://coverage.readthedocs.io/en/latest/cmd.html',
	},
	{
		topic: 'command:hatch',
		program: 'hatch',
		explain(cmd) {
			const verb = operands(cmd)[0] ?? '';
			if (verb === 'run') return runInside(cmd, 'run', 'in a Hatch environment');
			if (verb === 'build') return 'builds the package into `dist/`';
			if (verb === 'publish') return 'publishes the built package to PyPI';
			if (verb === 'test') return 'runs the tests with Hatch';
			if (verb === 'fmt') return 'formats and lints the code with Hatch';
			if (verb === 'env') return 'manages Hatch environments';
			if (verb === 'version') return 'prints or bumps the package version';
			return `runs ${code(`hatch ${cmd.argText}`, 40)}`;
		},
	},
	{ topic: 'command:pdm', program: 'pdm', explain: (cmd) => (cmd.args[0] === 'install' || cmd.args[0] === 'sync' ? 'installs the dependencies pinned in `pdm.lock`' : cmd.args[0] === 'run' ? runInside(cmd, 'run', 'in the PDM environment') : `runs ${code(`pdm ${cmd.argText}`, 40)}`) },
	{
		topic: 'command:pipx',
		program: 'pipx',
		explain(cmd) {
			const [verb, target] = operands(cmd);
			if (verb === 'install') return `installs the Python command-line tool ${code(target ?? '?')} in its own environment`;
			if (verb === 'run') return /\.py$/.test(target ?? '') ? `runs the Python script ${code(target!)} in a throwaway environment with the dependencies it declares` : `runs the Python tool ${code(target ?? '?')} in a throwaway environment`;
			return `runs ${code(`pipx ${cmd.argText}`, 40)}`;
		},
	},
	{ topic: 'command:pyenv', program: 'pyenv', level: 'minor', explain: (cmd) => (cmd.args[0] === 'install' ? `installs Python ${codeList(operands(cmd, 1))} with pyenv` : /^(global|local|shell)$/.test(cmd.args[0] ?? '') ? `selects Python ${codeList(operands(cmd, 1))} as the default` : cmd.args[0] === 'versions' ? 'lists the installed Python versions' : `runs ${code(`pyenv ${cmd.argText}`, 40)}`) },
	{
		topic: 'command:pixi',
		program: 'pixi',
		explain(cmd) {
			const verb = operands(cmd)[0] ?? '';
			if (verb === 'run') return `runs the pixi task or command ${code(operands(cmd, 1, ['-e', '--environment']).join(' '), 60)}${value(cmd, '-e', '--environment') ? ` in the ${code(value(cmd, '-e', '--environment')!)} environment` : ''}`;
			if (verb === 'install') return 'installs the environment pinned in `pixi.lock`';
			return `runs ${code(`pixi ${cmd.argText}`, 40)}`;
		},
	},
	...Object.entries(PY_TOOLS).map(([tool, explain]): CommandPattern => ({ topic: `command:${tool}`, program: tool, explain })),
	{
		topic: 'command:python',
		program: 'python',
		explain(cmd) {
			if (has(cmd, '-V', '--version')) return 'prints the Python version';
			const module = value(cmd, '-m');
			if (module) {
				const rest = cmd.args.slice(cmd.args.indexOf('-m') + 2);
				if (module === 'venv' || module === 'virtualenv') return `creates a Python virtual environment in ${code(operands({ ...cmd, args: rest })[0] ?? '?')}`;
				if (module === 'build') return 'builds the package (a source archive and a wheel) into `dist/`';
				if (module === 'http.server') return 'serves the current folder over HTTP';
				if (module === 'unittest') return PY_TOOLS.unittest!({ ...cmd, args: rest });
				if (module === 'pip') return 'runs pip';
				return `runs the Python module ${code(module)}${rest.length ? ` with ${code(rest.join(' '), 50)}` : ''}`;
			}
			if (has(cmd, '-c')) return 'runs a short inline Python snippet';
			const [file, ...rest] = operands(cmd, 0, ['-W', '-X']);
			if (!file) return 'starts Python';
			if (/(^|\/)manage\.py$/.test(file)) return django(cmd.args.slice(cmd.args.indexOf(file) + 1));
			if (/(^|\/)setup\.py$/.test(file)) return setupPy(rest);
			return `runs the Python script ${code(file)}${rest.length ? ` with ${code(rest.join(' '), 50)}` : ''}`;
		},
	},
	{ topic: 'command:django-admin', program: ['django-admin', 'manage.py'], explain: (cmd) => django(cmd.args) },
];
