/**
 * Colours of the images, per theme. The terminal follows the theme too (GitHub's own log view
 * does): its 16 ANSI colours are GitHub Primer's, chosen by GitHub to stay readable on that
 * theme's background, so `\e[33m` yellow is dark amber on light and gold on dark.
 */
import type { RunStatus } from '../model';
import type { AnsiColour } from './ansi';

export type ImageTheme = 'light' | 'dark';

export interface ImagePalette {
	page: string;
	text: string;
	muted: string;
	border: string;
	/** Row separators and the step list's hover-less background. */
	subtle: string;
	terminal: { bg: string; fg: string; lineNumber: string };
	/** Slots 0–15: black red green yellow blue magenta cyan white, then their bright forms. */
	ansi: readonly string[];
	status: Record<RunStatus, string>;
	/** The glyph drawn inside a filled status circle. */
	iconGlyph: string;
	mark: { error: { bg: string; bar: string }; warning: { bg: string; bar: string } };
}

export const PALETTES: Record<ImageTheme, ImagePalette> = {
	light: {
		page: '#ffffff',
		text: '#1f2328',
		muted: '#59636e',
		border: '#d1d9e0',
		subtle: '#f6f8fa',
		terminal: { bg: '#f6f8fa', fg: '#1f2328', lineNumber: '#6e7781' },
		ansi: [
			'#24292f', '#cf222e', '#116329', '#4d2d00', '#0969da', '#8250df', '#1b7c83', '#6e7781',
			'#57606a', '#a40e26', '#1a7f37', '#633c01', '#218bff', '#a475f9', '#3192aa', '#8c959f',
		],
		status: {
			success: '#1a7f37',
			failed: '#cf222e',
			timedout: '#cf222e',
			cancelled: '#59636e',
			skipped: '#818b98',
			running: '#bf8700',
			unknown: '#818b98',
		},
		iconGlyph: '#ffffff',
		mark: { error: { bg: '#ffebe9', bar: '#cf222e' }, warning: { bg: '#fff8c5', bar: '#bf8700' } },
	},
	dark: {
		page: '#0d1117',
		text: '#f0f6fc',
		muted: '#9198a1',
		border: '#3d444d',
		subtle: '#151b23',
		terminal: { bg: '#151b23', fg: '#e6edf3', lineNumber: '#7d8590' },
		ansi: [
			'#484f58', '#ff7b72', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#b1bac4',
			'#6e7681', '#ffa198', '#56d364', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#ffffff',
		],
		status: {
			success: '#3fb950',
			failed: '#f85149',
			timedout: '#f85149',
			cancelled: '#9198a1',
			skipped: '#656c76',
			running: '#d29922',
			unknown: '#656c76',
		},
		iconGlyph: '#0d1117',
		mark: { error: { bg: '#3c1618', bar: '#f85149' }, warning: { bg: '#352a10', bar: '#d29922' } },
	},
};

const CUBE = [0, 95, 135, 175, 215, 255];

/** An ANSI colour as `#rrggbb`: slots 0–15 from the theme, 16–231 the 6×6×6 cube, 232–255 greys. */
export function ansiColour(colour: AnsiColour, palette: ImagePalette): string {
	if (typeof colour === 'string') return colour;
	if (colour < 16) return palette.ansi[colour]!;
	if (colour < 232) {
		const n = colour - 16;
		return rgb(CUBE[Math.floor(n / 36)]!, CUBE[Math.floor(n / 6) % 6]!, CUBE[n % 6]!);
	}
	const grey = 8 + (colour - 232) * 10;
	return rgb(grey, grey, grey);
}

function rgb(r: number, g: number, b: number): string {
	return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
