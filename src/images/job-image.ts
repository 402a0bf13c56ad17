/**
 * A run's job page as one image, like the CI's own job view: the job's name, status, duration,
 * branch and commit, then its steps with status icon, name and duration. Same guarantees as the
 * step images: escaped text on a monospace grid, no external references, same bytes every time.
 */
import type { Run, RunStep } from '../model';
import { assertSafeSvg } from '../diagram/render';
import { clipText, ELLIPSIS } from './columns';
import { formatDuration } from './duration';
import { statusIcon } from './icons';
import { label, providerName, STATUS_LABELS } from './labels';
import { cellWidth, FONT_FAMILY, num, xmlText } from './markup';
import { type ImagePalette, type ImageTheme, PALETTES } from './palette';
import { imagePng, PNG_SCALE } from './png';
import type { RenderedImage } from './step-image';

/** Steps listed before "… N more steps": more than nearly any job has, and a bounded image. */
export const DEFAULT_MAX_STEPS = 80;
/** `maxSteps` beyond this is taken as this (a 36,000 px tall PNG at 2x). */
export const MAX_STEPS = 500;

export type JobImageStep = Pick<RunStep, 'index' | 'name' | 'status' | 'durationMs' | 'exitCode' | 'container'>;

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
	const { svg, width, height } = drawJob(input);
	const scale = input.scale ?? PNG_SCALE;
	return { svg, png: imagePng(svg, PALETTES[input.theme].page, scale), width, height, scale };
}

export function jobSvg(input: JobImageInput): string {
	return drawJob(input).svg;
}

function drawJob(input: JobImageInput): { svg: string; width: number; height: number } {
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

	const body: string[] = [];
	const showContainer = steps.some((s) => s.container !== undefined && s.container > 0);
	steps.forEach((step, r) => {
		const y = top + r * ROW;
		if (step.status === 'failed' || step.status === 'timedout') {
			body.push(`<path d="${rowShape(listX + 1, y + 1, listW - 2, ROW - 1, r === 0, r === rows - 1)}" fill="${palette.mark.error.bg}"/>`);
		}
		if (r > 0) body.push(`<path d="M${listX + 1} ${y + 0.5}h${listW - 2}" stroke="${palette.border}"/>`);
		// A closed fold, as the CI shows each step before it is opened.
		body.push(`<path d="M${listX + 15} ${y + ROW / 2 - 4}l4.5 4-4.5 4" fill="none" stroke="${palette.muted}" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`);
		body.push(statusIcon(step.status, listX + 30, y + ROW / 2 - 8, 16, palette));

		const duration = formatDuration(step.durationMs) ?? '';
		const exit = step.exitCode !== undefined && step.exitCode !== 0 ? `exit ${step.exitCode}` : '';
		const right = [exit, duration].filter(Boolean).join(' · ');
		const suffix = showContainer && step.container !== undefined && step.container > 0 ? ` · container ${step.container}` : '';
		const nameX = listX + 56;
		const nameCols = Math.floor((listX + listW - 14 - cellWidth(FONT, right.length + 2) - nameX) / cellWidth(FONT));
		const muted = step.status === 'skipped' || step.status === 'cancelled';
		const baseline = y + ROW / 2 + 4.5;
		body.push(
			`<text x="${nameX}" y="${num(baseline)}" fill="${muted ? palette.muted : palette.text}">${xmlText(clipText(label(step.name) + suffix, nameCols))}</text>`,
		);
		if (right) body.push(`<text x="${listX + listW - 14}" y="${num(baseline)}" text-anchor="end" fill="${palette.muted}">${xmlText(right)}</text>`);
	});
	if (rows > steps.length) {
		const y = top + steps.length * ROW;
		if (steps.length > 0) body.push(`<path d="M${listX + 1} ${y + 0.5}h${listW - 2}" stroke="${palette.border}"/>`);
		const note = steps.length === 0 ? 'No steps recorded' : `${ELLIPSIS} ${hidden.toLocaleString('en-US')} more step${hidden === 1 ? '' : 's'}`;
		body.push(`<text x="${listX + 56}" y="${num(y + ROW / 2 + 4.5)}" fill="${palette.muted}" font-style="italic">${xmlText(note)}</text>`);
	}

	const duration = formatDuration(run.durationMs);
	const title = `${label(run.job)}: ${STATUS_LABELS[run.status]}${duration ? ` in ${duration}` : ''} (${label(run.pipelineId)}, run ${label(run.id)})`;
	const svg = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="${FONT_FAMILY}" font-size="${FONT}" xml:space="preserve">`,
		`<title>${xmlText(title)}</title>`,
		// Browsers collapse spaces despite `xml:space` (resvg reads only that): CSS says it to them.
		'<style>text{white-space:pre}</style>',
		`<rect width="${WIDTH}" height="${height}" fill="${palette.page}"/>`,
		...head.parts,
		`<rect x="${listX + 0.5}" y="${top + 0.5}" width="${listW - 1}" height="${listH - 1}" rx="6" fill="${palette.subtle}" stroke="${palette.border}"/>`,
		...body,
		'</svg>',
	].join('\n');
	assertSafeSvg(svg);
	return { svg, width: WIDTH, height };
}

/** A row's outline inside the list's rounded box: its corners follow the box's where they touch it. */
function rowShape(x: number, y: number, w: number, h: number, first: boolean, last: boolean): string {
	const r = 5;
	const top = first ? `M${x} ${y + r}a${r} ${r} 0 0 1 ${r} ${-r}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}` : `M${x} ${y}h${w}`;
	const bottom = last ? `v${h - r - (first ? r : 0)}a${r} ${r} 0 0 1 ${-r} ${r}h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}z` : `v${h - (first ? r : 0)}h${-w}z`;
	return top + bottom;
}

/** Context line, icon and job name, then status · duration · branch · commit, then the commit message. */
function header(input: JobImageInput, palette: ImagePalette): { parts: string[]; height: number } {
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
	const parts = [
		`<text x="${PAD}" y="24" font-size="11" fill="${palette.muted}">${xmlText(clipText(label(context), contextCols))}</text>`,
		statusIcon(run.status, PAD, 37, 20, palette),
		`<text x="${PAD + 30}" y="53" font-size="16" font-weight="bold" fill="${palette.text}">${xmlText(clipText(label(run.job), nameCols))}</text>`,
		`<text x="${PAD}" y="80" font-size="12" fill="${palette.muted}"><tspan fill="${palette.status[run.status]}" font-weight="bold">${xmlText(status)}</tspan>${
			facts.length ? xmlText(clipText(` · ${label(facts.join(' · '))}`, factCols)) : ''
		}</text>`,
	];
	let height = 96;
	const message = run.message?.split('\n').find((l) => l.trim());
	if (message) {
		parts.push(`<text x="${PAD}" y="100" font-size="12" fill="${palette.text}">${xmlText(clipText(label(message.trim()), Math.floor((WIDTH - 2 * PAD) / cellWidth(12))))}</text>`);
		height = 116;
	}
	return { parts, height };
}
