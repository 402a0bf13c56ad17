import { describe, expect, it } from 'vitest';
import { cleanLine, cleanLines, firstLines, shownText, splitLines, visibleText } from '../../src/runs/terminal';

describe('splitLines', () => {
	it('splits LF and CRLF, drops the BOM and the empty line after a final newline', () => {
		expect(splitLines('\uFEFFone\r\ntwo\nthree\r\n')).toEqual(['one', 'two', 'three']);
		expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
		expect(splitLines('')).toEqual([]);
	});

	it('keeps a bare \\r inside its line unless asked to treat it as a line end', () => {
		expect(splitLines('50%\r100%\ndone')).toEqual(['50%\r100%', 'done']);
		expect(splitLines('one\rtwo\rthree\r', { bareCarriageReturns: true })).toEqual(['one', 'two', 'three']);
		// A text with any LF keeps its CRs as redraws even when asked.
		expect(splitLines('one\rtwo\nthree', { bareCarriageReturns: true })).toEqual(['one\rtwo', 'three']);
	});
});

describe('cleanLine', () => {
	it('shows the final state of \\r redraws', () => {
		expect(cleanLine('50%\r100%')).toBe('100%');
		expect(cleanLine('Receiving objects:  1%\rReceiving objects: 50%\rReceiving objects: 100%, done.')).toBe('Receiving objects: 100%, done.');
		// A trailing CR (or redraws of nothing) does not blank the line.
		expect(cleanLine('done\r')).toBe('done');
		expect(cleanLine('done\r\r   ')).toBe('done');
	});

	it('treats a move to the line start or a whole-line erase as a redraw', () => {
		expect(cleanLine('\x1b[1;1Hold progress\x1b[1;1Hnew progress')).toBe('new progress');
		expect(cleanLine('first\x1b[2Ksecond')).toBe('second');
		expect(cleanLine('first\x1b[Gsecond')).toBe('second');
	});

	it('keeps SGR colour codes, also those of overwritten redraws', () => {
		expect(cleanLine('\x1b[32mgreen\x1b[0m')).toBe('\x1b[32mgreen\x1b[0m');
		expect(cleanLine('\x1b[1;31m10%\r100%\x1b[0m')).toBe('\x1b[1;31m100%\x1b[0m');
		expect(cleanLine('\x1b[38;5;12mblue')).toBe('\x1b[38;5;12mblue');
	});

	it('drops erase codes, cursor moves, OSC and APC strings', () => {
		expect(cleanLine('\x1b[0Ksection\x1b[K text')).toBe('section text');
		expect(cleanLine('\x1b[1A\x1b[1Bup and down')).toBe('up and down');
		expect(cleanLine('\x1b_bk;t=1726012176445\x07~~~ Running hook')).toBe('~~~ Running hook');
		expect(cleanLine('\x1b]8;;https://example.com\x07link\x1b]8;;\x07')).toBe('link');
		expect(cleanLine('\x1b[?25lhidden cursor\x1b[?25h')).toBe('hidden cursor');
	});

	it('strips other control characters but keeps tabs', () => {
		expect(cleanLine('a\x00b\x07c\x08d\te\x7f')).toBe('abcd\te');
		expect(cleanLine('dangling escape\x1b')).toBe('dangling escape');
	});

	it('does not grow a line with the colours of a thousand redraws', () => {
		const bar = Array.from({ length: 1000 }, (_, i) => `\x1b[33m${i}/1000`).join('\r');
		const cleaned = cleanLine(bar);
		expect(visibleText(cleaned)).toBe('999/1000');
		expect(cleaned.length).toBeLessThan(200);
	});

	it('leaves plain text untouched and cleans a long text in linear time', () => {
		expect(cleanLine('plain text, no escapes')).toBe('plain text, no escapes');
		const line = `${'\x1b[32m█\x1b[0m'.repeat(20_000)}\r${'x'.repeat(10)}`;
		const started = performance.now();
		expect(cleanLine(line)).toContain('xxxxxxxxxx');
		expect(performance.now() - started).toBeLessThan(200);
	});
});

describe('visibleText and cleanLines', () => {
	it('gives what a reader sees', () => {
		expect(visibleText('\x1b[36;1mRun tests\x1b[0m\r')).toBe('Run tests');
		expect(cleanLines('\uFEFF\x1b[0Kone\r\ntwo 1%\rtwo 2%\n')).toEqual(['one', 'two 2%']);
	});

	it('cleans a text line by line, whether or not it has anything to clean', () => {
		const texts = [
			'plain\nlines\n',
			'\x1b[32mgreen\x1b[0m and \x1b[1;31mred\x1b[m\nnext\n',
			'windows\r\nline ends\r\n',
			'progress 1%\rprogress 100%\n',
			'last line redrawn\rdone',
			'blank after\r\r\ntwo returns\r\n',
			'bell\x07 and backspace x\x08y\n',
			'escape at the end\x1b\nnext\n',
			'\x1b[2Kerased\n\x1b[1Gmoved\n',
			'\uFEFFbom first\n\ttab\n',
			'old mac\rline ends\r',
		];
		for (const text of texts) expect(cleanLines(text), JSON.stringify(text)).toEqual(splitLines(text).map(cleanLine));
		expect(cleanLines('old mac\rline ends\r', { bareCarriageReturns: true })).toEqual(['old mac', 'line ends']);
	});
});

describe('shownText', () => {
	// Lines of every kind cleanLine meets: its output must need no second cleaning.
	const raws = [
		'plain text',
		'\x1b[32mgreen\x1b[0m and \x1b[1;31mbold red\x1b[m',
		'50%\r100%\r\x1b[32mdone\x1b[0m',
		'\x1b[2Kredrawn \x1b[1G\x1b[33mover\x1b[0m',
		'bell\x07 back\x08space \x1b]0;title\x07 \x1b_bk;t=1\x07 \x1b(B\x1b7 tab\tend\x1b',
		'\x1b[38;5;208m\x1b[48:2::1:2:3mcolon sgr\x1b[0m \x1b[?25l\x1b[K\x1b[31;1H',
		'  \x1b[0m  \r\x1b[1m  \r',
	];

	it.each(raws)('is visibleText of the raw line, found from its cleaned line (%j)', (raw) => {
		const cleaned = cleanLine(raw);
		expect(cleanLine(cleaned)).toBe(cleaned);
		expect(shownText(cleaned)).toBe(visibleText(raw));
		expect(shownText(cleaned)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
	});
});

describe('firstLines', () => {
	const texts = [
		'',
		'\uFEFF',
		'\n',
		'\uFEFFa\r\nb\n',
		'one\r\ntwo\r\n\r\n  \nthree\r',
		'a\n\n\nb\n\r\nc\nd\ne',
		'no line end',
		'x\r\n'.repeat(5) + '\n'.repeat(3),
		'\uFEFF\uFEFFbom twice\n',
	];

	it.each(texts)('is the start of splitLines up to the nth line that is not blank (%j)', (text) => {
		const all = splitLines(text);
		for (const n of [1, 2, 3, 10]) {
			let seen = 0;
			const end = all.findIndex((line) => line.trim() !== '' && ++seen === n);
			expect(firstLines(text, n)).toEqual(end === -1 ? all : all.slice(0, end + 1));
		}
	});
});
