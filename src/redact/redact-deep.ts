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

/**
 * `redactDeep` for a value made for this purpose (a model a parser just built), changed where
 * it stands: copying a model of 2,000 jobs was a tenth of reading it, and most of its garbage.
 * Only what redaction changes is written, so an object shared with the code that made it (a
 * frozen default) is never written unless it holds a secret. Returns the value.
 *
 * The value must be a tree, as every parser's output is (`JSON.parse` makes one, and so does zod,
 * which every model passes): nothing marks what was visited, which at size M was a fifth of the
 * walk (178,000 containers in a Set). A part shared by two references is redacted twice, to the
 * same text (redaction is idempotent); a cycle would never end.
 */
export function redactInPlace<T>(value: T, redactor: Redactor): T {
	if (typeof value === 'string') return redactor.redact(value) as T;
	if (value === null || typeof value !== 'object') return value;
	// A stack of containers, not recursion: a model nests as deep as its config does.
	const stack: object[] = [value];
	while (stack.length > 0) {
		const current = stack.pop()!;
		if (Array.isArray(current)) {
			if (current.length > 0 && current.every((item) => typeof item === 'string')) {
				const lines = redactor.redactLines(current);
				for (let i = 0; i < lines.length; i++) if (lines[i] !== current[i]) current[i] = lines[i]!;
				continue;
			}
			for (let i = 0; i < current.length; i++) {
				const item: unknown = current[i];
				if (typeof item === 'string') {
					const redacted = redactor.redact(item);
					if (redacted !== item) current[i] = redacted;
				} else if (item !== null && typeof item === 'object') stack.push(item);
			}
			continue;
		}
		const proto = Object.getPrototypeOf(current);
		if (proto !== Object.prototype && proto !== null) continue;
		const record = current as Record<string, unknown>;
		const keys = Object.keys(record);
		let keysChanged = false;
		for (const key of keys) {
			const item = record[key];
			if (typeof item === 'string') {
				const redacted = redactor.redact(item);
				if (redacted !== item) record[key] = redacted;
			} else if (item !== null && typeof item === 'object') stack.push(item);
			if (!keysChanged && redactor.redact(key) !== key) keysChanged = true;
		}
		if (keysChanged) {
			// Rare (an env map keyed by a secret value): the entries again, in their order, under
			// their redacted keys; defineProperty, not assignment, keeps a key `__proto__` a plain key.
			const entries = keys.map((key) => [redactor.redact(key), record[key]] as const);
			for (const key of keys) delete record[key];
			for (const [key, item] of entries) Object.defineProperty(record, key, { value: item, enumerable: true, writable: true, configurable: true });
		}
	}
	return value;
}
