/**
 * ANSI SGR -> styled spans, parsed here rather than with shiki's `ansi` grammar: it is
 * synchronous (no highlighter to create), gives the exact palette slot or RGB value the program
 * asked for (the image themes pick the colours), and hands back plain text whose columns the
 * layout can count. Every other escape sequence (cursor moves, erase, OSC hyperlinks, Buildkite
 * timestamps, charset switches) and every control character but the tab is dropped: an image
 * shows what the terminal would have printed, and XML cannot hold most C0 characters anyway.
 */

/** A palette slot (0–255, themed for 0–15) or an exact `#rrggbb`. */
export type AnsiColour = number | `#${string}`;

export interface AnsiStyle {
	readonly fg?: AnsiColour;
	readonly bg?: AnsiColour;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly italic?: boolean;
	readonly underline?: boolean;
	readonly strike?: boolean;
	readonly inverse?: boolean;
	readonly hidden?: boolean;
}

export interface AnsiSpan {
	text: string;
	style: AnsiStyle;
}

const PLAIN: AnsiStyle = {};

/** A log line -> spans of printable text (tabs kept) with the SGR style in force. */
export function parseAnsi(line: string): AnsiSpan[] {
	let spans: AnsiSpan[] = [];
	let style = PLAIN;
	let text = '';
	const flush = () => {
		if (text) spans.push({ text, style });
		text = '';
	};
	let i = 0;
	while (i < line.length) {
		const c = line.charCodeAt(i);
		if (c === 0x1b || c === 0x9b || c === 0x9d) {
			const seq = escapeAt(line, i);
			if (seq.sgr !== undefined) {
				const next = applySgr(style, seq.sgr);
				if (next !== style) {
					flush();
					style = next;
				}
			}
			i = seq.end;
			continue;
		}
		if (c === 0x0d) {
			// A carriage return that is not the line's end redraws the line: keep what came after it.
			if (i + 1 < line.length) {
				text = '';
				spans = [];
			}
			i++;
			continue;
		}
		if ((c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) {
			i++;
			continue;
		}
		text += line[i];
		i++;
	}
	flush();
	return spans;
}

/** The text of a line without any escape sequence or control character (tabs kept). */
export function stripAnsi(line: string): string {
	return parseAnsi(line)
		.map((s) => s.text)
		.join('');
}

/** The escape sequence starting at `i`: where it ends and, for SGR, its parameters. */
function escapeAt(line: string, i: number): { end: number; sgr?: string } {
	const c = line.charCodeAt(i);
	let j: number;
	let kind: string;
	if (c === 0x9b) {
		kind = '[';
		j = i + 1;
	} else if (c === 0x9d) {
		kind = ']';
		j = i + 1;
	} else {
		kind = line[i + 1] ?? '';
		j = i + 2;
	}
	if (kind === '[') {
		const start = j;
		while (j < line.length && isIn(line.charCodeAt(j), 0x30, 0x3f)) j++;
		const params = line.slice(start, j);
		const beforeIntermediates = j;
		while (j < line.length && isIn(line.charCodeAt(j), 0x20, 0x2f)) j++;
		if (j >= line.length || !isIn(line.charCodeAt(j), 0x40, 0x7e)) return { end: j };
		const isSgr = line[j] === 'm' && j === beforeIntermediates && !/^[<=>?]/.test(params);
		return isSgr ? { end: j + 1, sgr: params } : { end: j + 1 };
	}
	if (kind === ']' || kind === 'P' || kind === 'X' || kind === '^' || kind === '_') {
		// String sequences end at BEL or ST (ESC \); an unterminated one swallows the rest, as a terminal would.
		for (; j < line.length; j++) {
			if (line.charCodeAt(j) === 0x07) return { end: j + 1 };
			if (line.charCodeAt(j) === 0x1b && line[j + 1] === '\\') return { end: j + 2 };
		}
		return { end: line.length };
	}
	// Charset designations carry one more character (`ESC ( B`); everything else is two.
	if (kind && '()*+-./#%'.includes(kind)) return { end: Math.min(line.length, j + 1) };
	return { end: Math.min(line.length, j) };
}

function isIn(c: number, lo: number, hi: number): boolean {
	return c >= lo && c <= hi;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
	const s: Mutable<AnsiStyle> = { ...current };
	const list = params === '' ? ['0'] : params.split(';');
	for (let k = 0; k < list.length; k++) {
		const sub = list[k]!.split(':');
		const code = sub[0] === '' ? 0 : Number(sub[0]);
		if (!Number.isInteger(code)) continue;
		if (code === 0) {
			for (const key of Object.keys(s) as (keyof AnsiStyle)[]) delete s[key];
		} else if (code === 1) s.bold = true;
		else if (code === 2) s.dim = true;
		else if (code === 3) s.italic = true;
		else if (code === 4) {
			// `4:0` is "no underline"; `4:1`–`4:5` are underline styles, drawn as one.
			if (sub[1] === '0') delete s.underline;
			else s.underline = true;
		}
		else if (code === 7) s.inverse = true;
		else if (code === 8) s.hidden = true;
		else if (code === 9) s.strike = true;
		else if (code === 21) s.underline = true;
		else if (code === 22) {
			delete s.bold;
			delete s.dim;
		} else if (code === 23) delete s.italic;
		else if (code === 24) delete s.underline;
		else if (code === 27) delete s.inverse;
		else if (code === 28) delete s.hidden;
		else if (code === 29) delete s.strike;
		else if (code >= 30 && code <= 37) s.fg = code - 30;
		else if (code === 39) delete s.fg;
		else if (code >= 40 && code <= 47) s.bg = code - 40;
		else if (code === 49) delete s.bg;
		else if (code >= 90 && code <= 97) s.fg = code - 90 + 8;
		else if (code >= 100 && code <= 107) s.bg = code - 100 + 8;
		else if (code === 38 || code === 48 || code === 58) {
			const read = sub.length > 1 ? extendedFromColons(sub) : extendedFromList(list, k);
			k += read.consumed;
			if (read.colour === undefined || code === 58) continue;
			if (code === 38) s.fg = read.colour;
			else s.bg = read.colour;
		}
	}
	return sameStyle(current, s) ? current : s;
}

/** `38:5:n`, `38:2::r:g:b`, `38:2:cs:r:g:b` or `38:2:r:g:b`. */
function extendedFromColons(sub: string[]): { colour?: AnsiColour; consumed: number } {
	if (sub[1] === '5') return { colour: slot(sub[2]), consumed: 0 };
	if (sub[1] === '2') {
		const rgb = sub.length >= 6 ? sub.slice(3, 6) : sub.slice(2, 5);
		return { colour: hex(rgb), consumed: 0 };
	}
	return { consumed: 0 };
}

/** `38;5;n` or `38;2;r;g;b`: the colour's parameters follow as separate list items. */
function extendedFromList(list: string[], k: number): { colour?: AnsiColour; consumed: number } {
	if (list[k + 1] === '5') return { colour: slot(list[k + 2]), consumed: 2 };
	if (list[k + 1] === '2') return { colour: hex(list.slice(k + 2, k + 5)), consumed: 4 };
	return { consumed: 0 };
}

function slot(text: string | undefined): number | undefined {
	const n = Number(text);
	return text !== undefined && text !== '' && Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

function hex(parts: string[]): `#${string}` | undefined {
	if (parts.length !== 3) return undefined;
	const values = parts.map((p) => (p === '' ? 0 : Number(p)));
	if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) return undefined;
	return `#${values.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const KEYS: (keyof AnsiStyle)[] = ['fg', 'bg', 'bold', 'dim', 'italic', 'underline', 'strike', 'inverse', 'hidden'];

export function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
	return KEYS.every((key) => a[key] === b[key]);
}
