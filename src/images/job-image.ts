/**
 * A run's job page as one image, like the CI's own job view: the job's name, status, duration,
 * branch and commit, then its steps with status icon, name and duration. Same guarantees as the
 * step images: escaped text on a monospace grid, no external references, same bytes every time.
 */
import type { Run, RunStep } from '../model';
import { clipText, ELLIPSIS } from './columns';
import { type Drawing, drawingPng, drawingRaster, drawingSvg, type Item } from './drawing';
import { type RasterInput, rasterPng } from './raster';
import { formatDuration } from './duration';
import { ALLOWED_TO_FAIL, label, providerName, STATUS_LABELS } from './labels';
import { cellWidth, FONT_FAMILY, xmlText } from './markup';
import { type ImagePalette, type ImageTheme, PALETTES } from './palette';
import { pngScale } from '../config/png-scale';
import type { Shape } from './shapes';
import type { RenderedImage } from './step-image';

/** Steps listed before "… N more steps": more than nearly any job has, and a bounded image. */
export const DEFAULT_MAX_STEPS = 80;
/** `maxSteps` beyond this is taken as this (a 36,000 px tall PNG at 2x). */
export const MAX_STEPS = 500;

export type JobImageStep = Pick<RunStep, 'index' | 'name' | 'status' | 'durationMs' | 'exitCode' | 'container' | 'allowedToFail'>;

export interface JobImageInput {
	run: Pick<Run, 'pipelineId' | 'id' | 'job' | 'provider' | 'status' | 'durationMs' | 'branch' | 'tag' | 'commit' | 'number' | 'workflow' | 'message'> & {
		steps: readonly JobImageStep[];
	};
	theme: ImageTheme;
	maxSteps?: number;
	/** PNG pixels per SVG px, as for step images. */
	scale?: 1 | 2;
}

const WIDTH = 800;
const PAD = 16;
const ROW = 36;
const FONT = 13;

export function jobImage(input: JobImageInput): RenderedImage {
	const drawing = drawJob(input);
	const palette = PALETTES[input.theme];
	const scale = input.scale ?? pngScale();
	return { svg: drawingSvg(drawing, palette), png: drawingPng(drawing, palette, palette.text, scale), width: drawing.width, height: drawing.height, scale };
}

export function jobSvg(input: JobImageInput): string {
	return drawingSvg(drawJob(input), PALETTES[input.theme]);
}

/** The PNG alone, as `jobImage` draws it (the build has the SVG already, as for `stepPng`). */
export function jobPng(input: JobImageInput): Uint8Array {
	return rasterPng(jobRaster(input));
}

/** What `jobPng` paints. */
export function jobRaster(input: JobImageInput): RasterInput {
	const palette = PALETTES[input.theme];
	return drawingRaster(drawJob(input), palette, palette.text, input.scale ?? pngScale());
}

