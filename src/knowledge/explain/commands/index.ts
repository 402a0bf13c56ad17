/**
 * Recognising one simple command: wrappers (`sudo`, `timeout`, `bash -c`) are looked through,
 * the program name is normalised, and the first matching entry of the command tables writes
 * the phrase. Unknown programs stay unknown, so a script nobody recognised is reported as such.
 */
import { splitLine, type SimpleCommand } from '../shell';
import { code } from '../text';
import { fromFirstOperand } from './args';
import { CI_TOOL_COMMANDS } from './ci-tools';
import { CLOUD_COMMANDS } from './cloud';
import { CONTAINER_COMMANDS } from './containers';
import { JAVASCRIPT_COMMANDS } from './javascript';
import { JVM_COMMANDS } from './jvm';
import { PYTHON_COMMANDS } from './python';
import { RUBY_PHP_COMMANDS } from './ruby-php';
import { SYSTEMS_COMMANDS } from './systems';
import type { Cmd, CommandContext, CommandPattern, Recognised } from './types';
import { assigned, UNIX_COMMANDS, WRAPPERS } from './unix';
import { VCS_COMMANDS } from './vcs';

export type { CommandContext, Level, Recognised } from './types';

/** Every command table; within a program, earlier entries win. */
export const COMMAND_PATTERNS: readonly CommandPattern[] = [
	...JAVASCRIPT_COMMANDS,
	...PYTHON_COMMANDS,
	...JVM_COMMANDS,
	...SYSTEMS_COMMANDS,
	...RUBY_PHP_COMMANDS,
	...CONTAINER_COMMANDS,
	...CLOUD_COMMANDS,
	...VCS_COMMANDS,
	...CI_TOOL_COMMANDS,
	...UNIX_COMMANDS,
];

const BY_PROGRAM: ReadonlyMap<string, readonly CommandPattern[]> = (() => {
	const map = new Map<string, CommandPattern[]>();
	for (const pattern of COMMAND_PATTERNS) {
		for (const program of typeof pattern.program === 'string' ? [pattern.program] : pattern.program) {
			map.set(program, [...(map.get(program) ?? []), pattern]);
		}
	}
	return map;
})();

/** Reserved words that only open a compound command; what follows them is the command. */
const OPENERS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time', 'exec']);
/** Words that only close one. */
const CLOSERS = new Set(['fi', 'done', 'esac', '}', ';;', 'end']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'fish']);
const POWERSHELLS = new Set(['pwsh', 'powershell', 'powershell.exe', 'pwsh.exe']);
const MAX_DEPTH = 4;
const SHELL_BUILTINS = new Set(['test', '[', '[[', 'echo', 'printf', 'true', 'false', ':', 'cd', 'pushd', 'popd', 'export', 'source', '.', 'set', 'exit', 'pwd', 'alias', 'unset', 'trap', 'wait', 'shopt', 'ulimit', 'command', 'type', 'kill', 'read', 'env']);

/** What a command does, `'ignore'` for pure syntax (`fi`, `done`), undefined when not recognised. */
export function recogniseCommand(command: SimpleCommand, context: CommandContext): Recognised | 'ignore' | undefined {
	const found = recogniseWords(command.words, command, context, 0);
	if (found === undefined || found === 'ignore' || !command.background) return found;
	return { ...found, phrase: `${found.phrase}, in the background (the script goes on without waiting)` };
}

/** The program name as the tables know it: `/usr/bin/python3.11` -> `python`, `./gradlew` -> `gradlew`. */
export function normaliseProgram(word: string): string {
	const base = word.replace(/^.*[\\/]/, '').replace(/\.(exe|cmd|bat)$/i, '');
	if (/^python\d*(\.\d+)*(-dbg)?$/.test(base) || base === 'py') return 'python';
	// `$PYTHON -m pytest`, `${{ steps.x.outputs.python-path }}`: a variable naming the interpreter.
	if (/^\$/.test(word) && /python/i.test(word)) return 'python';
	if (/^pip\d*(\.\d+)*$/.test(base)) return 'pip';
	if (base === 'nodejs') return 'node';
	if (/^ruby\d+(\.\d+)*$/.test(base)) return 'ruby';
	if (/^(gcc|g\+\+|clang|clang\+\+|cc|c\+\+)(-\d+)?$/.test(base)) return 'cc';
	return base;
}

