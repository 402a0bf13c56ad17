/**
 * Deterministic randomness for the synthetic inputs: mulberry32 seeded from a string hash, so
 * every pipeline and every run draws from its own stream (adding a run never changes another's
 * text). No Date.now, no Math.random anywhere in the generator.
 */

/** FNV-1a over the UTF-16 code units, then a final avalanche: a 32-bit seed from any string. */
export function hashSeed(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

export class Rng {
	#state: number;

	constructor(seed: number | string) {
		this.#state = (typeof seed === 'string' ? hashSeed(seed) : seed) >>> 0;
	}

	/** mulberry32: a float in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)]!;
	}

	/** `count` distinct items, in the list's order. */
	sample<T>(items: readonly T[], count: number): T[] {
		const chosen = this.shuffle(items.map((_, i) => i)).slice(0, Math.min(count, items.length));
		return chosen.sort((a, b) => a - b).map((i) => items[i]!);
	}

	shuffle<T>(items: readonly T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[out[i], out[j]] = [out[j]!, out[i]!];
		}
		return out;
	}

	/** Hex digits, as in commit SHAs and digests. */
	hex(length: number): string {
		let out = '';
		while (out.length < length) out += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
		return out.slice(0, length);
	}

	/** A log-normal weight: most values near 1, a long tail of large ones. */
	logNormal(sigma: number): number {
		// Box-Muller; 1 - next() keeps the log finite.
		const u = 1 - this.next();
		const v = this.next();
		return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
	}

	/** A child stream, independent of how much this one is used afterwards. */
	fork(label: string): Rng {
		return new Rng(hashSeed(`${label}:${this.int(0, 0x7fffffff)}`));
	}
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder), each at least
 * `min[i]` and at most `max[i]`; the parts always sum to `total` when the bounds allow it.
 */
export function apportion(total: number, weights: readonly number[], min: readonly number[] | number = 0, max: readonly number[] | number = Infinity): number[] {
	const n = weights.length;
	const lo = (i: number) => (typeof min === 'number' ? min : min[i]!);
	const hi = (i: number) => (typeof max === 'number' ? max : max[i]!);
	const parts = weights.map((_, i) => lo(i));
	let left = total - parts.reduce((a, b) => a + b, 0);
	if (left < 0) throw new Error(`apportion: minimums (${total - left}) exceed the total ${total}`);
	// Repeatedly share what is left among the parts still below their maximum.
	for (let round = 0; left > 0 && round < 64; round++) {
		const open = weights.map((w, i) => (parts[i]! < hi(i) ? Math.max(w, 1e-9) : 0));
		const sum = open.reduce((a, b) => a + b, 0);
		if (sum === 0) break;
		const shares = open.map((w) => (w / sum) * left);
		const floors = shares.map((s, i) => Math.min(Math.floor(s), hi(i) - parts[i]!));
		let given = 0;
		floors.forEach((f, i) => {
			parts[i]! += f;
			given += f;
		});
		left -= given;
		// Largest remainders get one more each.
		const order = shares
			.map((s, i) => ({ i, r: s - Math.floor(s) }))
			.filter(({ i }) => open[i]! > 0 && parts[i]! < hi(i))
			.sort((a, b) => b.r - a.r || a.i - b.i);
		for (const { i } of order) {
			if (left === 0) break;
			parts[i]!++;
			left--;
		}
	}
	if (left !== 0) throw new Error(`apportion: cannot place ${left} of ${total} within the maximums`);
	void n;
	return parts;
}
