/**
 * Log lines as the HTML of their text segments, coloured as shiki's `ansi` language colours
 * them in a light and a dark theme, byte for byte but for one difference (below):
 * test/site/ansi-html.test.ts compares the two on every escape code shiki reads and on the
 * corpus logs.
 *
 * Hand-written, mirroring shiki 4's ANSI tokenizer (its `ansi-sequence-parser` port) and its
 * dual-theme styles: shiki makes, for every segment, a token per theme, aligns the two lists
 * and merges their styles into an object, which log-html.ts then turned into a `style`
 * attribute: ~17 µs a line, most of a cold build's run pages (21 s of 96 at size M). A
 * segment's style depends only on the terminal's state (colours and decorations), so here each
 * state's style is made once, and a line is a walk over its escape codes.
 *
 * The difference: text that looks as in the terminal's default state (no colour, no decoration;
 * faint default text too, shown in its full colour) carries no span, where shiki gives it the
 * themes' text colours; the log's stylesheet gives `.atlas-log__text` those colours instead
 * (src/styles/atlas.css, held to the themes by test/site/ansi-html.test.ts). Nearly every line
 * of a log is such text: the span was 56 bytes and an element of the page's layout on each.
 */

import { escapeHtml } from './escape';

/** What a theme gives a log: its text and background colours and its 16 terminal colours. */
export interface AnsiTheme {
	/** The key of this theme's colours in the style (`light` gives `color`, `dark` gives `--shiki-dark`). */
	variant: string;
	fg: string;
	bg: string;
	/** `black` … `brightWhite`, as the theme's `terminal.ansi*` colours. */
	palette: Readonly<Record<string, string>>;
	/** Colours shown as others (lower-case hex keys), as shiki's `colorReplacements`. */
	replacements: Readonly<Record<string, string>>;
}

export const NAMED_COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'brightBlack', 'brightRed', 'brightGreen', 'brightYellow', 'brightBlue', 'brightMagenta', 'brightCyan', 'brightWhite'] as const;

type Color = { type: 'named'; name: string } | { type: 'rgb'; rgb: number[] } | { type: 'table'; index: number };

const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const REVERSE = 16;
const HIDDEN = 32;
const STRIKETHROUGH = 64;
const OVERLINE = 128;
/** SGR parameters 1–9 (and 21–29, which reset them). */
const DECORATIONS: Record<number, number> = { 1: BOLD, 2: DIM, 3: ITALIC, 4: UNDERLINE, 7: REVERSE, 8: HIDDEN, 9: STRIKETHROUGH };

type Command =
	| { type: 'resetAll' | 'resetForeground' | 'resetBackground' }
	| { type: 'setDecoration' | 'resetDecoration'; value: number }
	| { type: 'setForeground' | 'setBackground'; value: Color };

function parseColor(sequence: string[]): Color | undefined {
	const mode = sequence.shift();
	if (mode === '2') {
		const rgb = sequence.splice(0, 3).map((x) => Number.parseInt(x));
		if (rgb.length !== 3 || rgb.some((x) => Number.isNaN(x))) return undefined;
		return { type: 'rgb', rgb };
	}
	if (mode === '5') {
		const index = sequence.shift();
		if (index) return { type: 'table', index: Number(index) };
	}
	return undefined;
}

