/**
 * Status icons as SVG shapes (an emoji would depend on a colour-emoji font resvg does not have),
 * drawn in a 16×16 box after the CI web apps: filled circles for results, outlines for states
 * where nothing ran to an end.
 */
import type { RunStatus } from '../model';
import { num } from './markup';
import type { ImagePalette } from './palette';

const ROUND = 'fill="none" stroke-linecap="round" stroke-linejoin="round"';

function glyph(status: RunStatus, c: string, g: string): string {
	switch (status) {
		case 'success':
			return `<circle cx="8" cy="8" r="8" fill="${c}"/><path d="M4.6 8.3l2.3 2.3 4.6-4.8" ${ROUND} stroke="${g}" stroke-width="1.8"/>`;
		case 'failed':
			return `<circle cx="8" cy="8" r="8" fill="${c}"/><path d="M5.4 5.4l5.2 5.2M10.6 5.4l-5.2 5.2" ${ROUND} stroke="${g}" stroke-width="1.8"/>`;
		case 'timedout':
			return `<circle cx="8" cy="8" r="8" fill="${c}"/><path d="M8 4.2V8l2.7 1.8" ${ROUND} stroke="${g}" stroke-width="1.7"/>`;
		case 'cancelled':
			return `<circle cx="8" cy="8" r="8" fill="${c}"/><rect x="5.2" y="5.2" width="5.6" height="5.6" rx="1" fill="${g}"/>`;
		case 'skipped':
			return `<circle cx="8" cy="8" r="7" ${ROUND} stroke="${c}" stroke-width="1.6"/><path d="M3.1 12.9L12.9 3.1" ${ROUND} stroke="${c}" stroke-width="1.6"/>`;
		case 'running':
			return `<circle cx="8" cy="8" r="6.8" ${ROUND} stroke="${c}" stroke-width="2.4" stroke-opacity="0.3"/><path d="M8 1.2A6.8 6.8 0 0 1 14.8 8" ${ROUND} stroke="${c}" stroke-width="2.4"/><circle cx="8" cy="8" r="2.2" fill="${c}"/>`;
		default:
			return `<circle cx="8" cy="8" r="7" ${ROUND} stroke="${c}" stroke-width="1.6" stroke-dasharray="2.6 2.2"/><circle cx="8" cy="8" r="1.6" fill="${c}"/>`;
	}
}

/** The icon for `status`, `size` px square, its top-left corner at (x, y). */
export function statusIcon(status: RunStatus, x: number, y: number, size: number, palette: ImagePalette): string {
	const scale = size / 16;
	return `<g transform="translate(${num(x)} ${num(y)}) scale(${num(scale)})">${glyph(status, palette.status[status], palette.iconGlyph)}</g>`;
}
