/** Compiled languages: make and friends, C/C++ (CMake, Meson, ccache), Go, Rust, .NET. */
import { code, codeList, joinAnd } from '../text';
import { has, operands, value, values } from './args';
import type { Cmd, CommandPattern } from './types';

function make(cmd: Cmd): string {
	const targets = operands(cmd, 0, ['-C', '-f', '--file', '--directory', '-j', '--jobs', '-l', '-o', '-W']).filter((t) => !/^[A-Za-z_][\w]*=/.test(t));
	const vars = operands(cmd, 0, ['-C', '-f', '-j']).filter((t) => /^[A-Za-z_][\w]*=/.test(t));
	const dir = value(cmd, '-C', '--directory');
	const jobs = value(cmd, '-j', '--jobs') ?? (cmd.args.find((a) => /^-j\d*$/.test(a)) ? cmd.args.find((a) => /^-j\d*$/.test(a))!.slice(2) || 'many' : undefined);
	const notes: string[] = [];
	if (dir) notes.push(`in ${code(dir)}`);
	if (jobs) notes.push(`running ${/^\d+$/.test(jobs) ? jobs : /\$/.test(jobs) ? code(jobs) : 'several'} jobs at once`);
	if (vars.length) notes.push(`with ${codeList(vars, 3)}`);
	const what = targets.length ? `runs the Makefile target${targets.length === 1 ? '' : 's'} ${codeList(targets, 4)}` : 'runs the default target of the Makefile';
	return `${what}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function cmake(cmd: Cmd): string {
	if (has(cmd, '--version')) return 'prints the CMake version';
	if (has(cmd, '--build')) return `compiles the project configured in ${code(value(cmd, '--build') ?? '?')}${value(cmd, '--config') ? ` (${code(value(cmd, '--config')!)} configuration)` : ''}${value(cmd, '--target', '-t') ? `, target ${code(value(cmd, '--target', '-t')!)}` : ''}`;
	if (has(cmd, '--install')) return `installs the build in ${code(value(cmd, '--install') ?? '?')}`;
	const build = value(cmd, '-B');
	const type = cmd.args.find((a) => a.startsWith('-DCMAKE_BUILD_TYPE='))?.split('=')[1];
	return `configures the CMake build${build ? ` in ${code(build)}` : ''}${type ? ` (${code(type)})` : ''}, generating the files the compiler step uses`;
}

function meson(cmd: Cmd): string {
	const [verb, dir] = operands(cmd, 0, ['-C', '--buildtype', '-D', '--prefix', '--backend', '--wrap-mode', '--cross-file', '--native-file', '--num-processes', '--suite', '--setup']);
	const inDir = value(cmd, '-C') ?? (verb === 'setup' ? dir : undefined);
	const where = inDir ? ` in ${code(inDir)}` : '';
	if (verb === 'setup' || (verb && !['compile', 'test', 'install', 'dist', 'configure'].includes(verb))) return `configures the Meson build${where}`;
	if (verb === 'compile') return `compiles the Meson build${where}`;
	if (verb === 'test') return `runs the tests of the Meson build${where}${values(cmd, '--suite').length ? ` (suites ${codeList(values(cmd, '--suite'))})` : ''}`;
	if (verb === 'install') return `installs the Meson build${where}`;
	if (verb === 'dist') return 'builds the release archive of the project';
	return `changes the Meson build options${where}`;
}

const GO: Record<string, (cmd: Cmd) => string> = {
	test: (cmd) => {
		const notes: string[] = [];
		if (has(cmd, '-race')) notes.push('with the data-race detector');
		if (has(cmd, '-cover') || value(cmd, '-coverprofile')) notes.push(`measuring coverage${value(cmd, '-coverprofile') ? ` into ${code(value(cmd, '-coverprofile')!)}` : ''}`);
		if (value(cmd, '-run')) notes.push(`only tests matching ${code(value(cmd, '-run')!)}`);
		if (value(cmd, '-tags')) notes.push(`with the build tags ${code(value(cmd, '-tags')!)}`);
		const pkgs = goPackages(cmd);
		return `runs the Go tests of ${pkgs}${notes.length ? `, ${joinAnd(notes)}` : ''}`;
	},
	build: (cmd) => `compiles ${goPackages(cmd)}${value(cmd, '-o') ? ` into ${code(value(cmd, '-o')!)}` : ''}`,
	vet: (cmd) => `checks ${goPackages(cmd)} for suspicious code with \`go vet\``,
	run: (cmd) => `compiles and runs ${code(operands(cmd, 1, GO_VALUED)[0] ?? '.')}`,
	install: (cmd) => `installs the Go program ${codeList(operands(cmd, 1, GO_VALUED))}`,
	generate: () => 'runs the code generators named in `//go:generate` comments',
	get: (cmd) => `adds or updates the Go dependencies ${codeList(operands(cmd, 1, GO_VALUED))}`,
	mod: (cmd) => {
		const sub = operands(cmd, 1)[0] ?? '';
		if (sub === 'download') return 'downloads the Go modules listed in `go.mod` into the module cache';
		if (sub === 'tidy') return 'makes `go.mod` and `go.sum` match the imports (adding and removing modules)';
		if (sub === 'verify') return 'checks the downloaded modules have not changed since they were fetched';
		if (sub === 'vendor') return 'copies the dependencies into `vendor/`';
		return `manages Go modules (${code(sub)})`;
	},
	version: () => 'prints the Go version',
	env: () => 'prints Go’s environment settings',
	work: () => 'manages the Go workspace',
	tool: (cmd) => `runs the Go tool ${code(operands(cmd, 1)[0] ?? '?')}`,
	fmt: () => 'reformats the Go code',
	list: () => 'lists Go packages or modules',
};
const GO_VALUED = ['-o', '-run', '-tags', '-coverprofile', '-covermode', '-timeout', '-p', '-count', '-ldflags', '-gcflags', '-bench', '-benchtime', '-parallel', '-mod', '-exec', '-json', '-skip', '-shuffle'];

