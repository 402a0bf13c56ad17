/**
 * Where a command's output goes, read from its redirects: the CI's own files (`$GITHUB_ENV`,
 * `$BASH_ENV`) turn an `echo` into "sets a variable for the next steps".
 */
import { code, looksSecret } from '../text';
import type { Cmd } from './types';

/** The file stdout is sent to (`> f`, `>> f`, `| tee f`), with whether it appends. */
export function outputOf(cmd: Cmd): { target: string; append: boolean } | undefined {
	const redirect = cmd.command.redirects.filter((r) => (r.op === '>' || r.op === '>>' || r.op === '>|') && (r.fd === undefined || r.fd === '1' || r.fd === '&')).at(-1);
	return redirect ? { target: redirect.target, append: redirect.op === '>>' } : undefined;
}

/** Whether the command's output goes into the next command of a pipeline. */
export function piped(cmd: Cmd): boolean {
	return cmd.command.pipe.index < cmd.command.pipe.length - 1;
}

const SPECIAL_FILES: [RegExp, (text: string) => string][] = [
	[/GITHUB_ENV\b/, (text) => `sets the environment variable ${name(text)} for the following steps of this job`],
	[/GITHUB_OUTPUT\b/, (text) => `sets the step output ${name(text)}, which later steps read as \`steps.<id>.outputs.${bare(text)}\``],
	[/GITHUB_PATH\b/, (text) => `adds ${code(text)} to \`PATH\` for the following steps of this job`],
	[/GITHUB_STEP_SUMMARY\b/, () => 'adds a line to the job summary shown on the run page'],
	[
		/BASH_ENV\b/,
		(text) =>
			/^export\s/.test(text)
				? `adds ${code(text)} to \`$BASH_ENV\`, a file every following step of this job runs first, so they all get ${name(text.replace(/^export\s+/, ''))}`
				: `adds ${code(text)} to \`$BASH_ENV\`, a file every following step of this job runs first`,
	],
	[/^\/dev\/null$/, () => 'runs with its output discarded'],
	[/^\/dev\/stderr$/, (text) => `prints ${code(text)} to the error stream`],
];

/** What writing `text` to `target` does, as a phrase. */
export function writesTo(text: string, target: string, append: boolean): string {
	const special = SPECIAL_FILES.find(([pattern]) => pattern.test(target));
	if (special) return special[1](text);
	if (/(^|\/)\.npmrc$/.test(target) && /_authToken/.test(text)) return `writes the npm registry token into ${code(target)}, so npm can install private packages or publish`;
	if (/(^|\/)\.pypirc$/.test(target)) return `writes PyPI upload settings into ${code(target)}`;
	return `${append ? 'appends' : 'writes'} ${text ? code(text) : 'a line'} ${append ? 'to' : 'into'} ${code(target)}`;
}

function bare(text: string): string {
	return /^([A-Za-z_][\w-]*)=/.exec(text)?.[1] ?? '…';
}

function name(text: string): string {
	const match = /^([A-Za-z_][\w-]*)=/.exec(text);
	return match ? code(match[1]!) : code(text);
}

/** `$VAR`, `${VAR}` and `${{ secrets.X }}` in a text that look like they hold a secret. */
export function secretReferences(text: string): string[] {
	const found = [...text.matchAll(/\$\{\{\s*([\w.]+)\s*\}\}|\$\{?([A-Za-z_]\w*)\}?/g)].map((m) => m[1] ?? m[2]!);
	return found.filter((ref) => looksSecret(ref) && !/^(GITHUB_TOKEN_PERMISSIONS)$/.test(ref));
}

/** The risk of printing a secret into the log, when the command's output stays in the log. */
export function printedSecretRisk(cmd: Cmd, text: string): string[] {
	if (outputOf(cmd) || piped(cmd)) return [];
	const secrets = secretReferences(text);
	if (secrets.length === 0) return [];
	return [
		`Prints ${code(secrets.map((s) => (s.includes('.') ? `\${{ ${s} }}` : `$${s}`)).join(', '))}, which looks like a secret, into the job log; the CI masks exact secret values only, so an encoded or partial value would show.`,
	];
}
