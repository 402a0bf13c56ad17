import { createHighlighter, type Highlighter } from 'shiki';
import { createAnsiRenderer, NAMED_COLORS, type AnsiTheme } from './ansi-html';
import { cachedTextAsync } from '../cache/files';
import type { LogMark, LogSection } from '../model';
import { escapeHtml } from './escape';

export { escapeHtml };

/** Logs longer than this show their head and tail; the whole log is a download. */
export const LOG_WINDOW = { limit: 3000, head: 500, tail: 2000 } as const;

/** The themes logs are coloured in, light first (the default): shiki's GitHub themes. */
export const LOG_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** VS Code's terminal colours, which shiki gives a theme that names none of its own. */
const DEFAULT_ANSI: Record<string, string> = {
	black: '#000000', red: '#cd3131', green: '#0DBC79', yellow: '#E5E510', blue: '#2472C8', magenta: '#BC3FBC', cyan: '#11A8CD', white: '#E5E5E5',
	brightBlack: '#666666', brightRed: '#F14C4C', brightGreen: '#23D18B', brightYellow: '#F5F543', brightBlue: '#3B8EEA', brightMagenta: '#D670D6', brightCyan: '#29B8DB', brightWhite: '#FFFFFF',
};

let highlighter: Promise<Highlighter> | undefined;
/** shiki with the log themes and its `ansi` language loaded (tests compare logHtml with it). */
export function ansiHighlighter(): Promise<Highlighter> {
	highlighter ??= createHighlighter({ langs: ['ansi'], themes: Object.values(LOG_THEMES) });
	return highlighter;
}

let themes: Promise<AnsiTheme[]> | undefined;
/** The log themes' colours as shiki resolves them, with READABLE_ANSI as its colour replacements. */
function logThemes(): Promise<AnsiTheme[]> {
	themes ??= ansiHighlighter().then((shiki) =>
		Object.entries(LOG_THEMES).map(([variant, name]) => {
			const theme = shiki.getTheme(name);
			return {
				variant,
				fg: theme.fg,
				bg: theme.bg,
				palette: Object.fromEntries(NAMED_COLORS.map((color) => [color, theme.colors?.[`terminal.ansi${color[0]!.toUpperCase()}${color.slice(1)}`] || DEFAULT_ANSI[color]!])),
				replacements: { ...theme.colorReplacements, ...READABLE_ANSI[name] },
			};
		}),
	);
	return themes;
}


/** Which lines are shown: all, or head and tail of a long log; `at` is the first line after the gap. */
export function logWindow(count: number, window: { limit: number; head: number; tail: number } = LOG_WINDOW): { shown: number[]; omitted: number; at: number } {
	if (count <= window.limit) return { shown: [...Array(count).keys()], omitted: 0, at: count };
	const head = [...Array(window.head).keys()];
	const tail = [...Array(window.tail).keys()].map((i) => count - window.tail + i);
	return { shown: [...head, ...tail], omitted: count - window.head - window.tail, at: count - window.tail };
}