function goPackages(cmd: Cmd): string {
	const pkgs = operands(cmd, 1, GO_VALUED);
	if (pkgs.length === 0) return 'the package in the current folder';
	if (pkgs.length === 1 && /^\.\/\.\.\.$/.test(pkgs[0]!)) return 'every package of the module (`./...`)';
	return codeList(pkgs, 3);
}

const CARGO: Record<string, (cmd: Cmd) => string> = {
	test: (cmd) => `compiles and runs the Rust tests${cargoScope(cmd)}`,
	build: (cmd) => `compiles the Rust code${has(cmd, '--release', '-r') ? ' with optimisations (release)' : ''}${cargoScope(cmd)}`,
	check: (cmd) => `checks the Rust code compiles, without producing binaries${cargoScope(cmd)}`,
	clippy: (cmd) => `runs Clippy, Rust’s linter${cmd.args.includes('warnings') && has(cmd, '-D') ? ', failing on any warning' : ''}${cargoScope(cmd)}`,
	fmt: (cmd) => (has(cmd, '--check') ? 'checks the Rust code is formatted, failing if a file would change' : 'reformats the Rust code'),
	doc: () => 'builds the API documentation',
	run: (cmd) => `compiles and runs the Rust program${cargoScope(cmd)}`,
	bench: () => 'runs the benchmarks',
	publish: (cmd) => `publishes the crate to crates.io${has(cmd, '--dry-run') ? ' (dry run)' : ''}`,
	install: (cmd) => `installs the Rust tool ${codeList(operands(cmd, 1, ['--version', '--root', '--git', '--locked', '--features', '--target'])) || '?'}${has(cmd, '--locked') ? ' with its locked dependency versions' : ''}`,
	fetch: () => 'downloads the crates listed in `Cargo.lock`',
	update: () => 'updates `Cargo.lock` to the newest allowed versions',
	nextest: (cmd) => `runs the Rust tests with cargo-nextest${cargoScope(cmd)}`,
	xtask: (cmd) => `runs the project’s own build task ${code(cmd.args.slice(cmd.args.indexOf('xtask') + 1).find((a) => !a.startsWith('-')) ?? '?')} (a Rust program in the repository, the xtask pattern)`,
	deny: () => 'checks the dependencies’ licences, sources and advisories with cargo-deny',
	audit: () => 'checks the dependencies for known vulnerabilities with cargo-audit',
	'llvm-cov': () => 'runs the tests measuring code coverage with cargo-llvm-cov',
	tarpaulin: () => 'runs the tests measuring code coverage with tarpaulin',
	login: () => 'stores the crates.io token for publishing',
	metadata: () => 'prints the project’s metadata as JSON',
	tree: () => 'prints the dependency tree',
	'hack': () => 'runs a cargo command over combinations of features',
	'udeps': () => 'looks for unused dependencies',
	'semver-checks': () => 'checks the public API against semantic-versioning rules',
	clean: () => 'deletes the build output',
	version: () => 'prints the cargo version',
	'--version': () => 'prints the cargo version',
	'-V': () => 'prints the cargo version',
	miri: () => 'runs the tests under Miri to catch undefined behaviour',
	binstall: (cmd) => `installs the prebuilt Rust tool ${codeList(operands(cmd, 1))}`,
};

