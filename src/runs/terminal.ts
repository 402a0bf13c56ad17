/**
 * Terminal output as a page can show it: lines split, `\r` redraws collapsed to what the
 * terminal finally showed, control sequences dropped except SGR colour codes, which the site
 * renders with shiki's ansi language. Every run format passes its lines through here.
 */

const BOM = '\uFEFF';

/**
 * ESC sequences, carriage returns and other C0 controls, in one pass. CSI (`\e[...X`),
 * OSC/APC/DCS strings (Buildkite's `\e_bk;t=...\a` timestamps are APC), two-byte escapes
 * (`\e(B`, `\e7`) and a dangling ESC. Tab stays: it is text.
 */
const CONTROL = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\|$)|[ -/]*[0-~]|$)|\r|[\x00-\x08\x0b-\x1f\x7f]/g;
/**
 * Anything cleanLine would change: a control character, or an escape that is not a whole SGR
 * code. A line without one (plain text, or text and colours: most of a coloured log) is shown
 * as it is, without splitting it into its thousands of colour codes.
 */
const NEEDS_CLEANING = /\x1b(?!\[[0-9;:]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/;
const SGR = /^\x1b\[[0-9;:]*m$/;
/**
 * Moves to the start of the line or erases all of it, which progress bars use instead of `\r`
 * (PowerShell's `\e[1;1H`, `\e[G`, `\e[2K`): what follows redraws the line.
 */
const REDRAW = /^\x1b\[(?:[01]?G|(?:\d*;)?[01]?[Hf]|2K)$/;
const RESET = /^\x1b\[(?:0*(?:;0*)*)?m$/;
const SGR_ANYWHERE = /\x1b\[[0-9;:]*m/g;
/** Colour codes carried over from overwritten text: a progress bar redrawn a thousand times must not grow the line. */
const MAX_CARRIED = 16;

export interface SplitOptions {
	/**
	 * A text without a single `\n` but with `\r`s is split on them (old Mac line ends, and
	 * GitLab traces saved that way); otherwise a bare `\r` is a redraw within its line.
	 */
	bareCarriageReturns?: boolean;
}

/** Lines of a text: LF or CRLF ends, BOM dropped, no empty line after a final newline. Lines are raw: clean them with {@link cleanLine}. */
export function splitLines(text: string, options: SplitOptions = {}): string[] {
	if (text.startsWith(BOM)) text = text.slice(1);
	if (text === '') return [];
	if (options.bareCarriageReturns && !text.includes('\n') && text.includes('\r')) {
		const lines = text.split('\r');
		if (lines.at(-1) === '') lines.pop();
		return lines;
	}
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
	}
	return lines;
}

/**
 * The first lines splitLines gives for a text, up to and with the `nonBlank`th that is not
 * blank (all of them if there are fewer): what telling a log's format apart reads, without
 * splitting the rest of a long log, which its parser splits again anyway.
 */
export function firstLines(text: string, nonBlank: number): string[] {
	const from = text.startsWith(BOM) ? 1 : 0;
	const lines: string[] = [];
	let taken = 0;
	let start = from;
	while (taken < nonBlank) {
		const end = text.indexOf('\n', start);
		// The text after the last line end is a line unless it is empty, as splitLines has it.
		if (end === -1 && start === text.length) break;
		const raw = text.slice(start, end === -1 ? text.length : end);
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		lines.push(line);
		if (line.trim() !== '') taken++;
		if (end === -1) break;
		start = end + 1;
	}
	return lines;
}

interface Segment {
	/** Text and kept SGR codes, in order. */
	parts: string[];
	sgr: string[];
	visible: boolean;
}

/**
 * One raw line as the terminal left it: the last redraw (after a `\r`, or a move to the line's
 * start) that shows anything
 * (`50%\r100%` → `100%`), SGR codes kept (those of overwritten redraws too, so colours
 * that were switched on stay on), every other control sequence and C0 character dropped.
 */
export function cleanLine(raw: string): string {
	if (!NEEDS_CLEANING.test(raw)) return raw;
	const segments: Segment[] = [];
	let current: Segment = { parts: [], sgr: [], visible: false };
	let last = 0;
	CONTROL.lastIndex = 0;
	for (let match = CONTROL.exec(raw); match; match = CONTROL.exec(raw)) {
		if (match.index > last) addText(current, raw.slice(last, match.index));
		last = CONTROL.lastIndex;
		const token = match[0];
		if (token === '\r' || (token.length > 2 && REDRAW.test(token))) {
			segments.push(current);
			current = { parts: [], sgr: [], visible: false };
		} else if (SGR.test(token)) {
			current.parts.push(token);
			current.sgr.push(token);
		}
	}
	if (last < raw.length) addText(current, raw.slice(last));
	segments.push(current);
	if (segments.length === 1) return current.parts.join('');

	let shown = -1;
	for (let i = segments.length - 1; i >= 0; i--) {
		if (segments[i]!.visible) {
			shown = i;
			break;
		}
	}
	if (shown === -1) {
		// Only blanks were drawn: keep the last redraw that had any text at all.
		for (let i = segments.length - 1; i >= 0; i--) {
			if (segments[i]!.parts.some((part) => !part.startsWith('\x1b'))) {
				shown = i;
				break;
			}
		}
	}
	const carried: string[] = [];
	const out: string[] = [];
	segments.forEach((segment, i) => {
		if (i === shown) {
			out.push(...carried, ...segment.parts);
			carried.length = 0;
		} else {
			for (const code of segment.sgr) carry(carried, code);
		}
	});
	out.push(...carried);
	return out.join('');
}

function addText(segment: Segment, text: string): void {
	segment.parts.push(text);
	if (!segment.visible && text.trim() !== '') segment.visible = true;
}

function carry(carried: string[], code: string): void {
	if (RESET.test(code)) carried.length = 0;
	carried.push(code);
	if (carried.length > MAX_CARRIED) carried.splice(0, carried.length - MAX_CARRIED);
}

/** The text a reader sees, without any escape sequence or control character: for names and titles. */
export function visibleText(line: string): string {
	return shownText(cleanLine(line));
}

/**
 * visibleText of a line cleanLine gave already: what it leaves is text and SGR codes, which it
 * leaves as they are, so cleaning it again (a regex test per colour code) would change nothing.
 */
export function shownText(cleaned: string): string {
	return cleaned.includes('\x1b') ? cleaned.replace(SGR_ANYWHERE, '') : cleaned;
}

/**
 * NEEDS_CLEANING for a whole text: a `\r` only counts where it is not part of a CRLF line end,
 * which splitLines removes.
 */
const TEXT_NEEDS_CLEANING = /\x1b(?!\[[0-9;:]*m)|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]|\r(?!\n)/;

/**
 * Cleans every line of a text. A text with nothing to clean (most logs: plain text and colour
 * codes) is only split: one test over it instead of one per line.
 */
export function cleanLines(text: string, options: SplitOptions = {}): string[] {
	const lines = splitLines(text, options);
	return TEXT_NEEDS_CLEANING.test(text) ? lines.map(cleanLine) : lines;
}
