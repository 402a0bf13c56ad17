/** Small wording helpers shared by the explanation modules: quoting code, lists, sentences. */

const MAX_CODE = 80;

/** A value quoted as code. Long values are cut, so a sentence stays a sentence. */
export function code(value: string, max = MAX_CODE): string {
	// A backtick inside would end the code span early.
	const flat = value.replace(/\s+/g, ' ').trim().replace(/`/g, "'");
	return `\`${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}\``;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[], conjunction = 'and'): string {
	if (items.length <= 1) return items[0] ?? '';
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** Each value as code, joined: `` `a`, `b` and `c` ``; past `max`, the rest is counted. */
export function codeList(items: readonly string[], max = 5): string {
	const shown = items.slice(0, max).map((item) => code(item));
	if (items.length > max) shown.push(`${items.length - max} more`);
	return joinAnd(shown);
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** A verb phrase (`installs …`) as a sentence (`Installs ….`). */
export function sentence(phrase: string): string {
	const trimmed = phrase.trim();
	const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** The first non-blank line of a text, trimmed. */
export function firstLine(text: string): string {
	return text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
}

/** `a/b/` + `c` -> `a/b/c`; `.` stands for the directory itself. */
export function joinPath(dir: string, path: string): string {
	const clean = path.replace(/^\.\/+/, '');
	if (clean === '' || clean === '.') return dir;
	if (clean.startsWith('/') || clean.startsWith('~')) return clean;
	return `${dir.replace(/\/+$/, '')}/${clean}`;
}

/** A name that usually holds a credential (`DOCKER_PASSWORD`, `secrets.NPM_TOKEN`). */
export function looksSecret(name: string): boolean {
	return /secrets\.|token|secret|passw(or)?d|passwd|api_?key|private_?key|access_?key|credential/i.test(name);
}
