/**
 * Mutations for fuzzing: the ways a config or log gets damaged or crafted, as fast-check
 * arbitraries that describe what they do (so a failing property prints a readable recipe),
 * and `mutate`, which applies them to a file's bytes.
 */
import * as fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** What was done to an input, printed by fast-check when a property fails. */
export type Mutation =
	| { kind: 'truncate'; at: number }
	| { kind: 'random-bytes'; at: number; bytes: Uint8Array }
	| { kind: 'invalid-utf8'; at: number; bytes: number[] }
	| { kind: 'nest'; at: number; depth: number; style: 'flow-list' | 'flow-map' | 'block-map' | 'block-list' }
	| { kind: 'huge-scalar'; at: number; piece: string; length: number; quoted: boolean }
	| { kind: 'retype'; pick: number; value: unknown }
	| { kind: 'crlf' }
	| { kind: 'cr' }
	| { kind: 'bom' }
	| { kind: 'utf16' }
	| { kind: 'tabs'; at: number; lines: number }
	| { kind: 'repeat'; at: number; lines: number; times: number };

const position = fc.nat({ max: 1_000_000 });
const INVALID_UTF8 = [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80, 0x80], [0xfe, 0xff], [0x00]];
const SCALAR_PIECES = ['x', '${{ github.sha }} ', '<< pipeline.git.branch >> ', '$CI_COMMIT_REF_NAME ', '"', "'", '\\', '# ', ': ', '- ', '{{ x }}', '&a *a ', '\u0000', '😀', '\r', '\t', '%', '!reference [a, b] ', '`', '\u202e'];

/** Values of every kind for a key: the wrong one for most keys. */
const wrongValue = fc.oneof(
	fc.constant(null),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.string({ maxLength: 40 }),
	fc.constantFrom('', '~', 'yes', '0x1F', '1e999', '-', '*', '<<', 'true', '.inf'),
	fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('truncate' as const), at: position }),
	fc.record({ kind: fc.constant('random-bytes' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
	fc.record({ kind: fc.constant('invalid-utf8' as const), at: position, bytes: fc.constantFrom(...INVALID_UTF8) }),
	fc.record({
		kind: fc.constant('nest' as const),
		at: position,
		depth: fc.integer({ min: 20, max: 400 }),
		style: fc.constantFrom('flow-list' as const, 'flow-map' as const, 'block-map' as const, 'block-list' as const),
	}),
	fc.record({ kind: fc.constant('huge-scalar' as const), at: position, piece: fc.constantFrom(...SCALAR_PIECES), length: fc.integer({ min: 10_000, max: 50_000 }), quoted: fc.boolean() }),
	// Weighted: the wrong type at a key is the mutation that reaches furthest into the readers.
	{ arbitrary: fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: wrongValue }), weight: 4 },
	fc.constant({ kind: 'crlf' as const }),
	fc.constant({ kind: 'cr' as const }),
	fc.constant({ kind: 'bom' as const }),
	fc.constant({ kind: 'utf16' as const }),
	fc.record({ kind: fc.constant('tabs' as const), at: position, lines: fc.integer({ min: 1, max: 20 }) }),
	// Many keys, jobs, steps or log lines alike: what makes a reader's cost per item show.
	fc.record({ kind: fc.constant('repeat' as const), at: position, lines: fc.integer({ min: 1, max: 6 }), times: fc.integer({ min: 10, max: 2_000 }) }),
);
export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

export const encoder = new TextEncoder();
/** As `readFile(path, 'utf8')` decodes: invalid bytes become U+FFFD, a BOM is kept. */
export const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function splice(bytes: Uint8Array, at: number, insert: Uint8Array, remove = 0): Uint8Array {
	const i = at % (bytes.length + 1);
	const out = new Uint8Array(bytes.length - Math.min(remove, bytes.length - i) + insert.length);
	out.set(bytes.subarray(0, i));
	out.set(insert, i);
	out.set(bytes.subarray(Math.min(bytes.length, i + remove)), i + insert.length);
	return out;
}

