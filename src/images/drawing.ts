/**
 * An image as data: the SVG's items in order, markup of its own (the root, title, style,
 * groups) beside shapes (`shapes.ts`) and texts (`text.ts`). Written out whole for the SVG file,
 * painted from its shapes and texts for the PNG (`raster.ts`): one description serves both.
 */
import { assertSafeSvg } from '../diagram/render';
import type { ImagePalette } from './palette';
import { type RasterInput, rasterPng } from './raster';
import { type Shape, shapeMarkup } from './shapes';
import { type ImageText, textMarkup } from './text';

export type Item = string | Shape | ImageText;

export interface Drawing {
	items: Item[];
	/** Size in SVG px. */
	width: number;
	height: number;
}

export function drawingSvg({ items }: Drawing, palette: ImagePalette): string {
	const svg = items.map((item) => (typeof item === 'string' ? item : 'kind' in item ? shapeMarkup(item, palette) : textMarkup(item))).join('\n');
	assertSafeSvg(svg);
	return svg;
}

/**
 * The same shapes and texts painted. Markup of its own only sets what they inherit: text with
 * no fill of its own takes `defaultFill`, as it would from the SVG's group or root.
 */
export function drawingPng(drawing: Drawing, palette: ImagePalette, defaultFill: string, scale: number): Uint8Array {
	return rasterPng(drawingRaster(drawing, palette, defaultFill, scale));
}

/** What `drawingPng` paints. */
export function drawingRaster({ items, width, height }: Drawing, palette: ImagePalette, defaultFill: string, scale: number): RasterInput {
	const shapes = items.filter((item): item is Shape => typeof item !== 'string' && 'kind' in item);
	const texts = items.filter((item): item is ImageText => typeof item !== 'string' && 'spans' in item);
	return { width, height, shapes, texts, palette, defaultFill, scale };
}
