/**
 * A small strict-JSON reader that keeps positions, so app.json diagnostics can point at the key
 * or value they are about. `JSON.parse` gives no positions; app.json is plain JSON (no comments).
 */

export type JsonNode =
	| { kind: 'object'; entries: JsonEntry[]; offset: number }
	| { kind: 'array'; items: JsonNode[]; offset: number }
	| { kind: 'string'; value: string; offset: number }
	| { kind: 'number'; value: number; offset: number }
	| { kind: 'boolean'; value: boolean; offset: number }
	| { kind: 'null'; offset: number };

export interface JsonEntry {
	key: string;
	keyOffset: number;
	value: JsonNode;
}

export type JsonResult = { ok: true; root: JsonNode } | { ok: false; message: string; offset: number };

const MAX_DEPTH = 200;

class JsonError extends Error {
	constructor(
		message: string,
		readonly offset: number,
	) {
		super(message);
	}
}

export function parseJson(text: string): JsonResult {
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const fail = (message: string, at = i): never => {
		throw new JsonError(message, at);
	};
	const describe = (at: number) => (at >= text.length ? 'the end of the file' : `\`${text[at]}\``);
	const space = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const literal = (word: string) => {
		if (text.startsWith(word, i)) {
			i += word.length;
			return true;
		}
		return false;
	};
	const string = (): string => {
		const start = i;
		i++; // opening quote
		let out = '';
		for (;;) {
			if (i >= text.length) fail('Unterminated string', start);
			const c = text[i]!;
			if (c === '"') {
				i++;
				return out;
			}
			if (c === '\\') {
				const e = text[i + 1];
				const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
				if (e !== undefined && e in simple) {
					out += simple[e];
					i += 2;
				} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
					out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
					i += 6;
				} else fail('Invalid escape in string');
				continue;
			}
			if (c.charCodeAt(0) < 0x20) fail('Control character (such as a line break) inside a string');
			out += c;
			i++;
		}
	};
	const value = (depth: number): JsonNode => {
		if (depth > MAX_DEPTH) fail('The JSON is nested too deeply');
		space();
		const offset = i;
		const c = text[i];
		if (c === '{') {
			i++;
			const entries: JsonEntry[] = [];
			space();
			if (text[i] === '}') {
				i++;
				return { kind: 'object', entries, offset };
			}
			for (;;) {
				space();
				if (text[i] !== '"') fail(`Expected a key in double quotes, found ${describe(i)}`);
				const keyOffset = i;
				const key = string();
				space();
				if (text[i] !== ':') fail(`Expected \`:\` after the key "${key}", found ${describe(i)}`);
				i++;
				entries.push({ key, keyOffset, value: value(depth + 1) });
				space();
				if (text[i] === ',') {
					i++;
					space();
					if (text[i] === '}') fail('Trailing comma before `}`: JSON does not allow one', i);
					continue;
				}
				if (text[i] === '}') {
					i++;
					return { kind: 'object', entries, offset };
				}
				fail(`Expected \`,\` or \`}\`, found ${describe(i)}`);
			}
		}
		if (c === '[') {
			i++;
			const items: JsonNode[] = [];
			space();
			if (text[i] === ']') {
				i++;
				return { kind: 'array', items, offset };
			}
			for (;;) {
				items.push(value(depth + 1));
				space();
				if (text[i] === ',') {
					i++;
					space();
					if (text[i] === ']') fail('Trailing comma before `]`: JSON does not allow one', i);
					continue;
				}
				if (text[i] === ']') {
					i++;
					return { kind: 'array', items, offset };
				}
				fail(`Expected \`,\` or \`]\`, found ${describe(i)}`);
			}
		}
		if (c === '"') return { kind: 'string', value: string(), offset };
		if (literal('true')) return { kind: 'boolean', value: true, offset };
		if (literal('false')) return { kind: 'boolean', value: false, offset };
		if (literal('null')) return { kind: 'null', offset };
		const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (number && number[0] !== '-' && number[0] !== '') {
			i += number[0].length;
			return { kind: 'number', value: Number(number[0]), offset };
		}
		if (c === '/') fail('Comments are not allowed in JSON');
		return fail(i >= text.length ? 'Unexpected end of the file: a value is missing' : `Unexpected ${describe(i)}: expected a value`);
	};
	try {
		const root = value(0);
		space();
		if (i < text.length) fail(`Unexpected ${describe(i)} after the end of the JSON value`);
		return { ok: true, root };
	} catch (error) {
		if (error instanceof JsonError) return { ok: false, message: error.message, offset: error.offset };
		throw error;
	}
}

export function describeJson(node: JsonNode): string {
	switch (node.kind) {
		case 'object':
			return 'an object';
		case 'array':
			return 'a list';
		case 'null':
			return 'null';
		default:
			return `a ${node.kind} (${JSON.stringify(node.value)})`;
	}
}

export function member(node: JsonNode | undefined, key: string): JsonEntry | undefined {
	if (node?.kind !== 'object') return undefined;
	// JSON.parse keeps the last duplicate key, as Heroku's reader does.
	for (let k = node.entries.length - 1; k >= 0; k--) if (node.entries[k]!.key === key) return node.entries[k];
	return undefined;
}
