import { stripEscapes, stripEscapesByLine, throughEscapes } from './ansi';
import { isSecretValue } from './marker';
import { secretNames, type SecretNames } from './secret-names';

/** GitHub's per-line timestamp, GitLab's timestamp and stream marker (`00O+`), a BOM. */
const LINE_PREFIX = /^\uFEFF?(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?(?:[0-9a-f]{2}[OE]\+? ?)?)?/;
const ADD_MASK = /::add-mask(?:\s[^:]*)?::(.*)$/;
/**
 * A dump line: `NAME=value` (CircleCI "Preparing environment variables", `env`), `NAME: value`
 * (GitHub's `env:` block of a step), or a traced shell command (`+ export NAME=value`).
 */
const ASSIGNMENT =
	/^\s*(?<shell>(?:[+$>]+\s+)?(?:(?:export|declare\s+-x|readonly|local|setenv)\s+))?(?<trace>[+$>]+\s+)?["']?(?<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?(?:\s*=|:(?=\s|$))\s*(?<value>.*)$/;
/** `NAME=value` later in a command line: `docker run -e API_TOKEN=abc`, `A_KEY=x make`. */
const INLINE = /(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|'"`)]+)/g;
/** `"NAME": "value"` in JSON printed to a log. */
const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_.-]*)"\s*:\s*("(?:[^"\\\n]|\\.)*")/g;

const LOOKS_SECRET = secretNames();

/**
 * Values a text announces or assigns to secret-looking names, in order of appearance, each
 * once. Values shorter than MIN_SECRET_LENGTH, masks and `$VAR` references are left out
 * (see isSecretValue): the redactor would otherwise eat ordinary text. A bare predicate
 * for the names cannot say which lines to skip: every line is read.
 */
export function secretValuesIn(text: string, isSecret: SecretNames | ((name: string) => boolean) = LOOKS_SECRET): string[] {
	const names = typeof isSecret === 'function' ? { test: isSecret } : isSecret;
	const found = new Set<string>();
	const add = (value: string | undefined) => {
		const v = value?.trim();
		if (v !== undefined && isSecretValue(v)) found.add(v);
	};
	// YAML inputs spell names with `-` (`api-key:`), which the env-name conventions do not.
	const secret = (name: string) => names.test(name) || names.test(name.replace(/[-.]/g, '_'));
	const lines = 'mentionThroughEscapes' in names ? candidateLines(text, names) : stripEscapesByLine(text).split('\n');
	for (const visible of lines) {
		if (!visible.includes('=') && !visible.includes(':')) continue;
		const line = visible.replace(LINE_PREFIX, '').replace(/\r$/, '');
		const mask = ADD_MASK.exec(line);
		if (mask) {
			add(mask[1]);
			continue;
		}
		const a = ASSIGNMENT.exec(line)?.groups;
		if (a && secret(a.name!)) {
			// A shell command ends its word at a space; a dump line's value is the rest of it.
			const shell = a.shell !== undefined || a.trace !== undefined;
			add(shell ? shellWord(a.value!) : unquote(a.value!.trim()));
		}
		for (const m of line.matchAll(INLINE)) if (secret(m[1]!)) add(unquote(m[2]!));
		if (line.includes('"')) for (const m of line.matchAll(JSON_PAIR)) if (secret(m[1]!)) add(jsonString(m[2]!));
	}
	return [...found];
}

const ADD_MASK_MENTION = throughEscapes([...'::add-mask']);

/** What candidateLines looks for, made once per set of names: with escapes between letters, and without. */
const mentions = new WeakMap<SecretNames, { throughEscapes: RegExp; plain: RegExp }>();

function mentionPatterns(names: SecretNames): { throughEscapes: RegExp; plain: RegExp } {
	let patterns = mentions.get(names);
	if (!patterns) {
		patterns = {
			throughEscapes: new RegExp(`${ADD_MASK_MENTION}|${names.mentionThroughEscapes.source}`, 'gi'),
			plain: new RegExp(`::add-mask|${names.mention.source}`, 'gi'),
		};
		mentions.set(names, patterns);
	}
	return patterns;
}

/**
 * The lines (split on `\n`) of a text that may give a value, in order, stripped of escapes:
 * those holding a mention of a secret name or an `::add-mask::`, found in one pass over the
 * text as it is; no line without one. Only these lines are stripped: they are few. A text
 * without an escape is searched for the plain names, which find the same lines sooner.
 */
function candidateLines(text: string, names: SecretNames): string[] {
	const lines: string[] = [];
	const { throughEscapes, plain } = mentionPatterns(names);
	const pattern = text.includes('\x1b') ? throughEscapes : plain;
	pattern.lastIndex = 0;
	for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
		const start = text.lastIndexOf('\n', m.index) + 1;
		const end = text.indexOf('\n', m.index);
		const line = text.slice(start, end === -1 ? text.length : end);
		// A line without `=` or `:` gives no value (see secretValuesIn); escapes only ever add them.
		if (line.includes('=') || line.includes(':')) lines.push(stripEscapes(line));
		if (end === -1) break;
		// The next mention is looked for on the next line: this one is taken whole.
		pattern.lastIndex = end + 1;
	}
	return lines;
}

function unquote(value: string): string {
	if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
		const inner = value.slice(1, -1);
		return value[0] === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
	}
	return value;
}

/** The first word of a shell command's argument, quotes honoured. */
function shellWord(value: string): string {
	const m = /^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s;&|]+))/.exec(value);
	if (!m) return '';
	if (m[1] !== undefined) return m[1].replace(/\\(["\\$`])/g, '$1');
	return m[2] ?? m[3] ?? '';
}

function jsonString(literal: string): string | undefined {
	try {
		const value: unknown = JSON.parse(literal);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}
