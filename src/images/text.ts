/**
 * Text of an image, kept as data until the end: written out as SVG `<text>` for the SVG file,
 * and drawn from cached glyphs for the PNG (see `raster.ts`). One description serves both, so
 * the two files cannot say different things.
 *
 * All image text is DejaVu Sans Mono on a grid of cells: a span starts at its own `x` or where
 * the one before it ended, and every character advances by its cells (`charColumns`).
 */
import { charColumns } from './columns';
import { cellWidth, num, xmlText } from './markup';

export interface TextSpan {
	text: string;
	/** Start of the span; without it, the span follows the one before. */
	x?: number;
	fill?: string;
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strike?: boolean;
}

export interface ImageText {
	/** Start of the text, or its right end with `anchor: 'end'`. */
	x: number;
	/** Baseline. */
	y: number;
	/** px; the image's default (12) when absent. */
	size?: number;
	anchor?: 'end';
	fill?: string;
	bold?: boolean;
	italic?: boolean;
	/** A CSS class (`ln`: line numbers, left out of a copied selection). */
	className?: string;
	spans: TextSpan[];
}

export const DEFAULT_SIZE = 12;

/** `<text>` markup; a span needs a `<tspan>` only when it moves or restyles. */
export function textMarkup(t: ImageText): string {
	const attrs = [
		t.className ? ` class="${t.className}"` : '',
		` x="${num(t.x)}" y="${num(t.y)}"`,
		t.size !== undefined ? ` font-size="${t.size}"` : '',
		t.fill ? ` fill="${t.fill}"` : '',
		t.anchor ? ` text-anchor="${t.anchor}"` : '',
		t.bold ? ' font-weight="bold"' : '',
		t.italic ? ' font-style="italic"' : '',
	].join('');
	const body = t.spans
		.map((s) => {
			const a = spanAttrs(s);
			return a ? `<tspan${a}>${xmlText(s.text)}</tspan>` : xmlText(s.text);
		})
		.join('');
	return `<text${attrs}>${body}</text>`;
}

function spanAttrs(s: TextSpan): string {
	let a = s.x !== undefined ? ` x="${num(s.x)}"` : '';
	if (s.fill) a += ` fill="${s.fill}"`;
	if (s.bold) a += ' font-weight="bold"';
	if (s.italic) a += ' font-style="italic"';
	const lines = [s.underline ? 'underline' : '', s.strike ? 'line-through' : ''].filter(Boolean);
	if (lines.length) a += ` text-decoration="${lines.join(' ')}"`;
	return a;
}

/** Width of a text in px: its cells times the advance. */
export function textWidth(t: ImageText): number {
	let cols = 0;
	for (const s of t.spans) for (const ch of s.text) cols += charColumns(ch.codePointAt(0)!);
	return cellWidth(t.size ?? DEFAULT_SIZE, cols);
}
