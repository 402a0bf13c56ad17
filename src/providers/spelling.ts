/** Spelling help for keys, shared by the providers' misspelt-key warnings. */

/** The candidate a key was most likely meant to be, if its spelling is close enough. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
	const normal = (s: string) => s.toLowerCase().replace(/-/g, '_');
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		if (normal(candidate) === normal(key)) return candidate;
		const distance = editDistance(normal(key), normal(candidate));
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	// Short keys are all close to each other: only accept a slip that is small relative to
	// the key (one edit for short keys, two from eight characters on).
	const allowed = key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
	return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps. */
function editDistance(a: string, b: string): number {
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) d[0]![j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
			d[i]![j] = value;
		}
	}
	return d[a.length]![b.length]!;
}
