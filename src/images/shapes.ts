/**
 * The shapes of a stage image besides its text, kept as data like the text (`text.ts`): written
 * out as SVG for the SVG file, painted directly for the PNG (`raster.ts`). Few kinds, because a
 * terminal screenshot needs few: filled rectangles, the terminal's rounded frame, and small
 * marks (status icon, fold triangle) that are drawn once and reused.
 */
import type { RunStatus } from '../model';
import { statusIcon } from './icons';
import { num } from './markup';
import type { ImagePalette } from './palette';

export type Shape =
	| { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
	/** A rounded rectangle, with a 1 px outline centred on its edge when it has a stroke. */
	| { kind: 'frame'; x: number; y: number; width: number; height: number; radius: number; fill: string; stroke?: string }
	| { kind: 'icon'; status: RunStatus; x: number; y: number; size: number }
	/** An open fold's triangle, 7 × 4.5 px, its top-left corner at (x, y). */
	| { kind: 'fold'; x: number; y: number; fill: string }
	/** A closed fold's chevron (`>`), 6 × 9.5 px with its round-capped 1.5 px stroke, its top-left corner at (x, y). */
	| { kind: 'chevron'; x: number; y: number; stroke: string };

/** The box of a mark drawn once and reused (see `raster.ts`). */
export const MARK_BOXES = { fold: { w: 7, h: 4.5 }, chevron: { w: 6, h: 9.5 } } as const;

export function shapeMarkup(shape: Shape, palette: ImagePalette): string {
	switch (shape.kind) {
		case 'rect': {
			const at = shape.x === 0 && shape.y === 0 ? '' : `x="${num(shape.x)}" y="${num(shape.y)}" `;
			return `<rect ${at}width="${num(shape.width)}" height="${num(shape.height)}" fill="${shape.fill}"/>`;
		}
		case 'frame':
			return `<rect x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.width)}" height="${num(shape.height)}" rx="${shape.radius}" fill="${shape.fill}"${shape.stroke ? ` stroke="${shape.stroke}"` : ''}/>`;
		case 'icon':
			return statusIcon(shape.status, shape.x, shape.y, shape.size, palette);
		case 'fold':
			return foldPath(shape.x, shape.y, shape.fill);
		case 'chevron':
			return `<path d="M${num(shape.x + 0.75)} ${num(shape.y + 0.75)}l4.5 4-4.5 4" fill="none" stroke="${shape.stroke}" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`;
	}
}

export function foldPath(x: number, y: number, fill: string): string {
	return `<path d="M${num(x)} ${num(y)}h7l-3.5 4.5z" fill="${fill}"/>`;
}