function parseSequence(sequence: string[]): Command[] {
	const commands: Command[] = [];
	while (sequence.length > 0) {
		const code = sequence.shift();
		if (!code) continue;
		const n = Number.parseInt(code);
		if (Number.isNaN(n)) continue;
		if (n === 0) commands.push({ type: 'resetAll' });
		else if (n <= 9) {
			if (DECORATIONS[n]) commands.push({ type: 'setDecoration', value: DECORATIONS[n] });
		} else if (n <= 29) {
			const decoration = DECORATIONS[n - 20];
			if (decoration) {
				commands.push({ type: 'resetDecoration', value: decoration });
				if (decoration === DIM) commands.push({ type: 'resetDecoration', value: BOLD });
			}
		} else if (n <= 37) commands.push({ type: 'setForeground', value: { type: 'named', name: NAMED_COLORS[n - 30]! } });
		else if (n === 38) {
			const color = parseColor(sequence);
			if (color) commands.push({ type: 'setForeground', value: color });
		} else if (n === 39) commands.push({ type: 'resetForeground' });
		else if (n <= 47) commands.push({ type: 'setBackground', value: { type: 'named', name: NAMED_COLORS[n - 40]! } });
		else if (n === 48) {
			const color = parseColor(sequence);
			if (color) commands.push({ type: 'setBackground', value: color });
		} else if (n === 49) commands.push({ type: 'resetBackground' });
		else if (n === 53) commands.push({ type: 'setDecoration', value: OVERLINE });
		else if (n === 55) commands.push({ type: 'resetDecoration', value: OVERLINE });
		else if (n >= 90 && n <= 97) commands.push({ type: 'setForeground', value: { type: 'named', name: NAMED_COLORS[n - 90 + 8]! } });
		else if (n >= 100 && n <= 107) commands.push({ type: 'setBackground', value: { type: 'named', name: NAMED_COLORS[n - 100 + 8]! } });
	}
	return commands;
}

const hex2 = (x: number) => Math.max(0, Math.min(x, 255)).toString(16).padStart(2, '0');
const LEVELS = [0, 95, 135, 175, 215, 255];

function colorValue(theme: AnsiTheme, color: Color): string | undefined {
	if (color.type === 'named') return theme.palette[color.name];
	if (color.type === 'rgb') return `#${color.rgb.map(hex2).join('')}`;
	const i = color.index;
	if (!Number.isInteger(i) || i < 0 || i > 255) return undefined;
	if (i < 16) return theme.palette[NAMED_COLORS[i]!];
	if (i < 232) {
		const k = i - 16;
		return `#${[LEVELS[Math.floor(k / 36)]!, LEVELS[Math.floor(k / 6) % 6]!, LEVELS[k % 6]!].map(hex2).join('')}`;
	}
	return `#${hex2(8 + (i - 232) * 10).repeat(3)}`;
}

function replaced(color: string | undefined, replacements: Readonly<Record<string, string>>): string | undefined {
	if (!color) return color;
	return replacements[color.toLowerCase()] || color;
}

/** 50% alpha on a hex colour, as shiki shows faint text. */
function dimmed(color: string): string {
	const hex = /#([0-9a-f]{3,8})/i.exec(color)?.[1];
	if (hex) {
		if (hex.length === 8) return `#${hex.slice(0, 6)}${Math.round(Number.parseInt(hex.slice(6, 8), 16) / 2).toString(16).padStart(2, '0')}`;
		if (hex.length === 6) return `#${hex}80`;
		if (hex.length === 4) {
			const [r, g, b, a] = hex;
			return `#${r}${r}${g}${g}${b}${b}${Math.round(Number.parseInt(`${a}${a}`, 16) / 2).toString(16).padStart(2, '0')}`;
		}
		if (hex.length === 3) {
			const [r, g, b] = hex;
			return `#${r}${r}${g}${g}${b}${b}80`;
		}
	}
	const variable = /var\((--[\w-]+-ansi-[\w-]+)\)/.exec(color);
	return variable ? `var(${variable[1]}-dim)` : color;
}

/** One theme's style of a state, as shiki's token style object (its key order matters). */
function themeStyle(theme: AnsiTheme, fg: Color | null, bg: Color | null, decorations: number): Record<string, string> {
	let color: string | undefined;
	let bgColor: string | undefined;
	if (decorations & REVERSE) {
		color = bg ? colorValue(theme, bg) : theme.bg;
		bgColor = fg ? colorValue(theme, fg) : theme.fg;
	} else {
		color = fg ? colorValue(theme, fg) : theme.fg;
		bgColor = bg ? colorValue(theme, bg) : undefined;
	}
	color = replaced(color, theme.replacements);
	bgColor = replaced(bgColor, theme.replacements);
	// shiki throws on faint text of an unknown colour (a table index past 255); it stays unknown here.
	if (decorations & DIM && color) color = dimmed(color);
	// Hidden (8) and overline (53) are tracked, as shiki tracks them, but change nothing it shows.
	const style: Record<string, string> = {};
	if (color) style.color = color;
	if (bgColor) style['background-color'] = bgColor;
	if (decorations & ITALIC) style['font-style'] = 'italic';
	if (decorations & BOLD) style['font-weight'] = 'bold';
	const lines = [...(decorations & UNDERLINE ? ['underline'] : []), ...(decorations & STRIKETHROUGH ? ['line-through'] : [])];
	if (lines.length > 0) style['text-decoration'] = lines.join(' ');
	return style;
}

