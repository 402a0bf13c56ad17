import type { SourceLocation } from '../model';

/** Turns text offsets into 1-based line/column positions (CRLF and CR count as one line break). */
export function locator(file: string, text: string): (offset: number) => SourceLocation {
	const starts = [0];
	for (let k = 0; k < text.length; k++) {
		const c = text[k];
		if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) starts.push(k + 1);
	}
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		const bom = lo === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
		return { file, line: lo + 1, column: Math.max(1, offset - starts[lo]! + 1 - bom) };
	};
}