function recogniseWords(words: readonly string[], command: SimpleCommand, context: CommandContext, depth: number): Recognised | 'ignore' | undefined {
	if (depth > MAX_DEPTH) return undefined;
	let rest = [...words];
	if (rest.length === 0) {
		if (command.assignments.length === 0 || depth > 0) return 'ignore';
		return { phrase: assigned(command.assignments), topic: 'command:assignment', level: 'minor', risks: [] };
	}
	while (rest.length > 0 && OPENERS.has(rest[0]!)) rest.shift();
	const first = rest[0];
	if (first === undefined || CLOSERS.has(first) || first === 'case' || first === 'in') return 'ignore';
	// `linux) cmd ;;`: a case branch's pattern comes before its command.
	if (/^[^$=(]*\)$/.test(first)) return recogniseWords(rest.slice(1), command, context, depth);
	if (first === 'for' || first === 'select' || first === 'foreach') {
		const items = rest.slice(rest.indexOf('in') + 1);
		return {
			phrase: rest.includes('in') && items.length ? `repeats the commands below for each of ${items.length > 4 ? `${items.length} values` : items.map((i) => code(i)).join(', ')}` : 'repeats the commands below in a loop',
			topic: 'command:for',
			level: 'structural',
			risks: [],
		};
	}
	const collected: string[] = [];
	const nested = (inner: readonly string[]): Recognised | undefined => {
		const found = recogniseWords(inner, { ...command, words: [...inner], assignments: [] }, context, depth + 1);
		if (found === 'ignore' || found === undefined) return undefined;
		collected.push(...found.risks);
		return found;
	};
	const wrapped = wrapper(rest, command, context, nested);
	if (wrapped !== undefined) return wrapped === 'unknown' ? undefined : { ...wrapped, risks: [...wrapped.risks, ...collected] };

	const written = rest[0]!;
	const program = normaliseProgram(written);
	const args = rest.slice(1);
	const cmd: Cmd = { program, written, args, argText: args.join(' '), command, context, inner: nested };
	// `bin/test` is the repository's own program, not the shell's `test`.
	const builtinByPath = /[\\/]/.test(written) && SHELL_BUILTINS.has(program);
	const pattern = builtinByPath ? undefined : BY_PROGRAM.get(program)?.find((p) => !p.args || p.args.test(cmd.argText));
	if (!pattern) return repositoryScript(written);
	const found: Recognised = {
		phrase: pattern.explain(cmd),
		topic: pattern.topic,
		level: pattern.level ?? 'main',
		risks: [...(pattern.risks?.(cmd) ?? []), ...collected],
	};
	if (pattern.reference !== undefined) found.reference = pattern.reference;
	return found;
}

/**
 * `./scripts/deploy.sh`, `bin/setup`: a program named by its relative path. Not said to be the
 * repository's: an earlier command may have made it (`unzip awscliv2.zip` then `./aws/install`).
 */
function repositoryScript(written: string): Recognised | undefined {
	const relative = /^(\.{1,2}[\\/]|[\w.-]+[\\/])/.test(written) && !written.startsWith('$');
	const script = /\.(sh|bash|py|rb|pl|js|mjs|ts|ps1|cmd|bat)$/i.test(written) && !written.startsWith('$') && !written.startsWith('/');
	if (!relative && !script) return undefined;
	return { phrase: `runs the script ${code(written)}`, topic: 'command:script', level: 'main', risks: [] };
}

/**
 * Programs that run another command: the phrase is the inner command's, with a note.
 * Returns undefined when `words` is no wrapper, `'unknown'` when it is one around nothing known.
 */
