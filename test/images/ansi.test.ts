import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from '../../src/images/ansi';
import { clipText, layoutLine, textColumns } from '../../src/images/columns';
import { ansiColour, PALETTES } from '../../src/images/palette';

const E = '\x1b';

describe('parseAnsi', () => {
	it('reads the 16 colours, bright colours and their resets', () => {
		expect(parseAnsi(`${E}[31mred${E}[0m plain ${E}[92mbright${E}[39m default`)).toEqual([
			{ text: 'red', style: { fg: 1 } },
			{ text: ' plain ', style: {} },
			{ text: 'bright', style: { fg: 10 } },
			{ text: ' default', style: {} },
		]);
		expect(parseAnsi(`${E}[44;97mx${E}[49my${E}[107mz`).map((s) => s.style)).toEqual([{ bg: 4, fg: 15 }, { fg: 15 }, { fg: 15, bg: 15 }]);
	});

	it('reads 256-colour and truecolor, with ; and : separators', () => {
		const styles = parseAnsi(
			`${E}[38;5;208ma${E}[48;5;22mb${E}[0;38;2;255;0;128mc${E}[38:2::1:2:3md${E}[38:2:4:5:6me${E}[38:5:9mf`,
		).map((s) => s.style);
		expect(styles).toEqual([{ fg: 208 }, { fg: 208, bg: 22 }, { fg: '#ff0080' }, { fg: '#010203' }, { fg: '#040506' }, { fg: 9 }]);
	});

	it('reads bold, dim, italic, underline, inverse, strike and their individual resets', () => {
		const styles = parseAnsi(`${E}[1;2;3;4;7;9ma${E}[22mb${E}[23;24mc${E}[27;29md${E}[4:0me${E}[mf`).map((s) => s.style);
		expect(styles).toEqual([
			{ bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true },
			{ italic: true, underline: true, inverse: true, strike: true },
			{ inverse: true, strike: true },
			{},
		]);
		// `4:0` and the bare reset both leave plain text, which merges with the previous plain span.
		expect(stripAnsi(`${E}[1;2;3;4;7;9ma${E}[22mb${E}[23;24mc${E}[27;29md${E}[4:0me${E}[mf`)).toBe('abcdef');
	});

	it('ignores malformed colour parameters without losing the rest of the sequence', () => {
		expect(parseAnsi(`${E}[38;5;999;1mx`)[0]!.style).toEqual({ bold: true });
		expect(parseAnsi(`${E}[38;2;300;0;0;3mx`)[0]!.style).toEqual({ italic: true });
	});

	it('drops every escape sequence that is not SGR, and control characters', () => {
		const line = `${E}[2K${E}[1A${E}[0Kok${E}]8;;https://example.com${E}\\link${E}]8;;${E}\\ ${E}_bk;t=1700000000${E}\x07${E}(Bx\x07\x00\x08y${E}[?25h`;
		expect(stripAnsi(line)).toBe('oklink xy');
	});

	it('keeps what follows a carriage return, as a terminal redraw does', () => {
		expect(stripAnsi('10%\r20%\r100% done\r')).toBe('100% done');
		expect(parseAnsi(`${E}[32m10%\r100%`)).toEqual([{ text: '100%', style: { fg: 2 } }]);
	});

	it('survives unterminated sequences', () => {
		expect(stripAnsi(`a${E}[31`)).toBe('a');
		expect(stripAnsi(`a${E}]8;;http://x`)).toBe('a');
		expect(stripAnsi(`a${E}`)).toBe('a');
	});
});

describe('colours', () => {
	it('takes slots 0–15 from the theme, then the 6×6×6 cube and the grey ramp', () => {
		expect(ansiColour(1, PALETTES.light)).toBe(PALETTES.light.ansi[1]);
		expect(ansiColour(1, PALETTES.dark)).toBe(PALETTES.dark.ansi[1]);
		expect(ansiColour(16, PALETTES.light)).toBe('#000000');
		expect(ansiColour(208, PALETTES.light)).toBe('#ff8700');
		expect(ansiColour(231, PALETTES.light)).toBe('#ffffff');
		expect(ansiColour(232, PALETTES.light)).toBe('#080808');
		expect(ansiColour(255, PALETTES.light)).toBe('#eeeeee');
		expect(ansiColour('#123456', PALETTES.dark)).toBe('#123456');
	});
});

describe('columns', () => {
	it('expands tabs to the next stop of 8', () => {
		expect(textColumns('a\tb')).toBe(9);
		const line = layoutLine(parseAnsi('ab\tc\t\td'), 160);
		expect(line.runs.map((r) => r.text).join('')).toBe(`ab      c${' '.repeat(15)}d`);
	});

	it('counts wide characters as two columns and places what follows them', () => {
		expect(textColumns('日本')).toBe(4);
		expect(textColumns('✅ ok')).toBe(5);
		expect(textColumns('e\u0301')).toBe(1);
		const line = layoutLine(parseAnsi('日x'), 160);
		expect(line.runs).toEqual([
			{ col: 0, cols: 2, text: '日', style: {} },
			{ col: 2, cols: 1, text: 'x', style: {} },
		]);
	});

	it('cuts a long line at the cap with an ellipsis in the last column', () => {
		const line = layoutLine(parseAnsi(`${E}[31m${'x'.repeat(100)}${E}[32m${'y'.repeat(100)}`), 160);
		expect(line.cut).toBe(true);
		expect(line.cols).toBe(160);
		expect(line.runs.reduce((n, r) => n + r.cols, 0)).toBe(159);
		expect(clipText('abcdef', 4)).toBe('abc…');
		expect(clipText('abcd', 4)).toBe('abcd');
		// A wide character that does not fit before the ellipsis is left out whole.
		expect(clipText('abc日本', 5)).toBe('abc…');
	});
});