function cargoScope(cmd: Cmd): string {
	const notes: string[] = [];
	if (has(cmd, '--workspace', '--all')) notes.push('for every crate of the workspace');
	const pkg = value(cmd, '-p', '--package');
	if (pkg) notes.push(`for the ${code(pkg)} crate`);
	if (has(cmd, '--all-features')) notes.push('with every feature');
	const features = value(cmd, '--features', '-F');
	if (features) notes.push(`with the features ${code(features)}`);
	if (has(cmd, '--locked')) notes.push('with the exact versions of `Cargo.lock`');
	const target = value(cmd, '--target');
	if (target) notes.push(`for ${code(target)}`);
	return notes.length ? ` (${notes.join(', ')})` : '';
}

const DOTNET: Record<string, string> = {
	restore: 'downloads the NuGet packages the projects depend on',
	build: 'compiles the .NET projects',
	test: 'runs the .NET tests',
	publish: 'compiles the .NET app and gathers it with its dependencies, ready to deploy',
	pack: 'packs the project into a NuGet package',
	format: 'checks or fixes the code formatting',
	run: 'compiles and runs the .NET app',
	clean: 'deletes earlier build output',
	tool: 'installs or runs a .NET tool',
	nuget: 'pushes or manages NuGet packages',
	workload: 'installs .NET workloads (such as MAUI)',
	'--info': 'prints the installed .NET SDKs',
	'--version': 'prints the .NET SDK version',
	'--list-sdks': 'lists the installed .NET SDKs',
};

