/**
 * Small SVG-writing helpers shared by the step and job images. Every piece of run data goes
 * through `xmlText`: characters XML 1.0 cannot hold are dropped or replaced first (a stray NUL
 * or lone surrogate would make the file unreadable), then the diagram's escaping applies, which
 * also keeps `script:` and `@import` from reading as such to `assertSafeSvg`.
 */
import { escapeXml } from '../diagram/render';

export const FONT_FAMILY = "'DejaVu Sans Mono', monospace";
/** DejaVu Sans Mono's advance: 1233 of 2048 units per em, the same in all four faces. */
export const ADVANCE = 1233 / 2048;

/** Width in px of `cols` cells at `fontSize`. */
export function cellWidth(fontSize: number, cols = 1): number {
	return fontSize * ADVANCE * cols;
}

// C0 but tab/LF/CR, DEL, C1, U+FFFE/U+FFFF, lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text content or attribute value: well-formed, escaped, inert. */
export function xmlText(text: string): string {
	return escapeXml(text.replace(NOT_XML, (c) => (c.length === 1 && c >= '\ud800' ? '\ufffd' : '')));
}

/** A coordinate with at most two decimals: short, and the same digits on every machine. */
export function num(n: number): string {
	return String(Math.round(n * 100) / 100);
}
