import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINES, MAX_COLUMNS, stepImage, stepPng, stepSvg } from '../../src/images';
import { cellWidth } from '../../src/images/markup';
import { PALETTES } from '../../src/images/palette';
import { makeStep, parseXml, PNG_SIGNATURE, pngSize, RUN } from './support';
import { pngScale } from '../../src/config/png-scale';

const E = '\x1b';
const HOSTILE = [
	'</text><script>alert(1)</script>',
	']]>',
	'<![CDATA[x]]>',
	'&amp; &lt;b&gt; &#x3c;svg onload=alert(1)&#x3e;',
	'<img src=x onerror=alert(1)>',
	'" onmouseover="alert(1)',
	'javascript:alert(1)',
	'<style>@import url(https://evil.example/x.css);</style>',
	'<a href="https://evil.example">x</a>',
	'<?xml-stylesheet href="https://evil.example/s.css"?>',
	'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>&x;',
	'nul\u0000 bell\u0007 lone\ud800surrogate \ufffe end',
];

const lines = (n: number, text = (i: number) => `line ${i + 1}`) => Array.from({ length: n }, (_, i) => text(i));
const texts = (svg: string) => parseXml(svg).filter((e) => e.name === 'text');

describe('stepImage', () => {
	it('is checked by a parser that rejects malformed XML', () => {
		expect(() => parseXml('<svg><text>a</svg>')).toThrow();
		expect(() => parseXml('<svg>&nbsp;</svg>')).toThrow();
		expect(() => parseXml('<svg>a < b</svg>')).toThrow();
	});

	it('makes a PNG of the reported size at the reported scale', () => {
		// Without a scale, the build's: 1 unless ATLAS_PNG_SCALE asks for 2 (see ../config/png-scale.test.ts).
		const image = stepImage({ run: RUN, step: makeStep({ lines: lines(12) }), theme: 'light' });
		expect([...image.png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
		expect(image.scale).toBe(pngScale());
		expect(pngSize(image.png)).toEqual({ width: image.width * image.scale, height: image.height * image.scale });
		expect(image.svg).toMatch(new RegExp(`^<svg [^>]*width="${image.width}" height="${image.height}" viewBox="0 0 ${image.width} ${image.height}"`));
		const one = stepImage({ run: RUN, step: makeStep({ lines: lines(12) }), theme: 'dark', scale: 1 });
		expect(pngSize(one.png)).toEqual({ width: one.width, height: one.height });
		const two = stepImage({ run: RUN, step: makeStep({ lines: lines(12) }), theme: 'dark', scale: 2 });
		expect([two.scale, pngSize(two.png)]).toEqual([2, { width: two.width * 2, height: two.height * 2 }]);
	});

	it('is as wide as its widest row, between 80 and 160 columns, and as tall as its rows', () => {
		const image = (logLines: string[], name?: string) =>
			stepImage({ run: RUN, step: makeStep({ lines: logLines, ...(name ? { name } : {}) }), theme: 'light', scale: 1 });
		// Widths are rounded up to whole px.
		const columnsApart = (a: { width: number }, b: { width: number }, cols: number) => expect(Math.abs(a.width - b.width - cellWidth(12, cols))).toBeLessThan(1);
		const short = image(['x']);
		const narrow = image(lines(5, () => 'n'.repeat(79)));
		const hundred = image(['y'.repeat(100), 'short']);
		const long = image(lines(40, () => 'y'.repeat(400)));
		const wide = image(lines(3, () => 'w'.repeat(160)));
		expect(narrow.width).toBe(short.width);
		columnsApart(hundred, short, 20);
		columnsApart(long, short, 80);
		expect(wide.width).toBe(long.width);
		expect(long.height - short.height).toBe(39 * 18);
		// Tabs count as the columns they expand to; a section title as its fold and text.
		expect(image(['\t'.repeat(12) + 'z']).width).toBe(image(['t'.repeat(97)]).width);
		const sectioned = stepImage({ run: RUN, step: makeStep({ lines: ['a'], sections: [{ title: 's'.repeat(110), start: 0, end: 0 }] }), theme: 'light', scale: 1 });
		expect(sectioned.width).toBe(image(['s'.repeat(112)]).width);
	});

	it('draws the same PNG alone as with its SVG', () => {
		const step = makeStep({ lines: [`${E}[31mred${E}[0m rest`, 'two'], status: 'failed', exitCode: 1 });
		for (const scale of [1, 2] as const) {
			expect(Buffer.from(stepPng({ run: RUN, step, theme: 'dark', scale })).equals(Buffer.from(stepImage({ run: RUN, step, theme: 'dark', scale }).png))).toBe(true);
		}
	});

	it('widens for a long step name rather than cutting it, up to the widest image', () => {
		const name = `Deploy ${'the-service-'.repeat(7)}to production`;
		const short = stepImage({ run: RUN, step: makeStep({ lines: ['x'] }), theme: 'light', scale: 1 });
		const named = stepImage({ run: RUN, step: makeStep({ lines: ['x'], name }), theme: 'light', scale: 1 });
		expect(named.width).toBeGreaterThan(short.width);
		expect(texts(named.svg).map((t) => t.text)).toContain(name);
		const huge = stepImage({ run: RUN, step: makeStep({ lines: ['x'], name: 'n'.repeat(300) }), theme: 'light', scale: 1 });
		const widest = stepImage({ run: RUN, step: makeStep({ lines: ['y'.repeat(400)] }), theme: 'light', scale: 1 });
		expect(huge.width).toBe(widest.width);
		expect(texts(huge.svg).some((t) => t.text.startsWith('nnn') && t.text.endsWith('…'))).toBe(true);
	});

	it('writes header text: step name, status with exit code, duration, context', () => {
		const svg = stepSvg({ run: RUN, step: makeStep({ status: 'failed', exitCode: 2, durationMs: 64_400 }), theme: 'light' });
		const all = texts(svg).map((t) => t.text);
		expect(all).toContain('Run npm test');
		expect(all).toContain('Failed (exit 2) · 1m 04s');
		expect(all).toContain('GitHub Actions · atlas · test (ubuntu-latest, 20) · run 1234 · step 3');
		expect(parseXml(svg).find((e) => e.name === 'title')!.text).toBe('Run npm test: Failed in 1m 04s (test (ubuntu-latest, 20), run 1234)');
		// A step its configuration lets fail (continue-on-error) says so, as its page does.
		const allowed = stepSvg({ run: RUN, step: makeStep({ status: 'failed', exitCode: 1, durationMs: 3_000, allowedToFail: true }), theme: 'light' });
		expect(texts(allowed).map((t) => t.text)).toContain('Failed (exit 1), allowed to fail · 3s');
		expect(parseXml(allowed).find((e) => e.name === 'title')!.text).toBe('Run npm test: Failed, allowed to fail in 3s (test (ubuntu-latest, 20), run 1234)');
	});

	it('draws the status icon as shapes in the status colour', () => {
		for (const status of ['success', 'failed', 'cancelled', 'skipped', 'running', 'timedout', 'unknown'] as const) {
			const svg = stepSvg({ run: RUN, step: makeStep({ status }), theme: 'dark' });
			const icon = parseXml(svg).filter((e) => e.path.includes('g') && ['circle', 'path', 'rect'].includes(e.name));
			expect(icon.length, status).toBeGreaterThan(0);
			expect(icon.some((e) => e.attributes.fill === PALETTES.dark.status[status] || e.attributes.stroke === PALETTES.dark.status[status]), status).toBe(true);
		}
	});

	it('gives a red line the theme red as fill', () => {
		for (const theme of ['light', 'dark'] as const) {
			const svg = stepSvg({ run: RUN, step: makeStep({ lines: [`${E}[31mred${E}[0m rest`] }), theme });
			const red = parseXml(svg).find((e) => e.name === 'tspan' && e.text === 'red')!;
			expect(red.attributes.fill).toBe(PALETTES[theme].ansi[1]);
			const rest = parseXml(svg).find((e) => e.name === 'tspan' && e.text === ' rest')!;
			expect(rest.attributes.fill).toBeUndefined();
		}
	});

	it('honours 256-colour, truecolor, backgrounds, bold, italic, underline, dim and inverse', () => {
		const svg = stepSvg({
			run: RUN,
			step: makeStep({ lines: [`${E}[38;5;208ma${E}[0m ${E}[38;2;1;2;3mb${E}[0m ${E}[1;3;4mc${E}[0m ${E}[41md${E}[0m ${E}[2me${E}[0m ${E}[7mf`] }),
			theme: 'dark',
		});
		const span = (t: string) => parseXml(svg).find((e) => e.name === 'tspan' && e.text === t)!.attributes;
		expect(span('a').fill).toBe('#ff8700');
		expect(span('b').fill).toBe('#010203');
		expect(span('c')).toMatchObject({ 'font-weight': 'bold', 'font-style': 'italic', 'text-decoration': 'underline' });
		expect(svg).toMatch(new RegExp(`<rect [^>]*fill="${PALETTES.dark.ansi[1]}"/>`));
		expect(span('e').fill).toMatch(/^#[0-9a-f]{6}$/);
		expect(span('e').fill).not.toBe(PALETTES.dark.terminal.fg);
		expect(span('f').fill).toBe(PALETTES.dark.terminal.bg);
	});

	it('numbers lines, tints error and warning marks, and shows sections as open folds', () => {
		const step = makeStep({
			lines: ['one', 'two', 'three', 'four'],
			marks: [
				{ line: 1, level: 'warning' },
				{ line: 2, level: 'warning' },
				{ line: 2, level: 'error' },
			],
			sections: [{ title: 'Install <deps>', start: 1, end: 3 }],
		});
		const svg = stepSvg({ run: RUN, step, theme: 'light' });
		const numbers = texts(svg).filter((t) => t.attributes.class === 'ln').map((t) => t.text);
		expect(numbers).toEqual(['1', '2', '3', '4']);
		const rows = texts(svg).map((t) => t.text);
		expect(rows.indexOf('Install <deps>')).toBe(rows.indexOf('one') + 1);
		expect(svg.split(`fill="${PALETTES.light.mark.warning.bar}"`).length - 1).toBe(1);
		expect(svg.split(`fill="${PALETTES.light.mark.error.bar}"`).length - 1).toBe(1);
	});

	it(`shows the first ${DEFAULT_MAX_LINES} lines and counts the rest in a footer`, () => {
		const svg = stepSvg({ run: RUN, step: makeStep({ lines: lines(500) }), theme: 'light' });
		const all = texts(svg).map((t) => t.text);
		expect(all).toContain('line 60');
		expect(all).not.toContain('line 61');
		expect(all.at(-1)).toBe('… 440 more lines');
		expect(stepSvg({ run: RUN, step: makeStep({ lines: lines(61) }), theme: 'light', maxLines: 60 })).toContain('… 1 more line<');
		expect(stepSvg({ run: RUN, step: makeStep({ lines: lines(60) }), theme: 'light' })).not.toContain('more line');
		expect(stepSvg({ run: RUN, step: makeStep({ lines: lines(1500) }), theme: 'light', maxLines: Number.POSITIVE_INFINITY })).toContain('… 500 more lines<');
	});

	it('shows the end of a failed step, where its error is', () => {
		const svg = stepSvg({ run: RUN, step: makeStep({ status: 'failed', lines: lines(500) }), theme: 'dark' });
		const all = texts(svg).map((t) => t.text);
		expect(all).toContain('… 440 earlier lines');
		expect(all).toContain('line 441');
		expect(all).toContain('line 500');
		expect(all).not.toContain('line 440');
		expect(texts(svg).filter((t) => t.attributes.class === 'ln')[0]!.text).toBe('441');
		const head = stepSvg({ run: RUN, step: makeStep({ status: 'failed', lines: lines(500) }), theme: 'dark', window: 'head', maxLines: 10 });
		expect(texts(head).map((t) => t.text)).toContain('… 490 more lines');
	});

	it(`cuts lines at ${MAX_COLUMNS} columns with an ellipsis, expanding tabs`, () => {
		const svg = stepSvg({ run: RUN, step: makeStep({ lines: ['a'.repeat(1000), 'x\ty'] }), theme: 'light' });
		const [first, second] = texts(svg).filter((t) => /^a+…$|^x/.test(t.text));
		expect(first!.text).toBe(`${'a'.repeat(MAX_COLUMNS - 1)}…`);
		expect(second!.text).toBe('x       y');
	});

	it('keeps hostile log lines as inert text', () => {
		const step = makeStep({ lines: HOSTILE });
		for (const theme of ['light', 'dark'] as const) {
			const { svg, png } = stepImage({ run: RUN, step, theme, scale: 1 });
			expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
			const elements = parseXml(svg);
			// Only the elements this module writes; none that loads or runs anything.
			expect(new Set(elements.map((e) => e.name))).toEqual(new Set(['svg', 'title', 'style', 'rect', 'text', 'tspan', 'g', 'circle', 'path']));
			for (const e of elements) {
				for (const [name, value] of Object.entries(e.attributes)) {
					expect(name).not.toMatch(/^on|href|src/i);
					expect(value).not.toMatch(/url\(|@import|javascript:/i);
					if (name !== 'xmlns') expect(value).not.toMatch(/https?:/);
				}
			}
			expect(elements.find((e) => e.name === 'style')!.text).toBe('text{white-space:pre}.ln{-webkit-user-select:none;user-select:none}');
			const rows = texts(svg).filter((t) => t.attributes.class !== 'ln' && t.path.includes('g'));
			expect(rows.map((r) => r.text)).toEqual([...HOSTILE.slice(0, -1), 'nul bell lone\ufffdsurrogate \ufffd end']);
		}
	});

	it('escapes a secret-looking step name and prints it exactly as given (redaction is upstream)', () => {
		const name = `deploy --token ghp_AbCdEf0123456789AbCdEf0123456789AbCd "***" <x>&`;
		const svg = stepSvg({ run: RUN, step: makeStep({ name }), theme: 'light' });
		expect(svg).not.toContain('<x>');
		expect(svg).toContain('&lt;x&gt;&amp;');
		expect(texts(svg).map((t) => t.text)).toContain(name);
		expect(parseXml(svg).find((e) => e.name === 'title')!.text.startsWith(`${name}:`)).toBe(true);
	});

	it('says so when a step printed nothing', () => {
		const svg = stepSvg({ run: RUN, step: makeStep({ lines: [] }), theme: 'light' });
		expect(texts(svg).map((t) => t.text)).toContain('No output');
	});

	it('is deterministic: same bytes twice, and in a fresh process', () => {
		const input = { run: RUN, step: makeStep({ lines: [`${E}[31mred${E}[0m`, 'plain', '日本 ✅'], marks: [{ line: 0, level: 'error' as const }] }), theme: 'dark' as const };
		const a = stepImage(input);
		const b = stepImage(input);
		expect(b.svg).toBe(a.svg);
		expect(Buffer.from(b.png).equals(Buffer.from(a.png))).toBe(true);

		const hash = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
		const module = fileURLToPath(new URL('../../src/images/index.ts', import.meta.url));
		const script = `
			import { createHash } from 'node:crypto';
			import { stepImage } from ${JSON.stringify(module)};
			const input = JSON.parse(process.argv[1]);
			const image = stepImage(input);
			const hash = (b) => createHash('sha256').update(b).digest('hex');
			console.log(JSON.stringify({ svg: hash(image.svg), png: hash(image.png) }));
		`;
		const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(input)], { encoding: 'utf8', timeout: 60_000 });
		expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ svg: hash(a.svg), png: hash(a.png) });
	});
});
