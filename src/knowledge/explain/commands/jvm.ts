/** Java, Kotlin, Scala and Clojure builds: Maven, Gradle, sbt, Leiningen, the Clojure CLI. */
import { code, codeList, joinAnd } from '../text';
import { has, operands, value, values } from './args';
import type { Cmd, CommandPattern } from './types';

const MAVEN_PHASES: Record<string, string> = {
	clean: 'deletes earlier build output',
	validate: 'checks the project is correct',
	compile: 'compiles the code',
	test: 'compiles and runs the unit tests',
	package: 'compiles, tests and packages the code (a JAR or WAR)',
	verify: 'builds, tests and runs the integration checks',
	install: 'builds, tests and installs the package into the local Maven repository',
	deploy: 'builds, tests and uploads the package to the remote Maven repository',
	site: 'generates the project site',
};

function maven(cmd: Cmd): string {
	const goals = operands(cmd, 0, ['-s', '--settings', '-f', '--file', '-pl', '--projects', '-P', '--activate-profiles', '-T', '--threads', '-gs', '-rf', '-Dmaven.repo.local', '-t']).filter((g) => !g.startsWith('$'));
	if (has(cmd, '-v', '--version', '-version')) return 'prints the Maven and Java versions';
	const parts = goals.map((goal) => MAVEN_PHASES[goal] ?? (/^dependency:(go-offline|resolve)/.test(goal) ? 'downloads every dependency ahead of time' : /sonar/.test(goal) ? 'sends the code to SonarQube for analysis' : /jib:/.test(goal) ? 'builds a container image with Jib' : /spotless:check|checkstyle|spotbugs|pmd/.test(goal) ? `runs the ${code(goal)} code check` : `runs ${code(goal)}`));
	const notes: string[] = [];
	if (cmd.args.some((a) => /^-D(skipTests|maven\.test\.skip)(=true)?$/.test(a))) notes.push('skipping the tests');
	if (has(cmd, '-B', '--batch-mode')) notes.push('in batch mode for CI logs');
	const settings = value(cmd, '-s', '--settings');
	if (settings) notes.push(`with the settings in ${code(settings)}`);
	const modules = value(cmd, '-pl', '--projects');
	if (modules) notes.push(`for the modules ${code(modules)}`);
	const via = /mvnw/.test(cmd.written) ? 'the project’s Maven wrapper' : 'Maven';
	return `${parts.length ? `runs ${codeList(goals, 4)} with ${via}: ${joinAnd([...new Set(parts)].slice(0, 3))}` : `runs ${via}`}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

const GRADLE_TASKS: Record<string, string> = {
	build: 'compiles, tests and packages everything',
	assemble: 'compiles and packages without running tests',
	test: 'runs the unit tests',
	check: 'runs the tests and every code check',
	clean: 'deletes earlier build output',
	publish: 'uploads the built artifacts to the configured repositories',
	lint: 'runs Android lint',
	bootJar: 'packages the Spring Boot app as an executable JAR',
	jar: 'packages the JAR',
	assembleRelease: 'builds the release Android app',
	assembleDebug: 'builds the debug Android app',
	bundleRelease: 'builds the release Android App Bundle',
	connectedAndroidTest: 'runs the instrumented tests on an Android device or emulator',
	jacocoTestReport: 'writes the JaCoCo coverage report',
	sonarqube: 'sends the code to SonarQube for analysis',
	sonar: 'sends the code to SonarQube for analysis',
	spotlessCheck: 'checks code formatting with Spotless',
	ktlintCheck: 'checks Kotlin style with ktlint',
	detekt: 'runs the detekt static analysis for Kotlin',
	dependencies: 'prints the dependency tree',
	javadoc: 'generates the Javadoc',
};

function gradle(cmd: Cmd): string {
	if (has(cmd, '--version', '-v')) return 'prints the Gradle, Kotlin and Java versions';
	const tasks = operands(cmd, 0, ['-x', '--exclude-task', '-p', '--project-dir', '-c', '--settings-file', '-I', '--init-script', '--max-workers', '-g', '--gradle-user-home', '--console', '-D', '-P']).filter((t) => !/^-/.test(t) && !t.startsWith('$'));
	const via = /gradlew/.test(cmd.written) ? 'the project’s Gradle wrapper' : 'Gradle';
	if (tasks.length === 0) return `runs ${via}`;
	const described = tasks.map((t) => GRADLE_TASKS[t.replace(/^.*:/, '')]).filter((d): d is string => d !== undefined);
	const notes: string[] = [];
	const excluded = values(cmd, '-x', '--exclude-task');
	if (excluded.length) notes.push(`skipping ${codeList(excluded)}`);
	if (has(cmd, '--no-daemon')) notes.push('without a background daemon');
	if (has(cmd, '--build-cache')) notes.push('reusing cached task outputs');
	if (has(cmd, '--scan')) notes.push('publishing a build scan');
	return `runs the Gradle task${tasks.length === 1 ? '' : 's'} ${codeList(tasks, 4)} with ${via}${described.length ? ` (${joinAnd([...new Set(described)].slice(0, 3))})` : ''}${notes.length ? `, ${notes.join(', ')}` : ''}`;
}

const LEIN: Record<string, string> = {
	test: 'runs the Clojure tests',
	deps: 'downloads the dependencies',
	uberjar: 'builds a standalone JAR with every dependency inside',
	jar: 'builds the JAR',
	run: 'runs the app',
	check: 'compiles every namespace to catch errors and reflection warnings',
	cloverage: 'measures test coverage with cloverage',
	kibit: 'suggests more idiomatic Clojure',
	eastwood: 'lints the Clojure code with Eastwood',
	'cljfmt': 'checks the Clojure formatting',
	ancient: 'lists outdated dependencies',
	deploy: 'uploads the JAR to a Maven repository (such as Clojars)',
	install: 'installs the JAR into the local Maven repository',
	'test-refresh': 'reruns the tests on changes',
	kaocha: 'runs the tests with Kaocha',
	midje: 'runs the Midje tests',
	doo: 'runs the ClojureScript tests',
	cljsbuild: 'compiles the ClojureScript',
};

function clojureCli(cmd: Cmd): string {
	const alias = /^-([MXTA]|R|C|O|S\w*)(:\S+)?$/;
	const parts: string[] = [];
	for (const arg of cmd.args) {
		const m = alias.exec(arg);
		if (!m) continue;
		const aliases = m[2] ? code(m[2]) : '';
		if (m[1] === 'M') parts.push(`runs the main function of the alias${aliases ? ` ${aliases}` : 'es'} from \`deps.edn\``);
		else if (m[1] === 'X') parts.push(`calls the function of the alias ${aliases} from \`deps.edn\``);
		else if (m[1] === 'T') parts.push(`runs the tool ${aliases}${aliases ? '' : ' given'} (such as \`build.clj\`)`);
		else if (m[1] === 'A' || m[1] === 'R' || m[1] === 'C') parts.push(`uses the aliases ${aliases} of \`deps.edn\``);
		else if (m[1] === 'Spath') parts.push('computes the classpath, which downloads every dependency it needs');
		else if (m[1] === 'Sdeps') parts.push('adds dependencies given on the command line');
		else if (m[1] === 'P') parts.push('downloads the dependencies without running anything');
	}
	if (cmd.args.includes('-P')) parts.push('downloads the dependencies without running anything');
	return parts.length ? `with the Clojure CLI, ${joinAnd([...new Set(parts)])}` : 'runs Clojure code with the Clojure CLI';
}

