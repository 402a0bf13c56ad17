/**
 * Bytes of a run file as text, or why not. Logs are UTF-8 (GitHub and GitLab say so); a
 * Windows shell's redirect may have written UTF-16 with a BOM. A few invalid bytes in a long
 * log (a truncated multi-byte character) are shown as U+FFFD; more than that, or a good
 * share of NULs and other control bytes, means the file is not text.
 */
import { isAscii } from 'node:buffer';

export type Decoded = { text: string; lossy: boolean; encoding: 'utf-8' | 'utf-16' } | { text?: undefined; reason: string };

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Share of replaced characters a text may have and still be shown. */
const MAX_REPLACED = 0.01;
/** Share of control characters (beyond tab, line ends, ESC, BEL, backspace) a text may have. */
const MAX_CONTROL = 0.05;

export function decodeText(bytes: Uint8Array): Decoded {
	if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
		try {
			const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
			return checkControls(text) ?? { text, lossy: false, encoding: 'utf-16' };
		} catch {
			return { reason: 'it starts with a UTF-16 byte order mark but is not valid UTF-16' };
		}
	}
	let text: string;
	let lossy = false;
	try {
		// Many logs are plain ASCII (half of M's run files; simdutf checks 90 MB in a few ms): read
		// as Latin-1, the same characters without UTF-8's decoding, M's run files decode in 337 ms
		// instead of 389.
		text = isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : UTF8_STRICT.decode(bytes);
	} catch {
		text = UTF8.decode(bytes);
		let replaced = 0;
		for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
		if (replaced > Math.max(4, text.length * MAX_REPLACED)) return { reason: 'it is not UTF-8 text' };
		lossy = true;
	}
	return checkControls(text) ?? { text, lossy, encoding: 'utf-8' };
}

/** A control character other than those logs hold (tab, line ends, ESC, BEL, backspace). */
const CONTROL = /[\x00-\x06\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/;

/** Why a text is binary data, if it is. */
function checkControls(text: string): { reason: string } | undefined {
	// Most texts hold none: one scan instead of a count.
	if (!CONTROL.test(text)) return undefined;
	let controls = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x1b && c !== 0x07 && c !== 0x08) || c === 0x7f) controls++;
	}
	if (controls > Math.max(8, text.length * MAX_CONTROL)) return { reason: 'it is mostly control characters (binary data)' };
	return undefined;
}
