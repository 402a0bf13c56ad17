import { describe, expect, it } from 'vitest';
import { ESCAPE, stripEscapes, stripEscapesByLine, throughEscapes, visibleText } from '../../src/redact/ansi';

/** Texts mixing visible characters with colour codes, OSC links, bare ESCs and cut-off sequences. */
function randomTexts(count: number): string[] {
	const pieces = ['a', 'Z', '.', ' ', '\n', '\x1b[32m', '\x1b[0m', '\x1b[1;31m', '\x1b[2K', '\x1b]8;;https://x\x07', '\x1b]0;title\x1b\\', '\x1b]8;;\nlink\x07', '\x1b', '\x1b[', '\x1b]unterminated', '\r'];
	// mulberry32: a fixed seed, so a failure can be reproduced.
	let seed = 11;
	const next = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (t ^ (t >>> 14)) >>> 0;
	};
	return Array.from({ length: count }, () => Array.from({ length: next() % 40 }, () => pieces[next() % pieces.length]!).join(''));
}

/** Where each visible character came from, the slow way: a table of every escape. */
function reference(original: string): number[] {
	const runs: [visible: number, original: number][] = [[0, 0]];
	let removed = 0;
	for (const m of original.matchAll(ESCAPE)) {
		removed += m[0].length;
		runs.push([m.index + m[0].length - removed, m.index + m[0].length]);
	}
	const visible = original.replace(ESCAPE, '');
	return Array.from({ length: visible.length + 1 }, (_, i) => {
		const [v, o] = runs.filter(([start]) => start <= i).at(-1)!;
		return o + i - v;
	});
}

describe('visibleText', () => {
	it('maps visible characters back past the escapes before them, whatever the text', () => {
		for (const original of randomTexts(400)) {
			const visible = visibleText(original);
			expect(visible.text).toBe(original.replace(ESCAPE, ''));
			const all = Array.from({ length: visible.text.length + 1 }, (_, i) => i);
			expect(visible.originals(all), JSON.stringify(original)).toEqual(reference(original));
			// Some indices only, as the redactor asks for them: the walk skips what lies between.
			const some = all.filter((i) => i % 3 === 1);
			expect(visible.originals(some)).toEqual(some.map((i) => reference(original)[i]));
		}
	});

	it('keeps the escapes right before a visible character out of it', () => {
		const original = 'ab\x1b[31mcd\x1b[0m';
		expect(visibleText(original).originals([2, 3, 4])).toEqual([7, 8, 13]);
	});
});

describe('stripEscapesByLine', () => {
	it('strips each line as stripEscapes strips it alone, an OSC cut by a line end included', () => {
		for (const text of randomTexts(400)) {
			expect(stripEscapesByLine(text), JSON.stringify(text)).toBe(text.split('\n').map(stripEscapes).join('\n'));
		}
	});
});

describe('throughEscapes', () => {
	it('finds a word on every line that holds it once stripped, escapes inside it or not', () => {
		const word = /ab\.?c/i;
		const through = new RegExp(throughEscapes(['a', 'b', '\\.?', 'c']), 'i');
		let holding = 0;
		let split = 0;
		for (const text of randomTexts(3000).map((t) => t.replace(/Z/g, 'ab').replace(/\./g, 'c'))) {
			for (const line of text.split('\n')) {
				if (!word.test(stripEscapes(line))) continue;
				holding++;
				if (!word.test(line)) split++;
				expect(through.test(line), JSON.stringify(line)).toBe(true);
			}
		}
		// Lines with the word whole and lines with an escape inside it, not only one kind.
		expect(holding - split).toBeGreaterThan(20);
		expect(split).toBeGreaterThan(20);
	});
});