export const SYSTEMS_COMMANDS: CommandPattern[] = [
	{ topic: 'command:make', program: ['make', 'gmake', 'mingw32-make', 'nmake'], explain: make, reference: 'https://www.gnu.org/software/make/manual/make.html' },
	{ topic: 'command:cmake', program: 'cmake', explain: cmake, reference: 'https://cmake.org/cmake/help/latest/manual/cmake.1.html' },
	{ topic: 'command:ctest', program: 'ctest', explain: (cmd) => `runs the tests registered with CMake${value(cmd, '--test-dir') ? ` in ${code(value(cmd, '--test-dir')!)}` : ''}${has(cmd, '--output-on-failure') ? ', printing the output of failing ones' : ''}` },
	{ topic: 'command:meson', program: 'meson', explain: meson, reference: 'https://mesonbuild.com/Commands.html' },
	{ topic: 'command:ninja', program: 'ninja', explain: (cmd) => `compiles the project with Ninja${value(cmd, '-C') ? ` in ${code(value(cmd, '-C')!)}` : ''}${operands(cmd, 0, ['-C', '-j', '-l', '-k']).length ? ` (targets ${codeList(operands(cmd, 0, ['-C', '-j', '-l', '-k']))})` : ''}` },
	{ topic: 'command:configure', program: 'configure', explain: (cmd) => `configures the build for this machine (the autotools \`configure\` script)${cmd.args.length ? ` with ${code(cmd.argText, 50)}` : ''}` },
	{ topic: 'command:autoreconf', program: ['autoreconf', 'autogen.sh', 'bootstrap', 'autoconf', 'automake', 'libtoolize'], explain: () => 'generates the `configure` script and Makefiles templates with autotools' },
	{ topic: 'command:ccache', program: 'ccache', level: 'minor', explain: (cmd) => (has(cmd, '-s', '--show-stats') ? 'prints how often ccache reused earlier compiler results' : has(cmd, '-z', '--zero-stats') ? 'resets ccache’s statistics' : has(cmd, '--evict-older-than') ? `removes cached compiler results older than ${code(value(cmd, '--evict-older-than') ?? '?')}` : has(cmd, '-M', '--max-size') ? `limits the compiler cache to ${code(value(cmd, '-M', '--max-size') ?? '?')}` : 'manages the compiler cache') },
	{ topic: 'command:sccache', program: 'sccache', level: 'minor', explain: () => 'manages or reports on the shared compiler cache' },
	{ topic: 'command:cc', program: 'cc', explain: (cmd) => (has(cmd, '--version', '-v') ? 'prints the C/C++ compiler version' : `compiles ${codeList(operands(cmd, 0, ['-o', '-I', '-L', '-l', '-D', '-std']).filter((a) => /\.(c|cc|cpp|cxx)$/.test(a))) || 'C/C++ code'}`) },
	{ topic: 'command:pkg-config', program: 'pkg-config', level: 'minor', explain: () => 'asks pkg-config where a library is installed' },
	{ topic: 'command:vcpkg', program: 'vcpkg', explain: (cmd) => (cmd.args[0] === 'install' ? `installs the C/C++ libraries ${codeList(operands(cmd, 1)) || 'of `vcpkg.json`'} with vcpkg` : 'manages C/C++ libraries with vcpkg') },
	{ topic: 'command:conan', program: 'conan', explain: () => 'installs or builds C/C++ dependencies with Conan' },
	{
		topic: 'command:go',
		program: 'go',
		explain: (cmd) => {
			const verb = operands(cmd, 0, GO_VALUED)[0] ?? '';
			return (GO[verb] ?? (() => `runs ${code(`go ${cmd.argText}`, 40)}`))(cmd);
		},
		reference: 'https://pkg.go.dev/cmd/go',
	},
	{
		// `gotestsum [flags] -- [go test flags]`: go test with a readable summary and a JUnit report.
		topic: 'command:gotestsum',
		program: 'gotestsum',
		explain: (cmd) => {
			const dash = cmd.args.indexOf('--');
			const own: Cmd = { ...cmd, args: dash >= 0 ? cmd.args.slice(0, dash) : cmd.args };
			const goArgs = ['test', ...(dash >= 0 ? cmd.args.slice(dash + 1) : [])];
			const tests = GO.test!({ ...cmd, program: 'go', args: goArgs, argText: goArgs.join(' ') });
			const junit = value(own, '--junitfile');
			return `${tests} (through gotestsum${junit ? `, which writes a JUnit report to ${code(junit)} for the CI to show` : ''})`;
		},
		reference: 'https://github.com/gotestyourself/gotestsum',
	},
	{ topic: 'command:gofmt', program: 'gofmt', explain: (cmd) => (has(cmd, '-l') ? 'lists the Go files that are not formatted' : 'reformats the Go code') },
	{ topic: 'command:golangci-lint', program: 'golangci-lint', explain: (cmd) => (cmd.args[0] === 'run' || cmd.args.length === 0 ? 'runs the Go linters configured for golangci-lint' : `runs ${code(`golangci-lint ${cmd.argText}`, 40)}`), reference: 'https://golangci-lint.run/' },
	{ topic: 'command:staticcheck', program: ['staticcheck', 'govulncheck', 'gosec', 'revive', 'errcheck', 'ineffassign'], explain: (cmd) => (cmd.program === 'govulncheck' ? 'checks the Go code for known vulnerable dependencies that it actually calls' : cmd.program === 'gosec' ? 'scans the Go code for security problems' : `checks the Go code with ${cmd.program}`) },
	{ topic: 'command:goreleaser', program: 'goreleaser', explain: (cmd) => (cmd.args.includes('release') ? `builds the Go binaries for every platform and publishes a release${has(cmd, '--snapshot') ? ' (a snapshot, not published)' : ''}` : 'builds or checks releases with GoReleaser') },
	{
		topic: 'command:cargo',
		program: 'cargo',
		explain: (cmd) => {
			const verb = operands(cmd).find((a) => !a.startsWith('+')) ?? cmd.args[0] ?? '';
			return (CARGO[verb] ?? (() => `runs ${code(`cargo ${cmd.argText}`, 40)}`))(cmd);
		},
		reference: 'https://doc.rust-lang.org/cargo/commands/',
	},
	{
		topic: 'command:rustup',
		program: 'rustup',
		level: 'minor',
		explain(cmd) {
			const [verb, sub] = operands(cmd);
			if (verb === 'default') return `makes ${code(sub ?? '?')} the default Rust toolchain`;
			if ((verb === 'toolchain' && sub === 'install') || verb === 'install') return `installs the Rust toolchain ${codeList(operands(cmd, verb === 'install' ? 1 : 2))}`;
			if (verb === 'target') return `adds the compile target${operands(cmd, 2).length === 1 ? '' : 's'} ${codeList(operands(cmd, 2))} to Rust`;
			if (verb === 'component') return `adds the Rust component${operands(cmd, 2).length === 1 ? '' : 's'} ${codeList(operands(cmd, 2))}`;
			if (verb === 'override') return `pins the Rust toolchain for this folder to ${code(operands(cmd, 2)[0] ?? '?')}`;
			if (verb === 'update') return 'updates the installed Rust toolchains';
			if (verb === 'show') return 'prints the installed Rust toolchains';
			return `manages Rust toolchains (${code(cmd.argText, 40)})`;
		},
		reference: 'https://rust-lang.github.io/rustup/',
	},
	{ topic: 'command:cross', program: 'cross', explain: (cmd) => `${(CARGO[cmd.args[0] ?? ''] ?? (() => `runs ${code(`cargo ${cmd.argText}`, 40)}`))(cmd)}, inside a container with the cross-compiling toolchain (\`cross\`)` },
	{ topic: 'command:rustfmt', program: 'rustfmt', level: 'minor', explain: (cmd) => (has(cmd, '--version', '-V') ? 'prints the rustfmt version' : has(cmd, '--check') ? 'checks the Rust files are formatted' : 'reformats Rust files') },
	{ topic: 'command:stack', program: ['stack', 'cabal'], explain: (cmd) => ({ build: 'compiles the Haskell project', test: 'runs the Haskell tests', setup: 'installs the GHC version the project needs', install: 'builds and installs the Haskell programs', update: 'refreshes the list of Haskell packages' } as Record<string, string>)[cmd.args[0] ?? ''] ?? `runs ${code(`${cmd.program} ${cmd.argText}`, 40)}` },
	{ topic: 'command:rustc', program: 'rustc', level: 'minor', explain: (cmd) => (has(cmd, '--version', '-V', '-vV') ? 'prints the Rust compiler version' : 'compiles Rust code directly') },
	{ topic: 'command:wasm-pack', program: ['wasm-pack', 'trunk'], explain: (cmd) => `builds the Rust code to WebAssembly (${code(`${cmd.program} ${cmd.argText}`, 40)})` },
	{
		topic: 'command:dotnet',
		program: 'dotnet',
		explain: (cmd) => {
			const verb = cmd.args[0] ?? '';
			const base = DOTNET[verb];
			if (!base) return /\.dll$/.test(verb) ? `runs the .NET program ${code(verb)}` : `runs ${code(`dotnet ${cmd.argText}`, 40)}`;
			const target = operands(cmd, 1, ['-c', '--configuration', '-o', '--output', '-f', '--framework', '-r', '--runtime', '--logger', '-l', '--filter', '-v', '--verbosity', '-p', '--project', '-s', '--source', '-k', '--api-key']).find((a) => /\.(sln|csproj|fsproj|vbproj|slnx)$/.test(a) || /[\\/]/.test(a));
			const config = value(cmd, '-c', '--configuration');
			return `${base}${target ? ` of ${code(target)}` : ''}${config ? ` (${code(config)} configuration)` : ''}`;
		},
		reference: 'https://learn.microsoft.com/dotnet/core/tools/',
	},
	{ topic: 'command:msbuild', program: ['msbuild', 'MSBuild'], explain: (cmd) => cmd.args.some((a) => /^[-/]t(arget)?:/i.test(a)) ? `runs the MSBuild target ${code(cmd.args.find((a) => /^[-/]t(arget)?:/i.test(a))!.replace(/^[-/]t(arget)?:/i, ''))}${operands(cmd).filter((a) => !a.startsWith('/')).length ? ` of ${codeList(operands(cmd).filter((a) => !a.startsWith('/')))}` : ''}` : `builds ${codeList(operands(cmd).filter((a) => !a.startsWith('/'))) || 'the solution'} with MSBuild${cmd.args.find((a) => /^[/-]p(roperty)?:Configuration=/i.test(a)) ? ` (${code(cmd.args.find((a) => /Configuration=/i.test(a))!.split('=')[1]!)} configuration)` : ''}` },
	{ topic: 'command:nuget', program: ['nuget', 'NuGet'], explain: (cmd) => (cmd.args[0]?.toLowerCase() === 'restore' ? `downloads the NuGet packages of ${codeList(operands(cmd, 1)) || 'the solution'}` : cmd.args[0]?.toLowerCase() === 'push' ? 'uploads a NuGet package to a feed' : 'runs NuGet') },
	{ topic: 'command:vstest', program: ['vstest.console', 'VSTest.Console'], explain: (cmd) => `runs the .NET tests in ${codeList(operands(cmd).filter((a) => !a.startsWith('/')))} with VSTest` },
	{ topic: 'command:xcodebuild', program: ['xcodebuild', 'xcrun'], explain: (cmd) => (cmd.program === 'xcrun' ? `runs the Xcode tool ${code(cmd.args[0] ?? '?')}` : `${cmd.args.includes('test') ? 'builds and tests' : cmd.args.includes('archive') ? 'archives' : 'builds'} the Xcode project${value(cmd, '-scheme') ? ` scheme ${code(value(cmd, '-scheme')!)}` : ''}`) },
	{ topic: 'command:fastlane', program: ['fastlane', 'bundle-fastlane'], explain: (cmd) => `runs the fastlane lane ${code(operands(cmd).join(' ') || '?')}, an automated mobile build or release recipe from the \`Fastfile\`` },
	{ topic: 'command:pod', program: 'pod', explain: (cmd) => (cmd.args[0] === 'install' ? 'installs the iOS dependencies locked in `Podfile.lock` with CocoaPods' : 'runs CocoaPods') },
	{ topic: 'command:swift', program: 'swift', explain: (cmd) => (cmd.args[0] === 'test' ? 'runs the Swift package’s tests' : cmd.args[0] === 'build' ? 'compiles the Swift package' : 'runs the Swift toolchain') },
	{ topic: 'command:flutter', program: ['flutter', 'dart'], explain: (cmd) => (cmd.args[0] === 'test' ? 'runs the Flutter/Dart tests' : cmd.args[0] === 'pub' ? 'fetches the Dart packages' : cmd.args[0] === 'analyze' ? 'checks the Dart code for problems' : cmd.args[0] === 'build' ? `builds the Flutter app (${code(cmd.args[1] ?? '?')})` : `runs ${code(`${cmd.program} ${cmd.argText}`, 40)}`) },
	{ topic: 'command:zig', program: 'zig', explain: (cmd) => (cmd.args[0] === 'build' ? 'runs the Zig build' : 'runs the Zig toolchain') },
	{ topic: 'command:bazel', program: ['bazel', 'bazelisk'], explain: (cmd) => `${cmd.args[0] === 'test' ? 'builds and runs the tests' : cmd.args[0] === 'build' ? 'builds' : 'runs'} ${codeList(operands(cmd, 1)) || 'targets'} with Bazel` },
];