/**
 * The themes' styles of a state merged as shiki merges them (`htmlStyle`): the first theme's
 * colours as `color` and `background-color`, everything else as `--shiki-<variant>-…`.
 */
function mergedStyle(themes: readonly AnsiTheme[], fg: Color | null, bg: Color | null, decorations: number): Record<string, string> {
	const styles = themes.map((theme) => themeStyle(theme, fg, bg, decorations));
	const keys = new Set(styles.flatMap((s) => Object.keys(s)));
	const merged: Record<string, string> = {};
	styles.forEach((style, i) => {
		const prefix = `--shiki-${themes[i]!.variant}`;
		for (const key of keys) {
			const value = style[key] || 'inherit';
			if (i === 0 && (key === 'color' || key === 'background-color')) merged[key] = value;
			else merged[key === 'color' ? prefix : key === 'background-color' ? `${prefix}-bg` : `${prefix}-${key}`] = value;
		}
	});
	return merged;
}

function colorKey(color: Color | null): string {
	if (!color) return '';
	return color.type === 'named' ? color.name : color.type === 'rgb' ? color.rgb.join(',') : `#${color.index}`;
}

/**
 * Renders lines of terminal output, the colours of one line carrying over to the next as on a
 * terminal: each run of text in one style escaped, in a `<span>` with the `style` that `styleOf`
 * makes of its state's merged style (see mergedStyle) unless that is empty, or the default
 * state's (see above). `themes[0]` is the default one.
 */
export function createAnsiRenderer(themes: readonly AnsiTheme[], styleOf: (merged: Record<string, string>) => string): (line: string) => string {
	let fg: Color | null = null;
	let bg: Color | null = null;
	let decorations = 0;
	const styles = new Map<string, string>();
	// Looks the same as the default state (faint default text is shown in its full colour): no span.
	const plain = styleOf(mergedStyle(themes, null, null, 0));
	const open = () => {
		const key = `${colorKey(fg)}|${colorKey(bg)}|${decorations}`;
		let known = styles.get(key);
		if (known === undefined) {
			const style = styleOf(mergedStyle(themes, fg, bg, decorations));
			styles.set(key, (known = style && style !== plain ? `<span style="${style}">` : ''));
		}
		return known;
	};
	return (line) => {
		let out = '';
		// Segments of one style in a row share a span: a test runner's progress dots are coloured
		// one by one (`ESC[32m.ESC[0m`), and a span each made a run page of 13,000 lines 46 MB.
		let tag = '';
		let text = '';
		const flush = () => {
			if (text) out += tag ? `${tag}${text}</span>` : text;
			text = '';
		};
		let position = 0;
		do {
			// An escape code is `ESC [` up to the next `m`; anything else, from the first ESC on, is text.
			const escape = line.indexOf('\x1b', position);
			const close = escape !== -1 && line[escape + 1] === '[' ? line.indexOf('m', escape) : -1;
			const end = close === -1 ? line.length : escape;
			if (end > position) {
				const next = open();
				if (next !== tag) {
					flush();
					tag = next;
				}
				text += escapeHtml(line.slice(position, end));
			}
			if (close === -1) break;
			const commands = parseSequence(line.slice(escape + 2, close).split(';'));
			for (const command of commands) {
				if (command.type === 'resetAll') {
					fg = null;
					bg = null;
					decorations = 0;
				} else if (command.type === 'resetForeground') fg = null;
				else if (command.type === 'resetBackground') bg = null;
				else if (command.type === 'resetDecoration') decorations &= ~command.value;
			}
			for (const command of commands) {
				if (command.type === 'setForeground') fg = command.value;
				else if (command.type === 'setBackground') bg = command.value;
				else if (command.type === 'setDecoration') decorations |= command.value;
			}
			position = close + 1;
		} while (position < line.length);
		flush();
		return out;
	};
}
