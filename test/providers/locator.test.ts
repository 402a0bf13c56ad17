import { describe, expect, it } from 'vitest';
import { locator } from '../../src/providers/locator';

/** Line and column by a search over every line start, asked afresh each time: the plain definition. */
function searched(text: string, offset: number): { line: number; column: number } {
	const starts = [0];
	for (let k = 0; k < text.length; k++) {
		if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) starts.push(k + 1);
	}
	let line = 0;
	while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
	const bom = line === 0 && text.startsWith('\uFEFF') ? 1 : 0;
	return { line: line + 1, column: Math.max(1, offset - starts[line]! + 1 - bom) };
}

describe('locator', () => {
	const texts = {
		lf: 'on:\n  push:\n\n    branches: [main]\njobs:\n  a: 1',
		crlf: 'on:\r\n  push:\r\n\r\n    branches: [main]\r\n',
		cr: 'a: 1\rb: 2\r\rc: 3',
		bom: '\uFEFFa: 1\nb: 2\n',
		'one line': 'version: 2.1',
		empty: '',
	};

	for (const [name, text] of Object.entries(texts)) {
		it(`places offsets of a ${name} text on their line and column, asked in any order`, () => {
			const at = locator('ci.yml', text);
			const offsets = Array.from({ length: text.length + 5 }, (_, i) => i - 2);
			// In reading order (the readers' way, answered from the line before), backwards, then
			// jumping about: each answer must not depend on the one before it.
			let seed = 11;
			const shuffled = [...offsets];
			for (let i = shuffled.length - 1; i > 0; i--) {
				seed = (seed * 48271) % 2147483647;
				const j = seed % (i + 1);
				[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
			}
			for (const offset of [...offsets, ...[...offsets].reverse(), ...shuffled]) {
				const found = at(offset);
				expect({ line: found.line, column: found.column }, `${JSON.stringify(text)} at ${offset}`).toEqual(searched(text, offset));
				expect(found.file).toBe('ci.yml');
			}
		});
	}

	it('counts CRLF as one line break and CR alone as one', () => {
		const at = locator('f', 'a\r\nb\rc\nd');
		expect([at(0), at(3), at(5), at(7)].map(({ line, column }) => [line, column])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1]]);
	});
});
