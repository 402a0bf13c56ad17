/** Shell built-ins and the everyday Unix tools CI scripts are glued together with. */
import { code, codeList, joinAnd, looksSecret } from '../text';
import { has, operands, value } from './args';
import { outputOf, piped, printedSecretRisk, writesTo } from './output';
import type { Cmd, CommandPattern } from './types';

/** How long a `cd` or `export` lasts: GitLab and Bitbucket run a job's script lines in one shell, the others one shell per step. */
function restOf(cmd: Cmd): string {
	return cmd.context.provider === 'gitlab' || cmd.context.provider === 'bitbucket' ? 'the rest of the job’s script' : 'the rest of this step';
}

/** `[ -f x ]`, `test -z "$X"`, `[[ $A == b ]]` in words. */
function condition(args: readonly string[]): string {
	const inner = args.filter((a) => a !== ']' && a !== ']]' && a !== '!');
	const negated = args.includes('!') ? 'not ' : '';
	const [first, second, third] = inner;
	const unary: Record<string, string> = {
		'-f': 'the file', '-e': 'the path', '-d': 'the directory', '-x': 'the executable', '-s': 'the non-empty file', '-L': 'the symbolic link', '-h': 'the symbolic link',
	};
	if (first && second !== undefined && unary[first]) return `whether ${unary[first]} ${code(second)} ${negated ? 'does not exist' : 'exists'}`;
	if (first === '-z' && second !== undefined) return `whether ${code(second)} is ${negated}empty`;
	if (first === '-n' && second !== undefined) return `whether ${code(second)} is ${negated ? '' : 'not '}empty`;
	if (first !== undefined && second !== undefined && third !== undefined && /^(==?|!=|-eq|-ne|-lt|-le|-gt|-ge|=~)$/.test(second)) {
		return `how ${code(first)} compares with ${code(third)} (\`${second}\`)`;
	}
	return 'a condition';
}

const SET_OPTIONS: [RegExp, string][] = [
	[/e/, 'stop at the first failing command'],
	[/u/, 'treat unset variables as errors'],
	[/x/, 'print each command before running it'],
	[/v/, 'print each line as it is read'],
];

function setPhrase(cmd: Cmd): string {
	const effects: string[] = [];
	for (const arg of cmd.args) {
		if (/^-[a-z]+$/.test(arg)) for (const [letter, effect] of SET_OPTIONS) if (letter.test(arg)) effects.push(effect);
		if (/^\+[a-z]+$/.test(arg)) effects.push(`turn off \`${arg.replace('+', '-')}\``);
	}
	if (cmd.args.includes('pipefail')) effects.push('fail a pipeline when any command in it fails');
	return effects.length ? `makes the shell ${joinAnd([...new Set(effects)])} for ${restOf(cmd)}` : 'changes shell options';
}

function exported(cmd: Cmd): string {
	const names = cmd.args.filter((a) => !a.startsWith('-'));
	const path = names.find((a) => a.startsWith('PATH='));
	if (path && names.length === 1) {
		const added = path.slice(5).split(':').filter((p) => !/^\$\{?PATH\}?$/.test(p));
		return `adds ${codeList(added)} to \`PATH\` for ${restOf(cmd)}`;
	}
	return `${assigned(names).replace(/^sets /, `sets the environment variable${names.length === 1 ? '' : 's'} `)} for ${restOf(cmd)}`;
}

/** `sets `A` to the output of `cmd`` or `sets `A` and `B``. */
export function assigned(assignments: readonly string[]): string {
	if (assignments.length === 1) {
		const [name, ...rest] = assignments[0]!.split('=');
		const valueText = rest.join('=');
		const arithmetic = /^\$\(\((.*)\)\)$/s.exec(valueText);
		if (arithmetic) return `sets ${code(name!)} to the result of ${code(arithmetic[1]!.trim())}`;
		const sub = /^\$\((.*)\)$/s.exec(valueText) ?? /^`(.*)`$/s.exec(valueText);
		if (sub) return `sets ${code(name!)} to the output of ${code(sub[1]!)}`;
		return valueText === '' ? `sets ${code(name!)} to an empty value` : `sets ${code(name!)} to ${code(valueText, 50)}`;
	}
	return `sets ${codeList(assignments.map((a) => a.split('=')[0]!))}`;
}

