/** Spelling help for keys, shared by the providers' misspelt-key warnings. */

/** The candidate a key was most likely meant to be, if its spelling is close enough. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
	const wanted = normal(key);
	// Short keys are all close to each other: only accept a slip that is small relative to
	// the key (one edit for short keys, two from eight characters on).
	const allowed = key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const other = normal(candidate);
		if (other === wanted) return candidate;
		// Each character of length difference is an edit: such a candidate could never be
		// accepted, and a closer one that could is never behind it, so the answer is the same.
		if (Math.abs(other.length - wanted.length) > allowed) continue;
		const distance = editDistance(wanted, other);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return bestDistance <= allowed ? best : undefined;
}

function normal(s: string): string {
	return s.toLowerCase().replace(/-/g, '_');
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps. Three
 * rows of the table are all it reads (a swap looks two rows back), so only those are kept.
 */
export function editDistance(a: string, b: string): number {
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	let current = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
			current[j] = value;
		}
		[before, previous, current] = [previous, current, before];
	}
	return previous[b.length]!;
}