/** Only these style properties come from shiki: a colour or weight, never anything a log could steer. */
const STYLE_KEY = /^(color|background-color|font-weight|font-style|text-decoration|--shiki-(dark|light)(-bg|-font-weight|-font-style|-text-decoration)?)$/;
const STYLE_VALUE = /^(#[0-9a-fA-F]{3,8}|bold|italic|underline|line-through|normal|none|inherit)$/;

/** The `style` of a segment from shiki's merged style of it (`htmlStyle`): whitelisted keys and values only. */
export function styleAttribute(htmlStyle: Readonly<Record<string, string>>): string {
	return Object.entries(htmlStyle)
		.filter(([key, value]) => STYLE_KEY.test(key) && STYLE_VALUE.test(String(value)))
		// Faint text (SGR 2) comes at 50% alpha, 3:1 on white at best: shown in its full colour instead,
		// since only the palette's full colours are known to read at 4.5:1.
		.map(([key, value]) => `${key}:${String(value).replace(/^(#[0-9a-f]{6})80$/i, '$1')}`)
		.join(';');
}

export interface LogHtmlInput {
	lines: readonly string[];
	sections?: readonly LogSection[];
	marks?: readonly LogMark[];
	/** Line ids are `<prefix>-L<n>` (1-based), e.g. `step-3-L42`. */
	prefix: string;
	window?: { limit: number; head: number; tail: number };
}

/**
 * GitHub's terminal colours, darkened in the light theme (lightened in the dark one) where they
 * fall under 4.5:1 (WCAG 1.4.3) on the log, or on an error line's tinted background: yellow is
 * 2.1:1 on white as shipped, bright white 1.5:1.
 */
export const READABLE_ANSI: Record<string, Record<string, string>> = {
	'github-light': {
		'#d73a49': '#c21f2b', '#cb2431': '#c21f2b', // red, bright red
		'#28a745': '#116329', '#22863a': '#116329', // green, bright green
		'#dbab09': '#7d4e00', '#b08800': '#7d4e00', // yellow, bright yellow
		'#0366d6': '#0550ae', // blue
		'#1b7c83': '#136068', '#3192aa': '#136068', // cyan, bright cyan
		'#6a737d': '#57606a', '#959da5': '#57606a', '#d1d5da': '#57606a', // white, bright black, bright white
	},
	'github-dark': {
		'#586069': '#959da5', // black
		'#ea4a5a': '#f97583', // red, as bright red
		'#2188ff': '#79b8ff', // blue, as bright blue
	},
};

/**
 * A step's log as HTML: ANSI colours through shiki's `ansi` grammar (light and dark), a
 * linkable number on every line, CI-flagged lines marked, folds as `<details>` the way the CI
 * folds them. Every character of the log is escaped; styles are whitelisted.
 */
export async function logHtml(input: LogHtmlInput): Promise<string> {
	if (input.lines.length === 0) return '<p class="atlas-log__empty">No output.</p>';
	// Highlighting is most of a run page's time, and a rebuild shows the same logs again.
	const { lines, sections, marks, prefix, window } = input;
	return cachedTextAsync('log-html', JSON.stringify([lines, sections, marks, prefix, window]), () => renderLog(input));
}

async function renderLog({ lines, sections = [], marks = [], prefix, window }: LogHtmlInput): Promise<string> {
	const { shown, omitted, at } = logWindow(lines.length, window);
	const renderLine = createAnsiRenderer(await logThemes(), styleAttribute);
	// The shown lines as shiki reads a text of them (a `\r` before a line end is part of it).
	const texts = shown.map((i) => lines[i]!).join('\n').split(/\r?\n/);
	const rendered = new Map<number, string>(shown.map((line, k) => [line, renderLine(texts[k] ?? '')]));
	const level = new Map(marks.map((m) => [m.line, m.level]));
	const lineHtml = (i: number) => {
		const id = `${prefix}-L${i + 1}`;
		const mark = level.get(i);
		return `<div class="atlas-log__line${mark ? ` atlas-log__line--${mark}` : ''}" id="${id}"><a class="atlas-log__n" href="#${id}" aria-label="Line ${i + 1}">${i + 1}</a><span class="atlas-log__text">${rendered.get(i) || ' '}</span></div>`;
	};
	const gap = omitted > 0 ? `<div class="atlas-log__gap">… ${omitted.toLocaleString('en-US')} lines not shown: download the full log …</div>` : '';
	const visible = new Set(shown);
	const folds = nest(sections.filter((s) => s.end > s.start && range(s).every((i) => visible.has(i))));
	const render = (from: number, to: number, inner: Fold[]): string => {
		let out = '';
		let i = from;
		for (const fold of inner) {
			for (; i < fold.section.start; i++) if (visible.has(i)) out += (i === at && omitted > 0 ? gap : '') + lineHtml(i);
			const body = render(fold.section.start, fold.section.end, fold.children);
			const count = fold.section.end - fold.section.start;
			out += `<details class="atlas-log__section"${fold.section.collapsed ? '' : ' open'}><summary>${escapeHtml(stripAnsi(fold.section.title))} <span class="atlas-log__count">${count} line${count === 1 ? '' : 's'}</span></summary>${body}</details>`;
			i = fold.section.end;
		}
		for (; i < to; i++) if (visible.has(i)) out += (i === at && omitted > 0 ? gap : '') + lineHtml(i);
		return out;
	};
	return `${LOG_OPEN}${render(0, lines.length, folds)}</div>`;
}

/** How every log starts: `withoutLogs` finds logs by it. */
const LOG_OPEN = '<div class="atlas-log not-content" role="log" data-pagefind-ignore>';

const LOG_OPEN_BYTES = Buffer.from(LOG_OPEN);
const DIV_OPEN = Buffer.from('<div');
const DIV_CLOSE = Buffer.from('</div');

/** Whether the byte at `at` ends a tag name (what `\b` after `div` means). */
function endsName(bytes: Uint8Array, at: number): boolean {
	const c = bytes[at];
	return c === undefined || !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f);
}

