import type { Pattern, RefFilter } from '../model';

/**
 * GitHub's filter pattern: `*` stops at `/`, `**` does not, `?` and `+` repeat the character
 * before them (zero-or-one, one-or-more), `[0-9]` is a class.
 */
export function globToRegExp(glob: string): RegExp {
	let out = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i]!;
		if (c === '*' && glob[i + 1] === '*') {
			out += '.*';
			i++;
		} else if (c === '*') out += '[^/]*';
		else if (c === '?' || c === '+') out += out ? c : '\\' + c;
		else if (c === '[') {
			const end = glob.indexOf(']', i + 1);
			if (end > i + 1) {
				out += `[${glob.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
				i = end;
			} else out += '\\[';
		} else if (c === '\\' && i + 1 < glob.length) out += '\\' + glob[++i];
		else out += c.replace(/[.^${}()|\]\/]/g, '\\$&');
	}
	try {
		return new RegExp(`^${out}$`);
	} catch {
		return /$^/;
	}
}

/** Does a pattern match the whole name? (CircleCI anchors `/regex/` filters to the whole name.) */
export function matches(pattern: Pattern, name: string): boolean {
	switch (pattern.kind) {
		case 'exact':
			return pattern.value === name;
		case 'glob':
			return globToRegExp(pattern.value).test(name);
		case 'regex':
			try {
				return new RegExp(`^(?:${pattern.value})$`).test(name);
			} catch {
				return false;
			}
	}
}

/**
 * Whether a ref filter lets `name` through; `absent` is the answer when there is no filter.
 * `ignore` wins over `only`, as in every CI.
 */
export function allows(filter: RefFilter | undefined, name: string, absent: boolean): boolean {
	if (!filter || (!filter.only && !filter.ignore)) return absent;
	if (filter.ignore?.some((p) => matches(p, name))) return false;
	if (filter.only) return onlyAllows(filter.only, name);
	return true;
}

/**
 * GitHub reads an `only` list in order, where `!pattern` excludes what earlier patterns
 * included (`['releases/**', '!releases/**-alpha']`): the last pattern that matches decides.
 */
function onlyAllows(patterns: readonly Pattern[], name: string): boolean {
	let allowed = false;
	for (const p of patterns) {
		const negated = p.kind === 'glob' && p.value.startsWith('!');
		if (matches(negated ? { ...p, value: p.value.slice(1) } : p, name)) allowed = !negated;
	}
	return allowed;
}
