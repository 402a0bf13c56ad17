/**
 * A run stage as an image, the way a person would screenshot it from the CI's job page: a header
 * (status icon, step name, status, duration) over the log in a terminal with line numbers, ANSI
 * colours, error and warning lines tinted and section titles shown as open folds.
 *
 * The text is real SVG text on a fixed grid: every run of one style is placed at its column, so
 * the lines stay aligned whatever font finally draws them. Lines arrive redacted; nothing here
 * can un-redact, and everything the run says is escaped as text.
 */
import type { Run, RunStep } from '../model';
import { type AnsiStyle, parseAnsi } from './ansi';
import { clipText, ELLIPSIS, type LaidOutLine, layoutLine, textColumns } from './columns';
import { formatDuration } from './duration';
import { label, providerName, statusText } from './labels';
import { cellWidth, FONT_FAMILY, xmlText } from './markup';
import { ansiColour, type ImagePalette, type ImageTheme, PALETTES } from './palette';
import { pngScale } from '../config/png-scale';
import { type Drawing, drawingPng, drawingRaster, drawingSvg, type Item } from './drawing';
import { type RasterInput, rasterPng } from './raster';
import type { TextSpan } from './text';

/**
 * Sixty lines: about one screen of a CI's log view, enough to show a step's command and its
 * outcome, while an image stays around 1,250 × 1,200 px and renders in well under a second.
 * The whole log is on the run's page.
 */
export const DEFAULT_MAX_LINES = 60;
/** `maxLines` beyond this is taken as this: 1,000 rows is an 18,000 px tall PNG at 2x already. */
export const MAX_ROWS = 1000;
/** Wider lines end in "…": 160 columns is what a wide terminal shows without wrapping. */
export const MAX_COLUMNS = 160;
/**
 * The narrowest terminal an image shows, a classic 80-column one. Between the two the image is
 * as wide as what it shows (its widest row, its header), as a person crops a screenshot: a
 * short log is not lost in a 160-column frame, it stays legible when shown at a page's width,
 * and half the stages at size M need at most 100 columns. Drawing time goes with the pixels:
 * a third of them went.
 */
export const MIN_COLUMNS = 80;

export interface StepImageInput {
	run: Pick<Run, 'pipelineId' | 'id' | 'job' | 'provider'>;
	step: RunStep;
	theme: ImageTheme;
	/** Log rows shown (lines and section titles); the rest is counted in a "… N more lines" row. */
	maxLines?: number;
	/**
	 * Which end of a long log to show. By default the start, but the end for failed and timed-out
	 * steps: that is where the error is, and what a person would screenshot.
	 */
	window?: 'head' | 'tail';
	/** PNG pixels per SVG px: the build's (see ../config/png-scale.ts) unless given. */
	scale?: 1 | 2;
}

export interface RenderedImage {
	svg: string;
	png: Uint8Array;
	/** Size of the SVG in CSS px; the PNG is `scale` times that in pixels. */
	width: number;
	height: number;
	scale: number;
}

const FONT = 12;
const LINE = 18;
const CW = cellWidth(FONT);
const PAD = 16;
const HEADER = 64;
const TERM_PAD = 8;
/** Baseline below a row's top: centres 12 px DejaVu Sans Mono in an 18 px row. */
const BASELINE = 13;

type Row = { kind: 'line'; index: number } | { kind: 'section'; title: string } | { kind: 'note'; text: string };

export function stepImage(input: StepImageInput): RenderedImage {
	const drawing = drawStep(input);
	const palette = PALETTES[input.theme];
	const scale = input.scale ?? pngScale();
	return { svg: drawingSvg(drawing, palette), png: drawingPng(drawing, palette, palette.terminal.fg, scale), width: drawing.width, height: drawing.height, scale };
}

/** The SVG alone (pages that inline it need no PNG). */
export function stepSvg(input: StepImageInput): string {
	return drawingSvg(drawStep(input), PALETTES[input.theme]);
}

/** The PNG alone, as `stepImage` draws it: the build keeps the SVG it already has, and needs no second one. */
export function stepPng(input: StepImageInput): Uint8Array {
	return rasterPng(stepRaster(input));
}

/** What `stepPng` paints. */
export function stepRaster(input: StepImageInput): RasterInput {
	const palette = PALETTES[input.theme];
	return drawingRaster(drawStep(input), palette, palette.terminal.fg, input.scale ?? pngScale());
}