/** Replaces the value of the line `at` points to (or the whole line) with `value`. */
function replaceValueAt(text: string, at: number, value: (indent: string) => string): string {
	const lines = text.split('\n');
	const index = at % lines.length;
	const line = lines[index]!;
	const indent = /^[ \t]*(?:- )?/.exec(line)![0];
	const keyed = /^([ \t]*(?:- )?(?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:)(?:\s|$)/.exec(line);
	lines[index] = keyed ? `${keyed[1]} ${value(' '.repeat(indent.length))}` : `${indent}fuzz: ${value(' '.repeat(indent.length))}`;
	return lines.join('\n');
}

function nested(depth: number, style: Extract<Mutation, { kind: 'nest' }>['style'], indent: string): string {
	switch (style) {
		case 'flow-list':
			return `${'['.repeat(depth)}x${']'.repeat(depth)}`;
		case 'flow-map':
			return `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}`;
		case 'block-list':
			return `\n${indent}  ${'- '.repeat(depth)}x`;
		case 'block-map':
			return Array.from({ length: depth }, (_, i) => `\n${indent}${' '.repeat(2 + i)}k${i}:`).join('') + ' x';
	}
}

/** Paths to every value of a YAML or JSON document, in reading order. */
export function valuePaths(root: unknown): unknown[][] {
	const paths: unknown[][] = [];
	const stack: [unknown, unknown[]][] = [[root, []]];
	while (stack.length > 0 && paths.length < 5_000) {
		const [node, path] = stack.pop()!;
		const children: [unknown, unknown[]][] = [];
		if (isMap(node)) {
			for (const pair of node.items) if (isScalar(pair.key)) children.push([pair.value, [...path, pair.key.value]]);
		} else if (isSeq(node)) {
			node.items.forEach((item, i) => children.push([item, [...path, i]]));
		} else if (Array.isArray(node)) {
			node.forEach((item, i) => children.push([item, [...path, i]]));
		} else if (node && typeof node === 'object' && !isScalar(node)) {
			for (const [key, value] of Object.entries(node)) children.push([value, [...path, key]]);
		}
		for (const child of children) paths.push(child[1]);
		stack.push(...children.reverse());
	}
	return paths;
}

/** The value at one path replaced by `value`, and the document written out again; unchanged when it does not parse. */
export function retype(text: string, pick: number, value: unknown): string {
	const trimmed = text.replace(/^\uFEFF/, '').trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			const data = JSON.parse(trimmed) as unknown;
			const paths = valuePaths(data);
			if (paths.length === 0) return text;
			const path = paths[pick % paths.length]!;
			let target = data as Record<string, unknown>;
			for (const key of path.slice(0, -1)) target = target[key as string] as Record<string, unknown>;
			target[path.at(-1) as string] = value;
			return JSON.stringify(data, null, 1);
		} catch {
			// Not JSON: a log that starts with a bracket, or YAML flow.
		}
	}
	try {
		const doc = parseDocument(text, { uniqueKeys: false });
		if (doc.errors.length > 0) return text;
		const paths = valuePaths(doc.contents);
		if (paths.length === 0) return text;
		doc.setIn(paths[pick % paths.length]!, doc.createNode(value) as Node);
		return doc.toString({ lineWidth: 0 });
	} catch {
		return text;
	}
}

export function mutate(input: Uint8Array, steps: readonly Mutation[]): Uint8Array {
	let bytes = input;
	for (const m of steps) {
		switch (m.kind) {
			case 'truncate':
				bytes = bytes.subarray(0, m.at % (bytes.length + 1));
				break;
			case 'random-bytes':
				bytes = splice(bytes, m.at, m.bytes);
				break;
			case 'invalid-utf8':
				bytes = splice(bytes, m.at, Uint8Array.from(m.bytes));
				break;
			case 'nest':
				bytes = encoder.encode(replaceValueAt(asText(bytes), m.at, (indent) => nested(m.depth, m.style, indent)));
				break;
			case 'huge-scalar': {
				const big = m.piece.repeat(Math.ceil(m.length / m.piece.length)).slice(0, m.length);
				bytes = encoder.encode(replaceValueAt(asText(bytes), m.at, () => (m.quoted ? JSON.stringify(big) : big)));
				break;
			}
			case 'retype':
				bytes = encoder.encode(retype(asText(bytes), m.pick, m.value));
				break;
			case 'crlf':
				bytes = encoder.encode(asText(bytes).replace(/\r?\n/g, '\r\n'));
				break;
			case 'cr':
				bytes = encoder.encode(asText(bytes).replace(/\r?\n/g, '\r'));
				break;
			case 'bom':
				bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
				break;
			case 'utf16': {
				const text = asText(bytes);
				const out = new Uint8Array(2 + text.length * 2);
				out.set([0xff, 0xfe]);
				for (let i = 0; i < text.length; i++) {
					out[2 + i * 2] = text.charCodeAt(i) & 0xff;
					out[3 + i * 2] = text.charCodeAt(i) >> 8;
				}
				bytes = out;
				break;
			}
			case 'tabs': {
				const lines = asText(bytes).split('\n');
				for (let i = 0; i < m.lines; i++) {
					const index = (m.at + i * 7) % lines.length;
					lines[index] = lines[index]!.replace(/^ {1,4}/, '\t').replace(/: /, ':\t');
				}
				bytes = encoder.encode(lines.join('\n'));
				break;
			}
			case 'repeat': {
				const lines = asText(bytes).split('\n');
				const from = m.at % lines.length;
				const block = lines.slice(from, from + m.lines);
				// At most 200 KB more, whatever the lines' length.
				const times = Math.min(m.times, Math.floor(200_000 / (block.join('\n').length + 1)));
				lines.splice(from, 0, ...Array.from({ length: times }, () => block).flat());
				bytes = encoder.encode(lines.join('\n'));
				break;
			}
		}
	}
	return bytes;
}
