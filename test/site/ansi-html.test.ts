import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanLine } from '../../src/runs/terminal';
import { escapeHtml } from '../../src/site/escape';
import { ansiHighlighter, LOG_THEMES, logHtml, READABLE_ANSI, styleAttribute } from '../../src/site/log-html';

const corpusLogs = join(import.meta.dirname, '../../../shared/corpus/logs');

/** The style shiki gives text in the terminal's default colours: the log themes' text colours. */
async function plainStyle(): Promise<string> {
	const shiki = await ansiHighlighter();
	return styleAttribute(shiki.codeToTokens('text', { lang: 'ansi', themes: LOG_THEMES, colorReplacements: READABLE_ANSI }).tokens[0]![0]!.htmlStyle ?? {});
}

/**
 * The log lines' HTML as shiki colours them: its tokens, each given its `style`, tokens of one
 * style in a row in one span (shiki makes a token of each escape code's text, which looks the
 * same in a browser as their run in one span), but text in the default colours in none (the
 * log's stylesheet gives it those: see the last test).
 */
async function shikiLines(lines: readonly string[]): Promise<string[]> {
	const shiki = await ansiHighlighter();
	const plain = await plainStyle();
	const { tokens } = shiki.codeToTokens(lines.join('\n'), { lang: 'ansi', themes: LOG_THEMES, colorReplacements: READABLE_ANSI });
	return tokens.map((line) => {
		const runs: { style: string; text: string }[] = [];
		for (const token of line) {
			const style = styleAttribute(token.htmlStyle ?? {});
			const last = runs.at(-1);
			if (last && last.style === style) last.text += token.content;
			else runs.push({ style, text: token.content });
		}
		return runs.map(({ style, text }) => (style && style !== plain ? `<span style="${style}">${escapeHtml(text)}</span>` : escapeHtml(text))).join('');
	});
}

/** The lines' HTML as logHtml gives it (without the numbers, folds and windows around them). */
async function ourLines(lines: readonly string[]): Promise<string[]> {
	const html = await logHtml({ lines, prefix: 's', window: { limit: Number.MAX_SAFE_INTEGER, head: 0, tail: 0 } });
	return [...html.matchAll(/<span class="atlas-log__text">(.*?)<\/span><\/div>/gs)].map((m) => (m[1] === ' ' ? '' : m[1]!));
}

async function expectAsShiki(lines: readonly string[], what: string): Promise<void> {
	const theirs = await shikiLines(lines);
	const ours = await ourLines(lines);
	expect(ours.length, what).toBe(lines.length);
	for (let i = 0; i < lines.length; i++) if (ours[i] !== theirs[i]) expect({ what, line: i + 1, text: lines[i], html: ours[i] }).toEqual({ what, line: i + 1, text: lines[i], html: theirs[i] });
}

const SGR = (codes: string) => `\x1b[${codes}m`;

describe('log lines are coloured as shiki colours them', () => {
	it('for every code shiki reads: decorations, 16 colours, 256 colours, RGB, resets', async () => {
		const lines: string[] = [];
		for (let code = 0; code <= 110; code++) lines.push(`${SGR(String(code))}code ${code}${SGR('0')} after`);
		for (let index = 0; index <= 256; index++) lines.push(`${SGR(`38;5;${index}`)}fg ${index} ${SGR(`48;5;${index}`)}bg ${index}${SGR('0')}`);
		lines.push(
			`${SGR('38;2;255;128;0')}rgb ${SGR('48;2;0;300;-5')}clamped ${SGR('38;2;1;2')}short ${SGR('38;2;a;b;c')}nan${SGR('')}reset`,
			`${SGR('7')}reverse plain ${SGR('31;44')}reverse coloured ${SGR('27')}back ${SGR('2')}dim ${SGR('1;2')}bold dim ${SGR('22')}neither`,
			`${SGR('2;38;5;200')}dim table ${SGR('2;38;2;1;2;3')}dim rgb ${SGR('0;1;3;4;9')}all ${SGR('24;29')}less ${SGR('21;23')}none`,
			`${SGR('8')}hidden ${SGR('53')}over ${SGR('55')}line ${SGR('38;5;')}no index ${SGR('38;5;1.5')}half ${SGR('38;5;300')}out of range`,
			`${SGR('38:5:196')}colons ${SGR('1;;31')}empty part ${SGR('x;31y;4z')}letters ${SGR('3')}italic`,
			'\x1b(B not CSI \x1b[31m still text after the first ESC',
			'\x1b[31 no m on this line',
			'spans \x1b[31 to a later m',
			'<script>alert("x")</script> & \'quotes\' \x1b[32m<b>green</b>\x1b[0m',
			'',
			'carried over: no reset at the end of the line before',
			`${SGR('90')}bright black ${SGR('97;100')}bright white on bright black ${SGR('39;49')}defaults`,
			'ends with a return\r',
			'\r',
		);
		await expectAsShiki(lines, 'codes');
	});

	it.skipIf(!existsSync(corpusLogs))('for the logs of the corpus, as recorded and as the parsers clean them (needs ../shared/corpus beside the repository)', async () => {
		const files = readdirSync(corpusLogs, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(log|txt)$/.test(f));
		expect(files.length).toBeGreaterThan(5);
		for (const file of files) {
			const lines = readFileSync(join(corpusLogs, file), 'utf8').split('\n').slice(0, 4000);
			await expectAsShiki(lines, file);
			await expectAsShiki(lines.map(cleanLine), `${file} (cleaned)`);
		}
	});
});

describe('log lines in few spans', () => {
	it('put a run of text in one style in one span, however many escape codes it was written with', async () => {
		const dots = `${SGR('32')}.${SGR('0')}`.repeat(50);
		const [line] = await ourLines([`${dots}${SGR('31')}F${SGR('0')}${dots} 101 examples`]);
		// Text in the terminal's default colours is in no span (the log's stylesheet colours it).
		expect(line).toMatch(/^<span style="[^"]+">\.{50}<\/span><span style="[^"]+">F<\/span><span style="[^"]+">\.{50}<\/span> 101 examples$/);
		// Codes that change nothing visible leave the text in one piece.
		expect((await ourLines([`a${SGR('0')}b${SGR('39')}c`]))[0]).toBe('abc');
		expect((await ourLines([`a${SGR('1')}b${SGR('22')}c`]))[0]).toMatch(/^a<span style="[^"]+">b<\/span>c$/);
	});

	it('colour text in no span as shiki colours the terminal’s default text: the log themes’ text colours, in the stylesheet', async () => {
		const css = readFileSync(join(import.meta.dirname, '../../src/styles/atlas.css'), 'utf8');
		const light = /^\.atlas-log__text \{ color: (#[0-9a-f]{6}); \}$/m.exec(css)?.[1];
		const dark = /^:root\[data-theme='dark'\] \.atlas-log__text \{ color: (#[0-9a-f]{6}); \}$/m.exec(css)?.[1];
		expect(`color:${light};--shiki-dark:${dark}`).toBe(await plainStyle());
	});
});
