/**
 * Bitbucket's branch, tag and path patterns as the model's patterns. Bitbucket's globs share
 * GitHub's `*` (stops at `/`) and `**` (does not), which the model's `glob` kind reads; `{a,b}`
 * is a choice, which becomes one pattern per alternative. Anything else GitHub's reader would
 * take otherwise (`?`, `[...]`, `+`, a leading `!`) makes the pattern a regular expression:
 * `?` one character, `[...]` a class (`[!...]` its negation), the rest literal. Bitbucket
 * documents only `*`, `**` and choices; `?` and classes are read as globs usually read them.
 */
import type { Pattern } from '../../model';

const WILDCARD = /[*?[{]/;
/** What GitHub's glob reader (the model's `glob`) would read otherwise than Bitbucket does. */
const NOT_GITHUB = /[?[\]+\\]|^!/;
/** Beyond this many alternatives a choice stays one regular expression (`{a,b}` twenty times over is a million names). */
const MAX_ALTERNATIVES = 64;

/** `{feature/*,hotfix/*}` -> `feature/*`, `hotfix/*` (nested choices expand too). */
export function expandChoices(glob: string): string[] {
	const open = glob.indexOf('{');
	if (open < 0) return [glob];
	let depth = 0;
	const cuts: number[] = [];
	for (let i = open; i < glob.length; i++) {
		const c = glob[i];
		if (c === '{') depth++;
		else if (c === '}' && --depth === 0) {
			const alternatives: string[] = [];
			let from = open + 1;
			for (const cut of [...cuts, i]) {
				alternatives.push(glob.slice(from, cut));
				from = cut + 1;
			}
			const rest = expandChoices(glob.slice(i + 1));
			const heads = alternatives.flatMap((alt) => expandChoices(glob.slice(0, open) + alt));
			if (heads.length * rest.length > MAX_ALTERNATIVES) return [glob];
			return heads.flatMap((head) => rest.map((tail) => head + tail));
		} else if (c === ',' && depth === 1) cuts.push(i);
	}
	// An unclosed brace is a literal one.
	return [glob];
}

/** One Bitbucket pattern as the model's patterns. */
export function bitbucketPatterns(glob: string): Pattern[] {
	return expandChoices(glob).map((one): Pattern => {
		if (!WILDCARD.test(one) && !NOT_GITHUB.test(one)) return { kind: 'exact', value: one };
		if (!NOT_GITHUB.test(one) && !hasChoice(one)) return { kind: 'glob', value: one };
		return { kind: 'regex', value: globRegex(one) };
	});
}

/** A choice left whole (too many alternatives): read by the regular expression. */
function hasChoice(glob: string): boolean {
	return /\{[^}]*,[^}]*\}/.test(glob);
}

function globRegex(glob: string): string {
	let out = '';
	let choices = 0;
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i]!;
		if (c === '*' && glob[i + 1] === '*') {
			out += '.*';
			i++;
		} else if (c === '*') out += '[^/]*';
		else if (c === '?') out += '[^/]';
		else if (c === '[') {
			const end = glob.indexOf(']', i + 2);
			if (end > i + 1) {
				out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
				i = end;
			} else out += '\\[';
		} else if (c === '{' && hasChoice(glob.slice(i))) {
			choices++;
			out += '(?:';
		} else if (c === ',' && choices > 0) out += '|';
		else if (c === '}' && choices > 0) {
			choices--;
			out += ')';
		} else out += c.replace(/[.^$+(){}|\]\\/]/g, '\\$&');
	}
	return out;
}

/**
 * How specific a pattern is, as Bitbucket picks the pipeline of a name several patterns match:
 * an exact name first, then the longer fixed beginning (`feature/bb-123-*` over
 * `feature/bb-*`), then more fixed characters, then `*` over `**`.
 */
function specificity(glob: string): number[] {
	const at = glob.search(WILDCARD);
	if (at < 0) return [Infinity];
	return [at, glob.replace(/[*?]/g, '').length, -(glob.match(/\*\*/g)?.length ?? 0)];
}

function beats(a: string, b: string): boolean {
	const [x, y] = [specificity(a), specificity(b)];
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		const [p = -Infinity, q = -Infinity] = [x[i], y[i]];
		if (p !== q) return p > q;
	}
	return false;
}

/**
 * Whether every alternative of `a` is more specific than every alternative of `b`: then, for a
 * name both match, Bitbucket runs `a`'s pipeline, not `b`'s. Bitbucket documents no rule for
 * patterns as specific as each other (and a known bug lets a choice win over an exact name):
 * neither is more specific, and both pipelines are shown as running.
 */
export function moreSpecific(a: string, b: string): boolean {
	const [as, bs] = [expandChoices(a), expandChoices(b)];
	return as.every((x) => bs.every((y) => beats(x, y)));
}

/**
 * The alternatives of `other` that outrank every alternative of `glob`: a name one of them
 * matches runs `other`'s pipeline, not `glob`'s.
 */
export function outranking(other: string, glob: string): string[] {
	return expandChoices(other).filter((q) => moreSpecific(q, glob));
}