export const JVM_COMMANDS: CommandPattern[] = [
	{ topic: 'command:mvn', program: ['mvn', 'mvnw', 'mvnd'], explain: maven, reference: 'https://maven.apache.org/guides/introduction/introduction-to-the-lifecycle.html' },
	{ topic: 'command:gradle', program: ['gradle', 'gradlew'], explain: gradle, reference: 'https://docs.gradle.org/current/userguide/command_line_interface.html' },
	{ topic: 'command:sbt', program: 'sbt', explain: (cmd) => `runs the sbt (Scala) command${operands(cmd).length === 1 ? '' : 's'} ${codeList(operands(cmd, 0, ['-J', '-D']))}` },
	{ topic: 'command:lein', program: 'lein', explain: (cmd) => { const [task = ''] = operands(cmd, 0, ['with-profile', 'with-profiles']).filter((t) => !/^\+?[\w-]+,/.test(t)); const withProfile = cmd.args[0] === 'with-profile' || cmd.args[0] === 'with-profiles' ? ` with the ${code(cmd.args[1] ?? '?')} profile` : ''; const task2 = withProfile ? (cmd.args[2] ?? '') : task; return `${LEIN[task2] ?? `runs the Leiningen task ${code(task2)}`}${withProfile} (Leiningen)`; }, reference: 'https://leiningen.org/' },
	{ topic: 'command:clojure', program: ['clojure', 'clj'], explain: clojureCli, reference: 'https://clojure.org/reference/clojure_cli' },
	{ topic: 'command:kaocha', program: 'kaocha', explain: (cmd) => `runs the Clojure tests with Kaocha${operands(cmd, 0, ['--reporter', '--plugin', '--config-file', '--focus', '--skip'])[0] ? ` (suite ${code(operands(cmd, 0, ['--reporter', '--plugin', '--config-file', '--focus', '--skip'])[0]!)})` : ''}${values(cmd, '--plugin').length ? `, with the ${codeList(values(cmd, '--plugin'))} plugin${values(cmd, '--plugin').length === 1 ? '' : 's'}` : ''}`, reference: 'https://cljdoc.org/d/lambdaisland/kaocha/' },
	{ topic: 'command:shadow-cljs', program: 'shadow-cljs', explain: (cmd) => `compiles the ClojureScript build ${codeList(operands(cmd, 1))} with shadow-cljs` },
	{
		topic: 'command:java',
		program: 'java',
		explain(cmd) {
			if (has(cmd, '-version', '--version')) return 'prints the Java version';
			const jar = value(cmd, '-jar');
			return jar ? `runs the Java application packaged in ${code(jar)}` : `runs the Java class ${code(operands(cmd, 0, ['-cp', '-classpath', '--class-path'])[0] ?? '?')}`;
		},
	},
	{ topic: 'command:javac', program: ['javac', 'kotlinc', 'scalac'], explain: (cmd) => `compiles ${codeList(operands(cmd, 0, ['-d', '-cp', '-classpath'])) || 'source files'}` },
	{ topic: 'command:keytool', program: 'keytool', explain: () => 'manages Java keys and certificates (for signing or trusting a certificate)' },
	{ topic: 'command:sdk', program: 'sdk', level: 'minor', explain: (cmd) => (cmd.args[0] === 'install' ? `installs ${codeList(operands(cmd, 1))} with SDKMAN!` : `manages JVM tools with SDKMAN! (${code(cmd.argText)})`) },
	{ topic: 'command:sonar-scanner', program: ['sonar-scanner', 'sonar'], explain: () => 'sends the code (and test coverage) to SonarQube/SonarCloud, which reports bugs, smells and whether the quality gate passes' },
];
