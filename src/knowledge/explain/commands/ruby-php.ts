/** Ruby (Bundler, Rake, RSpec, Rails) and PHP (Composer, PHPUnit, artisan). */
import { code, codeList } from '../text';
import { has, operands, value } from './args';
import type { Cmd, CommandPattern } from './types';

function rakeTasks(tasks: readonly string[]): string {
	const known: Record<string, string> = {
		'db:migrate': 'applies the database migrations',
		'db:create': 'creates the database',
		'db:setup': 'creates the database, loads the schema and seeds it',
		'db:schema:load': 'loads the database schema',
		'db:test:prepare': 'prepares the test database',
		'db:seed': 'fills the database with seed data',
		'assets:precompile': 'compiles the CSS and JavaScript assets for production',
		spec: 'runs the RSpec tests',
		test: 'runs the tests',
		default: 'runs the default Rake task',
	};
	if (tasks.length === 0) return 'runs the default Rake task';
	const described = tasks.map((t) => known[t]).filter(Boolean);
	return described.length === tasks.length ? (described as string[]).join(', then ') : `runs the Rake task${tasks.length === 1 ? '' : 's'} ${codeList(tasks)}`;
}

function bundleInstall(cmd: Cmd): string {
	const notes: string[] = [];
	if (has(cmd, '--deployment')) notes.push('in deployment mode (exact `Gemfile.lock` versions, gems kept in the project)');
	if (has(cmd, '--frozen')) notes.push('failing if `Gemfile.lock` would change');
	const path = value(cmd, '--path');
	if (path) notes.push(`into ${code(path)}`);
	const without = value(cmd, '--without');
	if (without) notes.push(`without the ${code(without)} groups`);
	const jobs = value(cmd, '--jobs', '-j');
	if (jobs) notes.push(`${jobs} at a time`);
	return `installs the Ruby gems locked in \`Gemfile.lock\`${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export const RUBY_PHP_COMMANDS: CommandPattern[] = [
	{ topic: 'command:bundle install', program: ['bundle', 'bundler'], args: /^(install|check)\b|^$/, explain: (cmd) => (cmd.args[0] === 'check' ? 'checks whether every gem of `Gemfile.lock` is installed' : bundleInstall(cmd)), reference: 'https://bundler.io/man/bundle-install.1.html' },
	{
		topic: 'command:bundle exec',
		program: ['bundle', 'bundler'],
		args: /^exec\b/,
		explain(cmd) {
			const inner = cmd.inner(cmd.args.slice(1));
			return inner ? `${inner.phrase}, with the gem versions of \`Gemfile.lock\`` : `runs ${code(cmd.args.slice(1).join(' '), 60)} with the gem versions of \`Gemfile.lock\``;
		},
		reference: 'https://bundler.io/man/bundle-exec.1.html',
	},
	{ topic: 'command:bundle config', program: ['bundle', 'bundler'], args: /^config\b/, level: 'minor', explain: (cmd) => `changes a Bundler setting (${code(operands(cmd, 1).join(' '), 50)})` },
	{ topic: 'command:bundle', program: ['bundle', 'bundler'], explain: (cmd) => (cmd.args[0] === 'audit' ? 'checks the gems for known vulnerabilities' : has(cmd, '-v', '--version', 'version') ? 'prints the Bundler version' : cmd.args[0] === 'update' ? 'updates the gems and `Gemfile.lock`' : cmd.args[0] === 'lock' ? 'updates `Gemfile.lock`' : cmd.args[0] === 'clean' ? 'removes gems that are not in `Gemfile.lock`' : `runs ${code(`bundle ${cmd.argText}`, 40)}`) },
	{ topic: 'command:gem install', program: 'gem', args: /^install\b/, explain: (cmd) => `installs the Ruby gem${operands(cmd, 1, ['-v', '--version']).length === 1 ? '' : 's'} ${codeList(operands(cmd, 1, ['-v', '--version']))}${value(cmd, '-v', '--version') ? ` version ${code(value(cmd, '-v', '--version')!)}` : ''}` },
	{ topic: 'command:gem', program: 'gem', explain: (cmd) => (cmd.args[0] === 'build' ? `builds the gem from ${code(operands(cmd, 1)[0] ?? '*.gemspec')}` : cmd.args[0] === 'push' ? 'publishes the gem to RubyGems.org' : cmd.args[0] === 'update' && has(cmd, '--system') ? 'updates RubyGems itself' : `runs ${code(`gem ${cmd.argText}`, 40)}`) },
	{ topic: 'command:rake', program: 'rake', explain: (cmd) => rakeTasks(operands(cmd, 0, ['-f', '-j'])), reference: 'https://ruby.github.io/rake/' },
	{ topic: 'command:rspec', program: 'rspec', explain: (cmd) => `runs the RSpec tests${operands(cmd, 0, ['--format', '-f', '--out', '-o', '--tag', '-t', '--require', '-r', '--seed']).length ? ` in ${codeList(operands(cmd, 0, ['--format', '-f', '--out', '-o', '--tag', '-t', '--require', '-r', '--seed']), 3)}` : ''}`, reference: 'https://rspec.info/' },
	{ topic: 'command:rubocop', program: ['rubocop', 'standardrb'], explain: (cmd) => `checks the Ruby code style with ${cmd.program === 'rubocop' ? 'RuboCop' : 'Standard'}${has(cmd, '-a', '-A', '--autocorrect', '--auto-correct') ? ', fixing what it can' : ''}` },
	{ topic: 'command:rails', program: 'rails', explain: (cmd) => (cmd.args[0] === 'test' || cmd.args[0] === 'test:system' ? 'runs the Rails tests' : cmd.args[0] === 'server' || cmd.args[0] === 's' ? 'starts the Rails web server' : rakeTasks(operands(cmd))) },
	{ topic: 'command:brakeman', program: 'brakeman', explain: () => 'scans the Rails app for security problems with Brakeman' },
	{ topic: 'command:ruby', program: 'ruby', explain: (cmd) => (has(cmd, '-v', '--version') ? 'prints the Ruby version' : has(cmd, '-e') ? 'runs a short inline Ruby snippet' : `runs the Ruby script ${code(operands(cmd, 0, ['-I', '-r'])[0] ?? '?')}`) },
	{ topic: 'command:puma', program: ['puma', 'unicorn', 'sidekiq'], explain: (cmd) => (cmd.program === 'sidekiq' ? 'runs Sidekiq workers that process background jobs' : `serves the Ruby web app with ${cmd.program === 'puma' ? 'Puma' : 'Unicorn'}`) },
	{
		topic: 'command:composer install',
		program: 'composer',
		args: /^(-\S+ )*install\b/,
		explain: (cmd) => `installs the PHP packages locked in \`composer.lock\`${has(cmd, '--no-dev') ? ' (without the development packages)' : ''}${has(cmd, '--prefer-dist') ? ', from release archives rather than git clones' : ''}${has(cmd, '--optimize-autoloader', '-o') ? ', with an optimised class loader' : ''}`,
		reference: 'https://getcomposer.org/doc/03-cli.md#install-i',
	},
	{ topic: 'command:composer', program: 'composer', explain: (cmd) => { const verb = operands(cmd)[0] ?? ''; if (verb === 'update') return 'updates the PHP packages and `composer.lock`'; if (verb === 'require') return `adds the PHP package${operands(cmd, 1).length === 1 ? '' : 's'} ${codeList(operands(cmd, 1))}`; if (verb === 'validate') return 'checks `composer.json` is valid'; if (verb === 'run' || verb === 'run-script') return `runs the ${code(operands(cmd, 1)[0] ?? '?')} script of \`composer.json\``; if (verb === 'audit') return 'checks the PHP packages for known vulnerabilities'; return `runs ${code(`composer ${cmd.argText}`, 40)}`; } },
	{ topic: 'command:phpunit', program: ['phpunit', 'pest', 'paratest'], explain: (cmd) => `runs the PHP tests with ${cmd.program === 'pest' ? 'Pest' : 'PHPUnit'}${value(cmd, '--coverage-clover') ? `, writing coverage to ${code(value(cmd, '--coverage-clover')!)}` : ''}`, reference: 'https://docs.phpunit.de/' },
	{ topic: 'command:phpstan', program: ['phpstan', 'psalm', 'phpcs', 'php-cs-fixer', 'phpmd', 'phpcbf'], explain: (cmd) => ({ phpstan: 'checks the PHP code for errors with PHPStan', psalm: 'checks the PHP code for errors with Psalm', phpcs: 'checks the PHP code style with PHP_CodeSniffer', 'php-cs-fixer': 'checks or fixes the PHP code style', phpmd: 'looks for problems in the PHP code with PHPMD', phpcbf: 'fixes PHP code style problems' } as Record<string, string>)[cmd.program]! },
	{ topic: 'command:php artisan', program: 'php', args: /^artisan\b/, explain: (cmd) => { const verb = cmd.args[1] ?? ''; const known: Record<string, string> = { migrate: 'applies the database migrations', test: 'runs the Laravel tests', 'key:generate': 'generates the app’s encryption key', 'config:cache': 'caches the configuration', 'route:cache': 'caches the routes', 'db:seed': 'fills the database with seed data', serve: 'starts the development server' }; return `${known[verb] ?? `runs the Laravel command ${code(verb)}`} (Laravel \`artisan\`)`; } },
	{ topic: 'command:php', program: 'php', explain: (cmd) => (has(cmd, '-v', '--version') ? 'prints the PHP version' : has(cmd, '-r') ? 'runs a short inline PHP snippet' : has(cmd, '-l') ? `checks the syntax of ${code(operands(cmd)[0] ?? '?')}` : `runs the PHP script ${code(operands(cmd, 0, ['-d', '-c'])[0] ?? '?')}`) },
];