function drawJob(input: JobImageInput): Drawing {
	const { run } = input;
	const palette = PALETTES[input.theme];
	const cap = Math.min(MAX_STEPS, Math.max(1, Math.floor(input.maxSteps ?? DEFAULT_MAX_STEPS)));
	const steps = run.steps.slice(0, cap);
	const hidden = run.steps.length - steps.length;

	const head = header(input, palette);
	const top = head.height;
	const rows = steps.length + (hidden > 0 || steps.length === 0 ? 1 : 0);
	const listH = rows * ROW;
	const height = top + listH + PAD;
	const listX = PAD;
	const listW = WIDTH - 2 * PAD;

	const body: Item[] = [];
	const showContainer = steps.some((s) => s.container !== undefined && s.container > 0);
	steps.forEach((step, r) => {
		const y = top + r * ROW;
		if (step.status === 'failed' || step.status === 'timedout') body.push(...rowTint(listX + 1, y + 1, listW - 2, ROW - 1, r === 0, r === rows - 1, palette.mark.error.bg));
		if (r > 0) body.push({ kind: 'rect', x: listX + 1, y, width: listW - 2, height: 1, fill: palette.border });
		// A closed fold, as the CI shows each step before it is opened.
		body.push({ kind: 'chevron', x: listX + 15 - 0.75, y: y + ROW / 2 - 4 - 0.75, stroke: palette.muted });
		body.push({ kind: 'icon', status: step.status, x: listX + 30, y: y + ROW / 2 - 8, size: 16 });

		const duration = formatDuration(step.durationMs) ?? '';
		const exit = step.exitCode !== undefined && step.exitCode !== 0 ? `exit ${step.exitCode}` : '';
		const outcome = [exit, step.allowedToFail ? ALLOWED_TO_FAIL : ''].filter(Boolean).join(', ');
		const right = [outcome, duration].filter(Boolean).join(' · ');
		const suffix = showContainer && step.container !== undefined && step.container > 0 ? ` · container ${step.container}` : '';
		const nameX = listX + 56;
		const nameCols = Math.floor((listX + listW - 14 - cellWidth(FONT, right.length + 2) - nameX) / cellWidth(FONT));
		const muted = step.status === 'skipped' || step.status === 'cancelled';
		// A whole pixel: a text on a half pixel is blurred at 1x.
		const baseline = y + ROW / 2 + 5;
		body.push({ x: nameX, y: baseline, size: FONT, fill: muted ? palette.muted : palette.text, spans: [{ text: clipText(label(step.name) + suffix, nameCols) }] });
		if (right) body.push({ x: listX + listW - 14, y: baseline, size: FONT, anchor: 'end', fill: palette.muted, spans: [{ text: right }] });
	});
	if (rows > steps.length) {
		const y = top + steps.length * ROW;
		if (steps.length > 0) body.push({ kind: 'rect', x: listX + 1, y, width: listW - 2, height: 1, fill: palette.border });
		const note = steps.length === 0 ? 'No steps recorded' : `${ELLIPSIS} ${hidden.toLocaleString('en-US')} more step${hidden === 1 ? '' : 's'}`;
		body.push({ x: listX + 56, y: y + ROW / 2 + 5, size: FONT, fill: palette.muted, italic: true, spans: [{ text: note }] });
	}

	const duration = formatDuration(run.durationMs);
	const title = `${label(run.job)}: ${STATUS_LABELS[run.status]}${duration ? ` in ${duration}` : ''} (${label(run.pipelineId)}, run ${label(run.id)})`;
	const items: Item[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="${FONT_FAMILY}" font-size="${FONT}" xml:space="preserve">`,
		`<title>${xmlText(title)}</title>`,
		// Browsers collapse spaces despite `xml:space` (resvg reads only that): CSS says it to them.
		'<style>text{white-space:pre}</style>',
		{ kind: 'rect', x: 0, y: 0, width: WIDTH, height, fill: palette.page },
		...head.items,
		{ kind: 'frame', x: listX + 0.5, y: top + 0.5, width: listW - 1, height: listH - 1, radius: 6, fill: palette.subtle, stroke: palette.border },
		...body,
		'</svg>',
	];
	return { items, width: WIDTH, height };
}

/** A failed row's tint inside the list's rounded box: its corners follow the box's where they touch it. */
function rowTint(x: number, y: number, w: number, h: number, first: boolean, last: boolean, fill: string): Shape[] {
	if (!first && !last) return [{ kind: 'rect', x, y, width: w, height: h, fill }];
	const rounded: Shape = { kind: 'frame', x, y, width: w, height: h, radius: 5, fill };
	if (first && last) return [rounded];
	// Rounded all round, then squared where the row meets the next or the one before.
	return [rounded, { kind: 'rect', x, y: first ? y + h / 2 : y, width: w, height: h / 2, fill }];
}

/** Context line, icon and job name, then status · duration · branch · commit, then the commit message. */
function header(input: JobImageInput, palette: ImagePalette): { items: Item[]; height: number } {
	const { run } = input;
	const contextCols = Math.floor((WIDTH - 2 * PAD) / cellWidth(11));
	const context = [...providerName(run.provider), run.pipelineId, run.workflow, `run ${run.id}${run.number !== undefined ? ` (#${run.number})` : ''}`]
		.filter((p): p is string => Boolean(p))
		.join(' · ');
	const nameCols = Math.floor((WIDTH - 2 * PAD - 30) / cellWidth(16));
	const duration = formatDuration(run.durationMs);
	const facts = [
		duration,
		run.branch ? `branch ${run.branch}` : undefined,
		run.tag ? `tag ${run.tag}` : undefined,
		run.commit ? `commit ${run.commit.slice(0, 7)}` : undefined,
	].filter((p): p is string => Boolean(p));
	const status = STATUS_LABELS[run.status];
	const factCols = Math.floor((WIDTH - 2 * PAD) / cellWidth(12)) - status.length - 3;
	const items: Item[] = [
		{ x: PAD, y: 24, size: 11, fill: palette.muted, spans: [{ text: clipText(label(context), contextCols) }] },
		{ kind: 'icon', status: run.status, x: PAD, y: 37, size: 20 },
		{ x: PAD + 30, y: 53, size: 16, bold: true, fill: palette.text, spans: [{ text: clipText(label(run.job), nameCols) }] },
		{
			x: PAD,
			y: 80,
			size: 12,
			fill: palette.muted,
			spans: [{ text: status, fill: palette.status[run.status], bold: true }, ...(facts.length ? [{ text: clipText(` · ${label(facts.join(' · '))}`, factCols) }] : [])],
		},
	];
	let height = 96;
	const message = run.message?.split('\n').find((l) => l.trim());
	if (message) {
		items.push({ x: PAD, y: 100, size: 12, fill: palette.text, spans: [{ text: clipText(label(message.trim()), Math.floor((WIDTH - 2 * PAD) / cellWidth(12))) }] });
		height = 116;
	}
	return { items, height };
}