function perms(cmd: Cmd): string {
	const [mode, ...files] = operands(cmd);
	const target = codeList(files, 3) || 'the files';
	if (mode && /^(\+x|u\+x|a\+x|ug\+x|\d?7[57][57])$/.test(mode)) return `makes ${target} executable`;
	return `sets the permissions of ${target} to ${code(mode ?? '?')}${has(cmd, '-R') ? ' (recursively)' : ''}`;
}

function downloadTarget(cmd: Cmd): string | undefined {
	const url = cmd.args.find((a) => /^(https?|ftp):\/\//.test(a) || /^\$\{?\w*URL/i.test(a));
	return url;
}

function curlPhrase(cmd: Cmd): string {
	const url = downloadTarget(cmd);
	const where = url ? code(url) : 'a URL';
	const method = value(cmd, '-X', '--request');
	const out = value(cmd, '-o', '--output');
	if (has(cmd, '-T', '--upload-file')) return `uploads ${code(value(cmd, '-T', '--upload-file')!)} to ${where}`;
	if ((method && method.toUpperCase() !== 'GET') || has(cmd, '-d', '--data', '--data-raw', '--data-binary', '-F', '--form', '--json')) {
		return `sends an HTTP ${(method ?? 'POST').toUpperCase()} request to ${where}${/hooks\.slack\.com|slack/.test(url ?? '') ? ' (a Slack message)' : ''}`;
	}
	if (out) return `downloads ${where} to ${code(out)}`;
	if (has(cmd, '-O', '--remote-name')) return `downloads ${where} into a file of the same name`;
	if (piped(cmd)) return `downloads ${where} and hands it to the next command`;
	return `requests ${where}${has(cmd, '-f', '--fail') ? ', failing on an HTTP error' : ''}`;
}

function wgetPhrase(cmd: Cmd): string {
	const url = downloadTarget(cmd);
	const out = value(cmd, '-O', '--output-document');
	const where = url ? code(url) : 'a URL';
	if (out === '-' || piped(cmd)) return `downloads ${where} and hands it to the next command`;
	return out ? `downloads ${where} to ${code(out)}` : `downloads ${where}`;
}

const INSECURE_TLS = 'Turns off TLS certificate checks: a man-in-the-middle could serve a different file.';

function osPackages(manager: string, verbs: RegExp, cmd: Cmd, skip = 1): string {
	const packages = operands(cmd, skip).filter((p) => !verbs.test(p));
	return packages.length ? `installs the system package${packages.length === 1 ? '' : 's'} ${codeList(packages, 6)} with ${manager}` : `installs system packages with ${manager}`;
}

export const UNIX_COMMANDS: CommandPattern[] = [
	{
		topic: 'command:echo',
		program: ['echo', 'printf'],
		level: 'minor',
		explain(cmd) {
			const text = cmd.program === 'echo' ? cmd.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ') : (cmd.args[0] ?? '');
			const out = outputOf(cmd);
			if (out) return writesTo(text, out.target, out.append);
			if (piped(cmd)) return `passes ${text ? code(text) : 'a line'} to the next command`;
			return text ? `prints ${code(text)} to the log` : 'prints an empty line';
		},
		risks: (cmd) => printedSecretRisk(cmd, cmd.args.join(' ')),
	},
	{
		topic: 'command:cat',
		program: 'cat',
		level: 'minor',
		explain(cmd) {
			const out = outputOf(cmd);
			const files = operands(cmd);
			const heredoc = cmd.command.redirects.some((r) => r.op === '<<' || r.op === '<<-');
			if (out && heredoc) return `${out.append ? 'appends' : 'writes'} the lines below it ${out.append ? 'to' : 'into'} ${code(out.target)}`;
			if (out && /GITHUB_ENV\b/.test(out.target)) return `sets the environment variables listed in ${codeList(files)} for the following steps of this job`;
			if (out && /GITHUB_OUTPUT\b/.test(out.target)) return `sets the step outputs listed in ${codeList(files)}`;
			if (out && /BASH_ENV\b/.test(out.target)) return `adds the lines of ${codeList(files)} to \`$BASH_ENV\`, which every following step of this job runs first`;
			if (out) return `${out.append ? 'appends' : 'copies'} ${codeList(files)} ${out.append ? 'to' : 'into'} ${code(out.target)}`;
			if (piped(cmd)) return `reads ${files.length ? codeList(files) : 'the text below'} into the next command`;
			return files.length ? `prints ${codeList(files)} to the log` : 'prints its input';
		},
	},
	{ topic: 'command:export', program: 'export', level: 'minor', explain: exported },
	{
		topic: 'command:cd',
		program: ['cd', 'pushd'],
		level: 'minor',
		explain(cmd) {
			const dir = operands(cmd)[0];
			if (dir === '..') return `moves up one directory for ${restOf(cmd)}`;
			return dir ? `changes into ${code(dir)} for ${restOf(cmd)}` : `changes into the home directory for ${restOf(cmd)}`;
		},
	},
	{ topic: 'command:popd', program: 'popd', level: 'minor', explain: () => 'goes back to the directory before the last `pushd`' },
	{
		topic: 'command:mkdir',
		program: 'mkdir',
		level: 'minor',
		explain: (cmd) => `creates the director${operands(cmd, 0, ['-m']).length === 1 ? 'y' : 'ies'} ${codeList(operands(cmd, 0, ['-m']))}${has(cmd, '-p', '--parents') ? ' (with any missing parents; no error if it exists)' : ''}`,
	},
	{
		topic: 'command:rm',
		program: ['rm', 'rmdir', 'del'],
		level: 'minor',
		explain: (cmd) => `deletes ${codeList(operands(cmd))}${has(cmd, '-r', '-R', '--recursive') ? ' and everything inside' : ''}`,
	},
	{
		topic: 'command:cp',
		program: ['cp', 'copy'],
		level: 'minor',
		explain(cmd) {
			const files = operands(cmd, 0, ['-t']);
			const dest = files.pop();
			return `copies ${codeList(files)}${dest ? ` to ${code(dest)}` : ''}${has(cmd, '-r', '-R', '-a', '--recursive') ? ' (directories included)' : ''}`;
		},
	},
	{
		topic: 'command:mv',
		program: ['mv', 'move'],
		level: 'minor',
		explain(cmd) {
			const files = operands(cmd, 0, ['-t']);
			const dest = files.pop();
			return `moves ${codeList(files)}${dest ? ` to ${code(dest)}` : ''}`;
		},
	},
	{
		topic: 'command:ln',
		program: 'ln',
		level: 'minor',
		explain(cmd) {
			const [target, link] = operands(cmd);
			const kind = has(cmd, '-s', '--symbolic') ? 'symbolic link' : 'hard link (a second name for the same file)';
			return link ? `creates the ${kind} ${code(link)} pointing to ${code(target ?? '?')}` : `creates a ${kind} to ${code(target ?? '?')} in the current directory`;
		},
	},
	{
		topic: 'command:chmod',
		program: 'chmod',
		level: 'minor',
		explain: perms,
		risks: (cmd) =>
			cmd.args.some((a) => /^(0?777|a\+rwx|ugo\+rwx|o\+w|a\+w)$/.test(a))
				? ['Makes files writable (and runnable) by every user of the machine (`777`); grant only what is needed, e.g. `+x` or `755`.']
				: [],
	},
	{ topic: 'command:chown', program: 'chown', level: 'minor', explain: (cmd) => `makes ${code(operands(cmd)[0] ?? '?')} the owner of ${codeList(operands(cmd, 1))}${has(cmd, '-R') ? ' (recursively)' : ''}` },
	{ topic: 'command:touch', program: 'touch', level: 'minor', explain: (cmd) => `creates the empty file ${codeList(operands(cmd))} (or updates its timestamp)` },
	{ topic: 'command:ls', program: ['ls', 'dir', 'tree'], level: 'minor', explain: (cmd) => `lists the files in ${operands(cmd).length ? codeList(operands(cmd)) : 'the current directory'}, for the log` },
	{ topic: 'command:pwd', program: 'pwd', level: 'minor', explain: () => 'prints the current directory' },
	{
		topic: 'command:env',
		program: ['env', 'printenv'],
		level: 'minor',
		explain: (cmd) => (operands(cmd).length ? `prints the value of ${codeList(operands(cmd))}` : 'prints every environment variable, for debugging'),
		risks: (cmd) =>
			operands(cmd).length === 0 && !piped(cmd) && !outputOf(cmd)
				? ['Prints every environment variable into the log; the CI masks known secret values, but any credential it does not know about shows in clear.']
				: operands(cmd).some(looksSecret)
					? ['Prints a variable that looks like a secret into the log.']
					: [],
	},
	{
		topic: 'command:set',
		program: 'set',
		level: 'structural',
		explain: setPhrase,
		risks: (cmd) =>
			cmd.args.some((a) => /^-[a-z]*x/.test(a))
				? ['`set -x` prints every command with its variables filled in: secrets used later in the script can end up in the log (only exact known values are masked).']
				: [],
	},
	{
		topic: 'command:source',
		program: ['source', '.'],
		level: 'minor',
		explain(cmd) {
			const file = operands(cmd)[0] ?? '?';
			const venv = /^(.*?)\/?(bin|Scripts)\/activate(\.\w+)?$/.exec(file);
			if (venv) return `activates the Python virtual environment ${code(venv[1] || '.')} for ${restOf(cmd)}`;
			if (/BASH_ENV/.test(file)) return 'loads the variables saved in `$BASH_ENV` by earlier steps';
			return `loads the variables and shell functions defined in ${code(file)} into ${restOf(cmd)}`;
		},
	},
	{
		topic: 'command:exit',
		program: 'exit',
		level: 'structural',
		explain(cmd) {
			const status = cmd.args[0] ?? '';
			if (status === '' || status === '0') return 'ends the script successfully';
			if (/^\d+$/.test(status)) return `stops the script with exit code ${status}, which fails the step`;
			return `stops the script with the exit code in ${code(status)}`;
		},
	},
	{ topic: 'command:test', program: ['[', '[[', 'test'], level: 'structural', explain: (cmd) => `checks ${condition(cmd.args)}` },
	{ topic: 'command:true', program: ['true', ':', 'false'], level: 'structural', explain: (cmd) => (cmd.program === 'false' ? 'fails on purpose' : 'does nothing and succeeds') },
	{ topic: 'command:sleep', program: ['sleep', 'Start-Sleep'], level: 'minor', explain: (cmd) => `waits ${code(cmd.args.join(' ') || '?')} seconds` },
	{ topic: 'command:wait', program: 'wait', level: 'minor', explain: () => 'waits for the commands started in the background to finish' },
	{ topic: 'command:trap', program: 'trap', level: 'minor', explain: (cmd) => `arranges for ${code(cmd.args[0] ?? '?')} to run when the script ${joinAnd(cmd.args.slice(1).map((s) => code(s)))}` },
	{ topic: 'command:unset', program: 'unset', level: 'minor', explain: (cmd) => `removes the variable${operands(cmd).length === 1 ? '' : 's'} ${codeList(operands(cmd))}` },
	{ topic: 'command:alias', program: 'alias', level: 'minor', explain: (cmd) => `defines the shell alias ${code((cmd.args[0] ?? '').split('=')[0] ?? '?')}` },
	{ topic: 'command:shopt', program: 'shopt', level: 'structural', explain: (cmd) => `turns ${has(cmd, '-u') ? 'off' : 'on'} the bash option${operands(cmd).length === 1 ? '' : 's'} ${codeList(operands(cmd))}` },
	{
		topic: 'command:ulimit',
		program: 'ulimit',
		level: 'minor',
		explain: (cmd) => (has(cmd, '-c') ? 'allows crashing programs to write core dumps (for debugging)' : has(cmd, '-n') ? 'raises how many files a process may open' : 'changes the resource limits of the shell'),
	},
	{ topic: 'command:stty', program: 'stty', level: 'structural', explain: () => 'sets the terminal size, so tools format their output for it' },
	{ topic: 'command:date', program: 'date', level: 'minor', explain: (cmd) => (cmd.args.some((a) => a.startsWith('+')) ? `prints the date as ${code(cmd.args.find((a) => a.startsWith('+'))!)}` : 'prints the current date and time') },
	{
		topic: 'command:system-info',
		program: ['uname', 'whoami', 'hostname', 'id', 'nproc', 'lscpu', 'free', 'df', 'du', 'uptime', 'lsb_release', 'sw_vers', 'systeminfo', 'vmstat', 'top', 'ps'],
		level: 'minor',
		explain(cmd) {
			const what: Record<string, string> = {
				uname: 'the operating system and kernel', whoami: 'the user running the job', hostname: 'the machine name', id: 'the user and groups running the job',
				nproc: 'how many CPUs the job has', lscpu: 'the CPU details', free: 'the memory available', df: 'the free disk space', du: 'how much disk space the files take',
				uptime: 'how long the machine has run', lsb_release: 'the Linux distribution', sw_vers: 'the macOS version', systeminfo: 'the Windows system details', vmstat: 'memory and CPU use',
				top: 'the running processes', ps: 'the running processes',
			};
			return `prints ${what[cmd.program] ?? 'system information'}, for the log`;
		},
	},
	{
		topic: 'command:which',
		program: ['which', 'type', 'where', 'Get-Command'],
		level: 'minor',
		explain: (cmd) => `shows where ${codeList(operands(cmd))} is installed (and fails if it is not)`,
	},
	{ topic: 'command:command', program: 'command', args: /^-v\b/, level: 'minor', explain: (cmd) => `checks whether ${codeList(operands(cmd))} is installed` },
	{
		topic: 'command:tar',
		program: 'tar',
		level: 'minor',
		explain(cmd) {
			const file = value(cmd, '-f', '--file') ?? operands(cmd).find((a) => /\.(tar|tgz|gz|bz2|xz|zst)$/.test(a));
			const into = value(cmd, '-C', '--directory');
			const extract = has(cmd, '-x', '--extract') || /^x/.test(cmd.args[0] ?? '');
			const create = has(cmd, '-c', '--create') || /^c/.test(cmd.args[0] ?? '');
			const archive = file && file !== '-' ? code(file) : piped(cmd) || !file ? 'the archive it is given' : 'the archive';
			if (extract) return `unpacks ${file === '-' || (!file && cmd.command.pipe.index > 0) ? 'the downloaded archive' : archive}${into ? ` into ${code(into)}` : ''}`;
			if (create) return `packs ${codeList(operands(cmd).filter((a) => a !== file)) || 'files'} into ${archive}`;
			return `works with the tar archive ${archive}`;
		},
	},
	{
		topic: 'command:7z',
		program: ['7z', '7za'],
		level: 'minor',
		explain: (cmd) => (cmd.args[0] === 'a' ? `packs ${codeList(operands(cmd, 2))} into the archive ${code(operands(cmd, 1)[0] ?? '?')}` : /^[xe]$/.test(cmd.args[0] ?? '') ? `unpacks the archive ${code(operands(cmd, 1)[0] ?? '?')}` : 'works with a 7-Zip archive'),
	},
	{ topic: 'command:unzip', program: ['unzip', 'gunzip', 'Expand-Archive'], level: 'minor', explain: (cmd) => `unpacks ${codeList(operands(cmd, 0, ['-d']).slice(0, 1))}${value(cmd, '-d') ? ` into ${code(value(cmd, '-d')!)}` : ''}` },
	{ topic: 'command:zip', program: ['zip', 'gzip', 'Compress-Archive'], level: 'minor', explain: (cmd) => `compresses ${codeList(operands(cmd).slice(cmd.program === 'zip' ? 1 : 0))}${cmd.program === 'zip' && operands(cmd)[0] ? ` into ${code(operands(cmd)[0]!)}` : ''}` },
	{
		topic: 'command:checksum',
		program: ['sha256sum', 'sha512sum', 'sha1sum', 'shasum', 'md5sum', 'md5'],
		level: 'minor',
		explain: (cmd) => (has(cmd, '-c', '--check') ? 'checks downloaded files against their expected checksums, failing if one was altered' : `computes the checksum of ${codeList(operands(cmd, 0, ['-a'])) || 'its input'}`),
	},
	{ topic: 'command:jq', program: ['jq', 'yq'], level: 'minor', explain: (cmd) => `reads ${code(operands(cmd, 0, ['--arg', '--argjson'])[0] ?? '.')} out of ${cmd.program === 'jq' ? 'JSON' : 'YAML'}${operands(cmd, 1).length ? ` in ${codeList(operands(cmd, 1, ['--arg', '--argjson']))}` : ''}` },
	{
		topic: 'command:sed',
		program: ['sed', 'gsed'],
		level: 'minor',
		explain(cmd) {
			const files = operands(cmd, 1, ['-e']);
			return has(cmd, '-i', '--in-place') || cmd.args.some((a) => a.startsWith('-i'))
				? `edits ${codeList(files) || 'files'} in place with the sed expression ${code(cmd.args.find((a) => !a.startsWith('-')) ?? '?', 50)}`
				: 'rewrites text with a sed expression';
		},
	},
	{ topic: 'command:awk', program: ['awk', 'gawk'], level: 'minor', explain: () => 'picks out and reformats text with an awk program' },
	{
		topic: 'command:grep',
		program: ['grep', 'egrep', 'rg'],
		level: 'minor',
		explain: (cmd) => {
			const [pattern, ...files] = operands(cmd, 0, ['-e', '-f', '-m', '-A', '-B', '-C']);
			const where = files.length ? ` in ${codeList(files)}` : '';
			return has(cmd, '-q', '--quiet') ? `checks whether ${code(pattern ?? '?')} appears${where}` : `searches for ${code(pattern ?? '?')}${where}`;
		},
	},
	{
		topic: 'command:find',
		program: 'find',
		level: 'minor',
		explain: (cmd) => {
			const dir = cmd.args[0] && !cmd.args[0].startsWith('-') ? cmd.args[0] : '.';
			const name = value(cmd, '-name', '-iname');
			const what = name ? `files named ${code(name)}` : 'files';
			if (has(cmd, '-delete')) return `deletes the ${what} under ${code(dir)}`;
			if (has(cmd, '-exec')) return `runs ${code(cmd.args.slice(cmd.args.indexOf('-exec') + 1).join(' ').replace(/\s*[;+]$/, ''), 50)} on each of the ${what} under ${code(dir)}`;
			return `lists the ${what} under ${code(dir)}`;
		},
	},
	{ topic: 'command:text-tools', program: ['sort', 'uniq', 'head', 'tail', 'wc', 'cut', 'tr', 'column', 'xargs', 'rev', 'paste', 'basename', 'dirname', 'realpath', 'readlink'], level: 'minor', explain: (cmd) => `processes text with \`${cmd.program}\`` },
	{ topic: 'command:diff', program: ['diff', 'cmp'], level: 'minor', explain: (cmd) => { const [a, b] = operands(cmd, 0, ['-U', '-C', '--label']); return `compares ${a ? code(a, 40) : 'two files'}${b ? ` with ${code(b, 40)}` : ''}, failing if they differ`; } },
	{
		topic: 'command:tee',
		program: ['tee', 'Tee-Object'],
		level: 'minor',
		explain: (cmd) => `writes what it receives both to the log and to ${codeList(operands(cmd)) || 'a file'}${has(cmd, '-a', '--append') ? ' (appending)' : ''}`,
	},
	{
		topic: 'command:base64',
		program: 'base64',
		level: 'minor',
		explain: (cmd) => (has(cmd, '-d', '--decode', '-D') ? `decodes base64 text${outputOf(cmd) ? ` into ${code(outputOf(cmd)!.target)}` : ''} (often a key or certificate kept encoded in a variable)` : 'encodes its input as base64'),
	},
	{ topic: 'command:envsubst', program: 'envsubst', level: 'minor', explain: (cmd) => `fills the \`$VARIABLES\` of a template with their values${outputOf(cmd) ? ` into ${code(outputOf(cmd)!.target)}` : ''}` },
	{
		topic: 'command:openssl',
		program: 'openssl',
		explain: (cmd) => (/\b(enc|aes|smime)\b/.test(cmd.argText) && has(cmd, '-d') ? `decrypts ${code(value(cmd, '-in') ?? '?')}${value(cmd, '-out') ? ` into ${code(value(cmd, '-out')!)}` : ''} with OpenSSL` : `runs OpenSSL (${code(cmd.args[0] ?? '')})`),
	},
	{ topic: 'command:gpg', program: ['gpg', 'gpg2'], explain: (cmd) => (has(cmd, '--import') ? 'imports a GPG key (for signing or decrypting)' : has(cmd, '--decrypt', '-d') ? `decrypts ${codeList(operands(cmd, 0, ['--output', '-o', '--passphrase'])) || 'a file'} with GPG` : 'runs GPG to sign, verify or decrypt files') },
	{
		topic: 'command:curl',
		program: 'curl',
		explain: curlPhrase,
		risks: (cmd) => (has(cmd, '-k', '--insecure') ? [INSECURE_TLS] : []),
		reference: 'https://curl.se/docs/manpage.html',
	},
	{ topic: 'command:wget', program: ['wget', 'Invoke-WebRequest', 'iwr'], explain: wgetPhrase, risks: (cmd) => (has(cmd, '--no-check-certificate') ? [INSECURE_TLS] : []) },
	{
		topic: 'command:ssh-keyscan',
		program: 'ssh-keyscan',
		explain: (cmd) => `trusts the SSH host key that ${codeList(operands(cmd, 0, ['-t', '-p', '-T']))} presents, so later SSH and git connections to it do not stop at the host-key prompt`,
	},
	{ topic: 'command:ssh-add', program: 'ssh-add', level: 'minor', explain: () => 'loads an SSH private key into the SSH agent' },
	{ topic: 'command:ssh-agent', program: 'ssh-agent', level: 'minor', explain: () => 'starts an SSH agent to hold keys for later connections' },
	{
		topic: 'command:ssh',
		program: 'ssh',
		explain(cmd) {
			const [host, ...rest] = operands(cmd, 0, ['-i', '-p', '-o', '-l', '-F', '-J']);
			return rest.length ? `connects over SSH to ${code(host ?? '?')} and runs ${code(rest.join(' '), 60)} there` : `connects over SSH to ${code(host ?? '?')}`;
		},
		risks: (cmd) => (/StrictHostKeyChecking[= ]no/i.test(cmd.argText) ? ['`StrictHostKeyChecking=no` accepts any host key: the connection would not notice a server pretending to be the real one.'] : []),
	},
	{
		topic: 'command:scp',
		program: ['scp', 'rsync', 'sftp'],
		explain(cmd) {
			const files = operands(cmd, 0, ['-i', '-P', '-e', '-o']);
			const dest = files.pop();
			return `copies ${codeList(files)} to ${code(dest ?? '?')}${/:/.test(dest ?? '') ? ' over SSH' : ''}${has(cmd, '--delete') ? ', deleting files there that are not in the source' : ''}`;
		},
		risks: (cmd) => (/StrictHostKeyChecking[= ]no/i.test(cmd.argText) ? ['`StrictHostKeyChecking=no` accepts any host key: the connection would not notice a server pretending to be the real one.'] : []),
	},
	{ topic: 'command:nc', program: ['nc', 'netcat'], level: 'minor', explain: (cmd) => `checks whether ${code(operands(cmd, 0, ['-w']).join(':'))} accepts connections` },
	{ topic: 'command:kill', program: ['kill', 'pkill', 'killall'], level: 'minor', explain: (cmd) => `stops the process ${codeList(operands(cmd))}` },
	// --- system packages ----------------------------------------------------------------------
	{ topic: 'command:apt-get update', program: ['apt-get', 'apt'], args: /^(\S+ )*update\b/, level: 'minor', explain: () => 'refreshes the list of Debian/Ubuntu packages available to install' },
	{
		topic: 'command:apt-get install',
		program: ['apt-get', 'apt', 'aptitude'],
		args: /^(-\S+ )*install\b/,
		explain: (cmd) => osPackages('apt', /^install$/, cmd, 0),
		risks: (cmd) => (has(cmd, '--allow-unauthenticated', '--allow-insecure-repositories') ? ['Installs packages whose signatures are not checked.'] : []),
		reference: 'https://manpages.debian.org/apt-get',
	},
	{
		topic: 'command:apt-get',
		program: ['apt-get', 'apt'],
		level: 'minor',
		explain: (cmd) => {
			const verb = operands(cmd)[0] ?? '';
			if (/^(remove|purge|autoremove)$/.test(verb)) return `removes the system packages ${codeList(operands(cmd, 1)) || 'no longer needed'}`;
			if (/^(clean|autoclean)$/.test(verb)) return 'deletes downloaded package files to save space';
			if (/^(upgrade|dist-upgrade|full-upgrade)$/.test(verb)) return 'upgrades every installed system package';
			return `manages system packages with apt (${code(verb)})`;
		},
	},
	{ topic: 'command:add-apt-repository', program: 'add-apt-repository', level: 'minor', explain: (cmd) => `adds the package source ${code(operands(cmd)[0] ?? '?')} to apt` },
	{ topic: 'command:dpkg', program: 'dpkg', explain: (cmd) => (has(cmd, '-i', '--install') ? `installs the downloaded Debian package ${codeList(operands(cmd))}` : 'queries the installed Debian packages') },
	{ topic: 'command:apk add', program: 'apk', args: /^(\S+ )*add\b/, explain: (cmd) => osPackages('apk (Alpine Linux)', /^add$/, cmd, 0) },
	{ topic: 'command:apk', program: 'apk', level: 'minor', explain: (cmd) => (/update/.test(cmd.argText) ? 'refreshes the list of Alpine packages' : 'manages Alpine packages') },
	{ topic: 'command:yum install', program: ['yum', 'dnf', 'microdnf', 'zypper', 'tdnf'], args: /\b(install|in)\b/, explain: (cmd) => osPackages(cmd.program, /^(install|in)$/, cmd, 0) },
	{ topic: 'command:yum', program: ['yum', 'dnf', 'microdnf', 'zypper'], level: 'minor', explain: (cmd) => (/update|upgrade|makecache|refresh/.test(cmd.argText) ? 'updates the package lists (and installed packages) of the Linux distribution' : `manages system packages with ${cmd.program}`) },
	{ topic: 'command:brew install', program: 'brew', args: /^(install|reinstall|upgrade)\b/, explain: (cmd) => osPackages('Homebrew', /^(install|reinstall|upgrade)$/, cmd, 0) },
	{ topic: 'command:brew', program: 'brew', level: 'minor', explain: (cmd) => (cmd.args[0] === 'bundle' ? 'installs the tools listed in the `Brewfile` with Homebrew' : cmd.args[0] === 'update' ? 'updates Homebrew’s list of packages' : `runs Homebrew (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:choco install', program: ['choco', 'scoop', 'winget'], args: /^(install|upgrade)\b/, explain: (cmd) => osPackages(cmd.program === 'choco' ? 'Chocolatey (Windows)' : cmd.program === 'scoop' ? 'Scoop (Windows)' : 'winget (Windows)', /^(install|upgrade)$/, cmd, 0) },
	{ topic: 'command:scoop', program: ['scoop', 'choco'], level: 'minor', explain: (cmd) => `manages Windows packages with ${cmd.program} (${code(cmd.args[0] ?? '')})` },
	{ topic: 'command:pacman', program: 'pacman', explain: (cmd) => (has(cmd, '-S') || /^-S/.test(cmd.args[0] ?? '') ? osPackages('pacman', /^-/, cmd, 0) : 'manages packages with pacman') },
	{ topic: 'command:snap install', program: 'snap', args: /^install\b/, explain: (cmd) => osPackages('snap', /^install$/, cmd, 0) },
	{ topic: 'command:update-alternatives', program: 'update-alternatives', level: 'minor', explain: () => 'chooses which installed version a command name points to' },
	{ topic: 'command:update-ca-certificates', program: 'update-ca-certificates', level: 'minor', explain: () => 'rebuilds the list of trusted TLS certificate authorities' },
	{ topic: 'command:locale-gen', program: ['locale-gen', 'localedef'], level: 'minor', explain: () => 'generates the locale (language settings) programs ask for' },
	{ topic: 'command:ldconfig', program: 'ldconfig', level: 'minor', explain: () => 'refreshes the list of shared libraries' },
	{ topic: 'command:systemctl', program: ['systemctl', 'service'], explain: (cmd) => `${/start|restart/.test(cmd.argText) ? 'starts' : /stop/.test(cmd.argText) ? 'stops' : 'manages'} the system service ${codeList(operands(cmd).filter((a) => !/^(start|stop|restart|status|enable)$/.test(a)))}` },
	{ topic: 'command:useradd', program: ['useradd', 'adduser', 'groupadd', 'usermod'], level: 'minor', explain: () => 'creates or changes a user account on the build machine' },
	{ topic: 'command:mount', program: ['mount', 'umount'], level: 'minor', explain: () => 'mounts or unmounts a file system' },
];

/** Programs that only run what follows them, with the flags that take a value. */
export const WRAPPERS: Record<string, { valued: readonly string[]; note?: string }> = {
	sudo: { valued: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'], note: 'as root' },
	nohup: { valued: [] },
	time: { valued: [] },
	exec: { valued: ['-a'] },
	nice: { valued: ['-n'] },
	stdbuf: { valued: [] },
	unbuffer: { valued: [] },
	caffeinate: { valued: [] },
	builtin: { valued: [] },
	'xvfb-run': { valued: ['-n', '-s', '--server-num', '--server-args', '-f', '-e'], note: 'with a virtual X display, for browser or GUI tests' },
	travis_retry: { valued: [], note: 'retrying it up to 3 times' },
	retry: { valued: ['-t', '--times', '-d', '--delay', '-n'], note: 'retrying it when it fails' },
	chronic: { valued: [] },
	ionice: { valued: ['-c', '-n'] },
	catchsegv: { valued: [] },
};