function drawStep(input: StepImageInput): Drawing {
	const { run, step } = input;
	const palette = PALETTES[input.theme];
	const cap = Math.min(MAX_ROWS, Math.max(1, Math.floor(input.maxLines ?? DEFAULT_MAX_LINES)));
	const side = input.window ?? (step.status === 'failed' || step.status === 'timedout' ? 'tail' : 'head');
	const rows = visibleRows(step, cap, side);

	const gutterCols = Math.max(4, String(step.lines.length).length);
	const termX = PAD;
	const gutterRight = termX + 12 + cellWidth(FONT, gutterCols);
	const textX = gutterRight + 16;
	const laid = new Map(rows.flatMap((row) => (row.kind === 'line' ? [[row.index, layoutLine(parseAnsi(step.lines[row.index]!), MAX_COLUMNS)] as const] : [])));
	const terminalWidth = (cols: number) => textX + cellWidth(FONT, cols) + 12 + PAD;
	const width = Math.ceil(Math.min(terminalWidth(MAX_COLUMNS), Math.max(terminalWidth(Math.max(MIN_COLUMNS, widestRow(rows, laid))), headerWidth(input))));
	const termH = TERM_PAD * 2 + rows.length * LINE;
	const height = HEADER + termH + PAD;

	const marks = markLevels(step);
	const body: Item[] = [];
	rows.forEach((row, r) => {
		const top = HEADER + TERM_PAD + r * LINE;
		const y = top + BASELINE;
		if (row.kind === 'note') {
			body.push({ x: textX, y, fill: palette.terminal.lineNumber, italic: true, spans: [{ text: row.text }] });
			return;
		}
		if (row.kind === 'section') {
			const cx = textX + CW / 2;
			body.push({ kind: 'fold', x: cx - 3.5, y: top + 7, fill: palette.terminal.lineNumber });
			body.push({ x: textX + CW * 2, y, bold: true, spans: [{ text: clipText(label(row.title), MAX_COLUMNS - 2) }] });
			return;
		}
		const mark = marks.get(row.index);
		if (mark) {
			const tint = palette.mark[mark];
			body.push({ kind: 'rect', x: termX + 1, y: top, width: width - 2 * PAD - 2, height: LINE, fill: tint.bg });
			body.push({ kind: 'rect', x: termX + 1, y: top, width: 3, height: LINE, fill: tint.bar });
		}
		body.push({ className: 'ln', x: gutterRight, y, fill: palette.terminal.lineNumber, anchor: 'end', spans: [{ text: String(row.index + 1) }] });
		body.push(...logLine(laid.get(row.index)!, textX, top, palette));
	});

	const head = header(input, width, palette);
	const title = `${label(step.name)}: ${statusText(step.status, undefined, step.allowedToFail)}${durationSuffix(step.durationMs)} (${label(run.job)}, run ${label(run.id)})`;
	const items: Item[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_FAMILY}" font-size="${FONT}" xml:space="preserve">`,
		`<title>${xmlText(title)}</title>`,
		// Browsers collapse spaces despite `xml:space` (resvg reads only that): CSS says it to them.
		// Line numbers stay out of a copied selection, as in a CI's log view.
		'<style>text{white-space:pre}.ln{-webkit-user-select:none;user-select:none}</style>',
		{ kind: 'rect', x: 0, y: 0, width, height, fill: palette.page },
		...head,
		{ kind: 'frame', x: termX + 0.5, y: HEADER + 0.5, width: width - 2 * PAD - 1, height: termH - 1, radius: 6, fill: palette.terminal.bg, stroke: palette.border },
		`<g fill="${palette.terminal.fg}">`,
		...body,
		'</g>',
		'</svg>',
	];
	return { items, width, height };
}

/** What the header says: the context line, the step's name, its status and duration. */
function headerText(input: StepImageInput): { context: string; name: string; status: string; duration: string | undefined; rightWidth: number } {
	const { run, step } = input;
	const context = [...providerName(run.provider), run.pipelineId, run.job, `run ${run.id}`, `step ${step.index}`];
	if (step.container !== undefined && step.container > 0) context.push(`container ${step.container}`);
	const status = statusText(step.status, step.exitCode, step.allowedToFail);
	const duration = formatDuration(step.durationMs);
	const right = duration ? `${status} · ${duration}` : status;
	return { context: label(context.join(' · ')), name: label(step.name), status, duration, rightWidth: cellWidth(12, textColumns(right)) };
}

/** The width the header needs to say all of it without cutting. */
function headerWidth(input: StepImageInput): number {
	const { context, name, rightWidth } = headerText(input);
	return 2 * PAD + Math.max(cellWidth(11, textColumns(context)), 24 + cellWidth(14, textColumns(name)) + 24 + rightWidth);
}

/** Columns of the widest row: a log line as laid out (a cut one with its "…"), a section title, a note. */
function widestRow(rows: readonly Row[], laid: ReadonlyMap<number, LaidOutLine>): number {
	let widest = 0;
	for (const row of rows) {
		const cols = row.kind === 'line' ? laid.get(row.index)!.cols : row.kind === 'section' ? 2 + textColumns(label(row.title)) : textColumns(row.text);
		if (cols > widest) widest = cols;
	}
	return widest;
}

