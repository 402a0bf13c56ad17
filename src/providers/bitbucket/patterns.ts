/**
 * Bitbucket's branch, tag and path patterns as the model's patterns. Bitbucket globs are
 * GitHub's in `*` (stops at `/`) and `**` (does not), but `{a,b}` is a choice and `?` one
 * character: a choice becomes one pattern per alternative, and a pattern with `?` a regular
 * expression, so the model's matcher reads each as Bitbucket does.
 */
import type { Pattern } from '../../model';

const WILDCARD = /[*?[{]/;

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
			return alternatives.flatMap((alt) => expandChoices(glob.slice(0, open) + alt)).flatMap((head) => rest.map((tail) => head + tail));
		} else if (c === ',' && depth === 1) cuts.push(i);
	}
	// An unclosed brace is a literal one.
	return [glob];
}

/** One Bitbucket pattern as the model's patterns. */
export function bitbucketPatterns(glob: string): Pattern[] {
	return expandChoices(glob).map((one): Pattern => {
		if (!WILDCARD.test(one)) return { kind: 'exact', value: one };
		if (!one.includes('?')) return { kind: 'glob', value: one };
		return { kind: 'regex', value: globRegex(one) };
	});
}

function globRegex(glob: string): string {
	let out = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i]!;
		if (c === '*' && glob[i + 1] === '*') {
			out += '.*';
			i++;
		} else if (c === '*') out += '[^/]*';
		else if (c === '?') out += '[^/]';
		else if (c === '[') {
			const end = glob.indexOf(']', i + 1);
			if (end > i + 1) {
				out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
				i = end;
			} else out += '\\[';
		} else out += c.replace(/[.^$+(){}|\]\\/]/g, '\\$&');
	}
	return out;
}

/**
 * Whether `a` is more specific than `b`, as Bitbucket picks the pipeline of a branch that
 * several patterns match: an exact name over any pattern, then the pattern with the longer
 * fixed beginning (`feature/bb-123-*` over `feature/bb-*`). Bitbucket documents no rule
 * between patterns whose fixed beginnings are as long: neither is more specific.
 */
export function moreSpecific(a: string, b: string): boolean {
	const fixed = (glob: string) => {
		const at = glob.search(WILDCARD);
		return at < 0 ? Infinity : at;
	};
	return fixed(a) > fixed(b);
}
