import { describe, expect, it } from 'vitest';
import { closestKey, editDistance } from '../../src/providers/spelling';

/** The full table, as the distance was first written: the reference the kept rows must match. */
function fullTable(a: string, b: string): number {
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

/** Every candidate scored, none skipped: what `closestKey` answered before it skipped by length. */
function closestByFullScan(key: string, candidates: readonly string[]): string | undefined {
	const normal = (s: string) => s.toLowerCase().replace(/-/g, '_');
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		if (normal(candidate) === normal(key)) return candidate;
		const distance = fullTable(normal(key), normal(candidate));
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const allowed = key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
	return bestDistance <= allowed ? best : undefined;
}

/** A small deterministic generator, so a failure can be replayed. */
function words(seed: number, count: number): string[] {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 11) }, () => 'abc-_xy'[Math.floor(next() * 7)]).join(''));
}

describe('editDistance', () => {
	it('counts insertions, deletions, substitutions and swaps', () => {
		expect(editDistance('', '')).toBe(0);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('abc', '')).toBe(3);
		expect(editDistance('image', 'imgae')).toBe(1);
		expect(editDistance('script', 'scirpt')).toBe(1);
		expect(editDistance('ca', 'abc')).toBe(3);
	});

	it('matches the full table on every pair of a few hundred words', () => {
		const list = words(7, 300);
		for (let i = 0; i < list.length - 1; i++) expect(editDistance(list[i]!, list[i + 1]!), `${list[i]} / ${list[i + 1]}`).toBe(fullTable(list[i]!, list[i + 1]!));
	});
});

describe('closestKey', () => {
	it('names the key a slip was meant to be, and nothing for keys too far from all', () => {
		expect(closestKey('imgae', ['image', 'script', 'stage'])).toBe('image');
		expect(closestKey('Before-Script', ['script', 'before_script'])).toBe('before_script');
		expect(closestKey('deploy_prod', ['image', 'script', 'stage'])).toBeUndefined();
	});

	it('keeps the first of equally close candidates, even behind ones skipped for their length', () => {
		expect(closestKey('stagex', ['stages-and-more', 'stage', 'stages'])).toBe('stage');
		expect(closestKey('workflowz', ['work', 'workflows', 'workflow'])).toBe('workflows');
	});

	it('answers as scoring every candidate would, on thousands of generated keys', () => {
		const candidates = words(11, 40);
		for (const key of words(13, 2000)) expect(closestKey(key, candidates), key).toBe(closestByFullScan(key, candidates));
	});
});