function header(input: StepImageInput, width: number, palette: ImagePalette): Item[] {
	const { step } = input;
	const { context, name, status, duration, rightWidth } = headerText(input);
	const contextCols = Math.floor((width - 2 * PAD) / cellWidth(11));
	const nameCols = Math.max(8, Math.floor((width - 2 * PAD - 24 - rightWidth - 24) / cellWidth(14)));

	return [
		{ x: PAD, y: 24, size: 11, fill: palette.muted, spans: [{ text: clipText(context, contextCols) }] },
		{ kind: 'icon', status: step.status, x: PAD, y: 36, size: 16 },
		{ x: PAD + 24, y: 49, size: 14, bold: true, fill: palette.text, spans: [{ text: clipText(name, nameCols) }] },
		{
			x: width - PAD,
			y: 49,
			anchor: 'end',
			fill: palette.muted,
			spans: [{ text: status, fill: palette.status[step.status], bold: true }, ...(duration ? [{ text: ` · ${duration}` }] : [])],
		},
	];
}

/** The rows the image shows: lines with section titles before them, cut to `cap` with a note. */
function visibleRows(step: RunStep, cap: number, side: 'head' | 'tail'): Row[] {
	const n = step.lines.length;
	if (n === 0 && step.sections.length === 0) return [{ kind: 'note', text: 'No output' }];
	// Outer sections first where several start on one line; the sort is stable for equal ranges.
	const sections = step.sections
		.filter((s) => s.start <= s.end && s.start <= n)
		.sort((a, b) => a.start - b.start || b.end - a.end);
	const rows: Row[] = [];
	let s = 0;
	for (let i = 0; i <= n; i++) {
		while (s < sections.length && sections[s]!.start === i) rows.push({ kind: 'section', title: sections[s++]!.title });
		if (i < n) rows.push({ kind: 'line', index: i });
	}
	if (rows.length <= cap) return rows;
	const shown = side === 'tail' ? rows.slice(rows.length - cap) : rows.slice(0, cap);
	const hidden = n - shown.filter((r) => r.kind === 'line').length;
	if (hidden === 0) return shown;
	const words = `${hidden.toLocaleString('en-US')} ${side === 'tail' ? 'earlier' : 'more'} line${hidden === 1 ? '' : 's'}`;
	const note: Row = { kind: 'note', text: `${ELLIPSIS} ${words}` };
	return side === 'tail' ? [note, ...shown] : [...shown, note];
}

/** Line index -> the tint it gets: an error outranks a warning on the same line. */
function markLevels(step: RunStep): Map<number, 'error' | 'warning'> {
	const out = new Map<number, 'error' | 'warning'>();
	for (const mark of step.marks) {
		if (mark.level === 'error') out.set(mark.line, 'error');
		else if (mark.level === 'warning' && !out.has(mark.line)) out.set(mark.line, 'warning');
	}
	return out;
}

/** One log line: background rects for coloured cells, then one text of positioned spans. */
function logLine(laid: LaidOutLine, textX: number, top: number, palette: ImagePalette): Item[] {
	if (laid.runs.length === 0 && !laid.cut) return [];
	const out: Item[] = [];
	const spans: TextSpan[] = [];
	for (const run of laid.runs) {
		const x = textX + run.col * CW;
		const { bg, ...paint } = paintOf(run.style, palette);
		if (bg) out.push({ kind: 'rect', x, y: top, width: run.cols * CW, height: LINE, fill: bg });
		spans.push({ x, text: run.text, ...paint });
	}
	if (laid.cut) spans.push({ x: textX + (laid.cols - 1) * CW, text: ELLIPSIS, fill: palette.terminal.lineNumber });
	out.push({ x: textX, y: top + BASELINE, spans });
	return out;
}

/** Fill, background and font of a style, resolved against the theme. */
function paintOf(style: AnsiStyle, palette: ImagePalette): Omit<TextSpan, 'text' | 'x'> & { bg?: string } {
	const t = palette.terminal;
	let fg = style.fg === undefined ? t.fg : ansiColour(style.fg, palette);
	let bg = style.bg === undefined ? undefined : ansiColour(style.bg, palette);
	if (style.inverse) [fg, bg] = [bg ?? t.bg, fg];
	if (style.dim) fg = mix(fg, bg ?? t.bg, 0.6);
	if (style.hidden) fg = bg ?? t.bg;
	return {
		...(fg === t.fg ? {} : { fill: fg }),
		...(style.bold ? { bold: true } : {}),
		...(style.italic ? { italic: true } : {}),
		...(style.underline ? { underline: true } : {}),
		...(style.strike ? { strike: true } : {}),
		...(bg === undefined ? {} : { bg }),
	};
}

/** `a` over `b` at `weight`, both `#rrggbb`. */
function mix(a: string, b: string, weight: number): string {
	const channel = (hex: string, k: number) => parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
	return `#${[0, 1, 2]
		.map((k) => Math.round(channel(a, k) * weight + channel(b, k) * (1 - weight)))
		.map((v) => v.toString(16).padStart(2, '0'))
		.join('')}`;
}

function durationSuffix(ms: number | undefined): string {
	const d = formatDuration(ms);
	return d ? ` in ${d}` : '';
}
