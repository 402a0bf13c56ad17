import type { Redactor } from './redactor';

/**
 * Deep-redacts every string of a JSON-like value, keys included (an env map may be keyed by
 * a value), returning a new value; numbers, booleans and null are kept, cycles are cut.
 * An array of strings is redacted as lines of one text (redactLines): a step's `lines` may
 * hold a private key whose body lines, one by one, look like any base64.
 */
export function redactDeep<T>(value: T, redactor: Redactor): T {
	return walk(value, redactor, new WeakMap()) as T;
}

function walk(value: unknown, redactor: Redactor, seen: WeakMap<object, unknown>): unknown {
	if (typeof value === 'string') return redactor.redact(value);
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return seen.get(value);
	if (Array.isArray(value)) {
		if (value.length > 0 && value.every((item) => typeof item === 'string')) {
			const lines = redactor.redactLines(value);
			seen.set(value, lines);
			return lines;
		}
		const out: unknown[] = [];
		seen.set(value, out);
		for (const item of value) out.push(walk(item, redactor, seen));
		return out;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return value;
	const out: Record<string, unknown> = {};
	seen.set(value, out);
	for (const [key, item] of Object.entries(value)) {
		// defineProperty, not assignment: a JSON key `__proto__` must stay a plain key.
		Object.defineProperty(out, redactor.redact(key), { value: walk(item, redactor, seen), enumerable: true, writable: true, configurable: true });
	}
	return out;
}
