import { code } from './text';

/**
 * A one-line guard around a command (`if [ "$X" != 0 ]; then cmd; fi`, `[ -f f ] && cmd`): the
 * test in words and the guarded command. A step that only acts on failure ("when the tests
 * failed, prints the report") reads as if it always acted without it.
 */
export interface Guarded {
	/** "`$BITBUCKET_EXIT_CODE` is not `0`". */
	when: string;
	body: string;
}

const IF_THEN = /^if\s+(\[\[?\s.*?\s\]\]?|test\s[^;]*?)\s*;\s*then\s+(.+?)\s*;?\s*fi\s*$/;
const AND = /^(\[\[?\s.*?\s\]\]?|test\s[^&;|]*?)\s*&&\s*(.+)$/;

export function guarded(line: string): Guarded | undefined {
	const found = IF_THEN.exec(line.trim()) ?? AND.exec(line.trim());
	if (!found) return undefined;
	const when = testInWords(found[1]!);
	// A body with its own `else`, or more than the guard says, is left to the line-by-line reading.
	if (!when || /\b(else|elif|fi)\b/.test(found[2]!)) return undefined;
	return { when, body: found[2]! };
}

const unquote = (word: string) => word.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
const COMPARE: Record<string, [string, string]> = {
	'=': ['is', 'is not'],
	'==': ['is', 'is not'],
	'!=': ['is not', 'is'],
	'-eq': ['is', 'is not'],
	'-ne': ['is not', 'is'],
	'-gt': ['is greater than', 'is not greater than'],
	'-lt': ['is less than', 'is not less than'],
	'-ge': ['is at least', 'is less than'],
	'-le': ['is at most', 'is greater than'],
};
const UNARY: Record<string, [string, string]> = {
	'-f': ['exists', 'does not exist'],
	'-e': ['exists', 'does not exist'],
	'-d': ['exists (a folder)', 'does not exist'],
	'-s': ['is not empty', 'is empty or missing'],
	'-z': ['is empty', 'is not empty'],
	'-n': ['is not empty', 'is empty'],
	'-x': ['is executable', 'is not executable'],
};

/** `[ "$X" != "0" ]` in words; undefined for anything but one plain test. */
export function testInWords(test: string): string | undefined {
	const words = test
		.replace(/^(\[\[?|test)\s+/, '')
		.replace(/\s+\]\]?$/, '')
		.match(/"[^"]*"|'[^']*'|\S+/g);
	if (!words || words.some((w) => ['&&', '||', '-a', '-o', '(', ')'].includes(w))) return undefined;
	let negated = false;
	if (words[0] === '!') {
		negated = true;
		words.shift();
	}
	const pick = ([yes, no]: [string, string]) => (negated ? no : yes);
	if (words.length === 2 && UNARY[words[0]!]) return `${code(unquote(words[1]!))} ${pick(UNARY[words[0]!]!)}`;
	if (words.length === 3 && COMPARE[words[1]!]) {
		const [left, right] = [unquote(words[0]!), unquote(words[2]!)];
		// `[ "$X" = "" ]`: said as emptiness, not as a comparison with nothing.
		if (right === '' && ['=', '==', '!='].includes(words[1]!)) return `${code(left)} ${pick(words[1] === '!=' ? UNARY['-n']! : UNARY['-z']!)}`;
		return `${code(left)} ${pick(COMPARE[words[1]!]!)} ${code(right)}`;
	}
	return undefined;
}