function wrapper(
	words: readonly string[],
	command: SimpleCommand,
	context: CommandContext,
	nested: (inner: readonly string[]) => Recognised | undefined,
): Recognised | 'unknown' | undefined {
	const [program, ...args] = words as [string, ...string[]];
	const name = normaliseProgram(program);
	const around = (inner: readonly string[], note: string | undefined, topic: string): Recognised | 'unknown' => {
		const found = nested(inner);
		if (!found) return 'unknown';
		return { ...found, phrase: note ? `${found.phrase} (${note})` : found.phrase, topic: found.topic || topic };
	};
	const known = WRAPPERS[name];
	if (known) return around(fromFirstOperand(args, known.valued), known.note, `command:${name}`);
	if (name === 'timeout' || name === 'gtimeout') {
		const [limit, ...inner] = fromFirstOperand(args, ['-s', '-k', '--signal', '--kill-after']);
		return around(inner, `stopped after ${limit ?? '?'}`, 'command:timeout');
	}
	if (name === 'env' && args.some((a) => /^[A-Za-z_]\w*=/.test(a) || a === '-i')) {
		const inner = args.filter((a) => !/^[A-Za-z_]\w*=/.test(a) && a !== '-i');
		return inner.length ? around(inner, undefined, 'command:env') : undefined;
	}
	if (name === 'eval') {
		const text = args.join(' ');
		const sub = /^\$\((.*)\)$/s.exec(text) ?? /^`(.*)`$/s.exec(text);
		const innerText = sub ? sub[1]! : text;
		const inner = firstRecognised(innerText, context, nested);
		if (!inner) return 'unknown';
		if (!sub) return inner;
		if (/\becr get-login\b(?!-)/.test(innerText)) return { ...inner, phrase: 'logs Docker in to Amazon ECR by running the `docker login` command that `aws ecr get-login` prints (AWS CLI version 1 only)' };
		if (/\bssh-agent\b/.test(innerText)) return { ...inner, phrase: 'starts an SSH agent and points this shell at it, so keys added later are used by ssh and git' };
		return { ...inner, phrase: `runs the shell commands that ${code(innerText.trim(), 60)} prints` };
	}
	if (/^\$\(.*\)$/s.test(program) || /^`.*`$/s.test(program)) {
		const inner = firstRecognised(program.replace(/^\$\(|\)$|^`|`$/g, ''), context, nested);
		return inner ? { ...inner, phrase: `runs the command printed by a command that ${inner.phrase}` } : 'unknown';
	}
	// `python -m pytest` is pytest: the module's own entry explains it when there is one.
	if (name === 'python') {
		const at = args.findIndex((a) => /^-m/.test(a));
		if (at === -1 || !args.slice(0, at).every((a) => a.startsWith('-'))) return undefined;
		const module = args[at] === '-m' ? args[at + 1] : args[at]!.slice(2);
		if (module === undefined) return undefined;
		return nested([module, ...args.slice(at + (args[at] === '-m' ? 2 : 1))]);
	}
	// `setarch x86_64 -R -- make`, `pixi exec ccache -s`: the command comes after the wrapper's own words.
	if (name === 'setarch') return around(args.includes('--') ? args.slice(args.indexOf('--') + 1) : fromFirstOperand(args.slice(1)), undefined, 'command:setarch');
	if (name === 'pixi' && (args[0] === 'exec' || args[0] === 'run')) {
		const found = nested(fromFirstOperand(args.slice(1), ['-e', '--environment', '-s', '--spec', '--manifest-path']));
		return found ? { ...found, phrase: `${found.phrase}, in a pixi environment` } : undefined;
	}
	if (name === 'xargs') {
		const inner = fromFirstOperand(args, ['-I', '-i', '-n', '-P', '-d', '-L', '-s', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace']);
		if (inner.length === 0) return undefined;
		const found = nested(inner);
		return found ? { ...found, phrase: `${found.phrase}, once for each item it is given` } : { phrase: `runs ${code(inner.join(' '), 50)} once for each item it is given`, topic: 'command:xargs', level: 'minor', risks: [] };
	}
	if (SHELLS.has(name)) return shellRun(args, command, context, nested);
	if (POWERSHELLS.has(name)) {
		const index = args.findIndex((a) => /^-(c|command|file|f)$/i.test(a));
		const value = index === -1 ? undefined : args[index + 1];
		if (value && /^-(file|f)$/i.test(args[index]!)) return { phrase: `runs the repository’s PowerShell script ${code(value)}`, topic: 'command:script', level: 'main', risks: [] };
		const inner = value ? firstRecognised(value, context, nested) : undefined;
		return inner ?? 'unknown';
	}
	if (name === 'cmd' && /^\/[ck]$/i.test(args[0] ?? '')) return nested(args.slice(1)) ?? 'unknown';
	return undefined;
}

/** `bash -c "…"`, `bash script.sh`, `… | sh`, `bash <(curl …)`. */
function shellRun(args: readonly string[], command: SimpleCommand, context: CommandContext, nested: (inner: readonly string[]) => Recognised | undefined): Recognised | 'unknown' {
	const index = args.findIndex((a) => /^-[a-z]*c$/.test(a));
	if (index !== -1) return firstRecognised(args[index + 1] ?? '', context, nested) ?? 'unknown';
	const operand = fromFirstOperand(args, ['-o', '+o', '-O', '+O'])[0];
	if (operand === undefined || operand === '-' || operand === '-s') {
		return command.pipe.index > 0
			? { phrase: 'runs what it is given as a shell script', topic: 'command:sh', level: 'main', risks: [] }
			: { phrase: 'starts a shell', topic: 'command:sh', level: 'minor', risks: [] };
	}
	const download = /^<\((.*)\)$/s.exec(operand);
	if (download) {
		const url = /(https?:\/\/\S+)/.exec(download[1]!)?.[1]?.replace(/["')]+$/, '');
		return {
			phrase: `downloads ${url ? code(url) : 'a script'} and runs it with \`${command.words[0]}\``,
			topic: 'command:curl | sh',
			level: 'main',
			risks: [downloadedScriptRisk(url)],
		};
	}
	if (operand.startsWith('$')) return 'unknown';
	return { phrase: `runs the script ${code(operand)}`, topic: 'command:script', level: 'main', risks: [] };
}

/** The risk of running code fetched at build time, shared by `curl … | sh` and `bash <(curl …)`. */
export function downloadedScriptRisk(url: string | undefined): string {
	return `Runs a script downloaded at build time${url ? ` from ${code(url)}` : ''} without reviewing or pinning it: whatever the server returns that day runs with the job’s secrets. Pin a version and check its checksum, or install from a package manager.`;
}

function firstRecognised(text: string, context: CommandContext, nested: (inner: readonly string[]) => Recognised | undefined): Recognised | undefined {
	for (const pipeline of splitLine(text)) {
		for (const inner of pipeline) {
			const found = inner.words.length ? nested(inner.words) : undefined;
			if (found && found.level !== 'structural') return found;
		}
	}
	void context;
	return undefined;
}
