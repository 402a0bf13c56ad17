import type { Pattern, RefFilter } from '../model';

/** GitHub's filter glob: `*` stops at `/`, `**` does not, `?` is one character. */
export function globToRegExp(glob: string): RegExp {
	let out = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i]!;
		if (c === '*' && glob[i + 1] === '*') {
			out += '.*';
			i++;
		} else if (c === '*') out += '[^/]*';
		else if (c === '?') out += '[^/]';
		else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`);
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
	if (filter.only) return filter.only.some((p) => matches(p, name));
	return true;
}
