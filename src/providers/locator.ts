import type { SourceLocation } from '../model';

/** Turns text offsets into 1-based line/column positions (CRLF and CR count as one line break). */
export function locator(file: string, text: string): (offset: number) => SourceLocation {
	const starts = [0];
	if (text.includes('\r')) {
		for (let k = 0; k < text.length; k++) {
			const c = text.charCodeAt(k);
			if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) starts.push(k + 1);
		}
	} else {
		// Most texts (every one the YAML readers see) have only `\n`, which indexOf finds far
		// quicker than a look at every character.
		for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
	}
	// Readers ask in reading order, mostly for the same line or the next few: the last answer's
	// line is tried first, and a search over every line only when it is far off.
	let last = 0;
	return (offset) => {
		let lo = last;
		if (starts[lo]! > offset || (lo + 1 < starts.length && starts[lo + 1]! <= offset)) {
			if (lo + 2 < starts.length && starts[lo + 1]! <= offset && starts[lo + 2]! > offset) lo++;
			else {
				lo = 0;
				let hi = starts.length - 1;
				while (lo < hi) {
					const mid = (lo + hi + 1) >> 1;
					if (starts[mid]! <= offset) lo = mid;
					else hi = mid - 1;
				}
			}
			last = lo;
		}
		const bom = lo === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
		return { file, line: lo + 1, column: Math.max(1, offset - starts[lo]! + 1 - bom) };
	};
}