/** The first `<div` or `</div` tag at or after `from` (`from` of the one after), or -1. */
function nextDiv(bytes: Buffer, tag: Buffer, from: number, to: number): number {
	for (let at = bytes.indexOf(tag, from); at >= 0 && at < to; at = bytes.indexOf(tag, at + 1)) {
		if (endsName(bytes, at + tag.length)) return at;
	}
	return -1;
}

/**
 * A page (or part of one: `from` to `to`) without its logs, for the search index, which ignores
 * them (`data-pagefind-ignore`) but would still parse them: they are two thirds of the site's
 * HTML. A log's end is found by counting its `div`s, sound because every character of a log
 * line is escaped: no `<div` or `</div` in a log is markup of its own. Found in the bytes, and
 * only the rest decoded: decoding the logs to search them was most of the time (0.9 of 1.1 s
 * for the 200 run pages at size M).
 */
export function withoutLogs(bytes: Buffer, from = 0, to = bytes.length): string {
	let out = '';
	let kept = from;
	for (let at = bytes.indexOf(LOG_OPEN_BYTES, from); at >= 0 && at < to; at = bytes.indexOf(LOG_OPEN_BYTES, kept)) {
		let depth = 1;
		let open = nextDiv(bytes, DIV_OPEN, at + LOG_OPEN_BYTES.length, to);
		let close = nextDiv(bytes, DIV_CLOSE, at + LOG_OPEN_BYTES.length, to);
		let end = -1;
		while (close >= 0) {
			if (open >= 0 && open < close) {
				depth++;
				open = nextDiv(bytes, DIV_OPEN, open + DIV_OPEN.length, to);
			} else if (--depth === 0) {
				end = close;
				break;
			} else close = nextDiv(bytes, DIV_CLOSE, close + DIV_CLOSE.length, to);
		}
		// An unclosed log (never written so) keeps the rest of the page as it is.
		if (end < 0) break;
		out += bytes.toString('utf8', kept, at);
		kept = bytes.indexOf('>', end + DIV_CLOSE.length) + 1;
		if (kept === 0 || kept > to) return out;
	}
	return out + bytes.toString('utf8', kept, to);
}

interface Fold {
	section: LogSection;
	children: Fold[];
}

/** Sections as a tree; one that overlaps a sibling without containing it is dropped, not mis-nested. */
function nest(sections: readonly LogSection[]): Fold[] {
	const sorted = [...sections].sort((a, b) => a.start - b.start || b.end - a.end);
	const roots: Fold[] = [];
	const stack: Fold[] = [];
	for (const section of sorted) {
		while (stack.length > 0 && stack.at(-1)!.section.end <= section.start) stack.pop();
		const parent = stack.at(-1);
		if (parent && section.end > parent.section.end) continue;
		const fold = { section, children: [] };
		(parent ? parent.children : roots).push(fold);
		stack.push(fold);
	}
	return roots;
}

function range(section: LogSection): number[] {
	return [section.start, section.end - 1];
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;:]*m/g;
export function stripAnsi(text: string): string {
	return text.replace(SGR, '');
}
