/**
 * Provider-neutral YAML reading: text in, located values and diagnostics out.
 *
 * Providers never walk the `yaml` library's AST themselves. They get a small tree of plain
 * values in which every node knows its `{file, line, column}`, aliases are resolved and `<<`
 * merge keys applied, so CI-specific code reads like ordinary data access while still being
 * able to point at the exact place a problem came from.
 */
import {
	Composer,
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	LineCounter,
	Parser,
	stringify,
	visit,
	type CST,
	type Document,
	type ErrorCode,
	type Node,
	type Scalar,
	type YAMLError,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../model';
import type { SourceFile } from './types';
import { readPlainYaml, readPlainYamlNodes, type PlainYaml } from './yaml-plain';

export type YamlScalarValue = string | number | boolean | null;

interface YamlNodeBase {
	location: SourceLocation;
	/** The anchor name when this value was reached through an alias (`*defaults`). */
	alias?: string;
	/** A custom tag the caller asked for (`ParseYamlOptions.customTags`), as written (`!reference`). */
	tag?: string;
}

export interface YamlScalar extends YamlNodeBase {
	kind: 'scalar';
	value: YamlScalarValue;
	/** The text as written, for numbers whose parsed value loses it (`2.0` -> 2). */
	source?: string;
}

export interface YamlEntry {
	key: string;
	keyLocation: SourceLocation;
	value: YamlValue;
}

export interface YamlMap extends YamlNodeBase {
	kind: 'map';
	entries: YamlEntry[];
}

export interface YamlSeq extends YamlNodeBase {
	kind: 'seq';
	items: YamlValue[];
}

export type YamlValue = YamlScalar | YamlMap | YamlSeq;

export interface YamlDocument {
	/** The document's content; undefined when the document is empty. */
	root: YamlValue | undefined;
	/** Where the document starts. */
	location: SourceLocation;
	/** The document has syntax errors or could not be expanded safely: `root` is unreliable. */
	broken: boolean;
}

export interface ParsedYaml {
	/** Non-empty documents of the stream, in order (a file usually holds exactly one). */
	documents: YamlDocument[];
	diagnostics: Diagnostic[];
	/** With `keepComposed`, when the `yaml` library's own `parseDocument` would build the same document. */
	composed?: ComposedYaml;
	/** With `keepComposed`, when the quick path read the file (one document): its nodes, for the same reader. */
	plain?: PlainYaml;
}

/**
 * The `yaml` library's document of a one-document file, as its `parseDocument(text,
 * { keepSourceTokens: true, uniqueKeys: false, lineCounter })` builds it, and that line counter:
 * for another reader of the same text (GitHub's workflow parser), so it is not parsed twice.
 */
export interface ComposedYaml {
	document: Document.Parsed;
	lineCounter: LineCounter;
}

export interface ParseYamlOptions {
	/**
	 * Bound on alias expansion (the `yaml` library's `maxAliasCount`): a file whose aliases
	 * expand beyond it ("billion laughs") is reported instead of being expanded.
	 */
	maxAliasCount?: number;
	/**
	 * Custom sequence tags the CI defines (GitLab's `!reference [job, key]`): accepted without
	 * an "unresolved tag" warning and recorded on the node as `tag`. Other tags are unaffected.
	 */
	customTags?: readonly string[];
	/**
	 * Also return what another reader of the text needs (GitHub's workflow parser): the quick
	 * path's nodes (`ParsedYaml.plain`) or the library's document with its source tokens
	 * (`ParsedYaml.composed`).
	 */
	keepComposed?: boolean;
	/** `false`: always the `yaml` library, never the quick path (tests compare the two). */
	quick?: boolean;
}

const DEFAULT_MAX_ALIAS_COUNT = 1000;

/**
 * Deepest nesting of maps and lists a document may have. Hand-written CI configs stay within
 * a dozen levels; past this one the `yaml` library, our value tree and every provider's walk
 * would recurse deep enough to exhaust the stack, so the document is refused up front.
 */
export const MAX_YAML_DEPTH = 100;

/**
 * Parses every document of a YAML file. Never throws: syntax problems come back as
 * diagnostics (`yaml-syntax` errors located at the first problem, with a hint).
 */
export function parseYaml(source: SourceFile, options: ParseYamlOptions = {}): ParsedYaml {
	return withPlainEnv(() => parseText(source, options));
}

/**
 * A text as the YAML readers take it: a BOM is invisible in editors and CRLF is just a line
 * break, so dropping both keeps every line and column where the user sees them. Most texts
 * have neither: a look for `\r` costs a fraction of a replace that finds nothing.
 */
export function normalisedText(text: string): string {
	const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	return unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
}

function parseText(source: SourceFile, options: ParseYamlOptions): ParsedYaml {
	const text = normalisedText(source.text);
	// Most files are plain: read quickly, with nothing to report (see ./yaml-plain.ts).
	if (options.quick !== false) {
		if (!options.keepComposed) {
			const documents = readPlainYaml(text, source.path, MAX_YAML_DEPTH, options.customTags, options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT);
			if (documents) return { documents, diagnostics: [] };
		} else if (!options.customTags?.length) {
			const plain = readPlainYamlNodes(text, source.path, MAX_YAML_DEPTH, options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT);
			if (plain?.documents.length === 1) return { documents: plain.documents, diagnostics: [], plain };
		}
	}
	const lineCounter = new LineCounter();
	const locate = (offset: number) => locationAt(source.path, lineCounter, offset);
	// Composing tokens into nodes recurses once per level, so depth is checked between the two
	// steps and a too deep document is composed empty.
	const tokenized = tokenize(text, lineCounter);
	if ('failedAt' in tokenized) {
		const location = locate(tokenized.failedAt);
		return { documents: [{ root: undefined, location, broken: true }], diagnostics: [tokenizeDiagnostic(tokenized.error, location)] };
	}
	const tokens = tokenized.tokens;
	const tooDeep = new Map<number, number>();
	let documentIndex = 0;
	const safeTokens = tokens.map((token) => {
		if (token.type !== 'document') return token;
		const offset = tooDeepOffset(token.value);
		if (offset !== undefined) tooDeep.set(documentIndex, offset);
		documentIndex++;
		return offset === undefined ? token : { ...token, value: undefined };
	});
	const composer = new Composer({
		// Only a reader of the library's document needs them; kept, they hold every token alive.
		keepSourceTokens: options.keepComposed === true,
		merge: true,
		// The library's own check compares each key with every earlier key of its map, which is
		// quadratic in a map's size; `scanDocument` below does the same in one pass.
		uniqueKeys: false,
		...(options.customTags?.length ? { customTags: options.customTags.map((tag) => ({ tag, collection: 'seq' as const, default: false as const })) } : {}),
	});
	const docs = withoutStackTraces(() => Array.from(composer.compose(safeTokens)) as Document.Parsed[]);
	const diagnostics: Diagnostic[] = [];
	const documents: YamlDocument[] = [];
	let composed: ComposedYaml | undefined;

	for (const [index, doc] of docs.entries()) {
		const deepAt = tooDeep.get(index);
		if (deepAt !== undefined) {
			diagnostics.push({
				severity: 'error',
				code: 'yaml-too-deep',
				message: `YAML nested more than ${MAX_YAML_DEPTH} levels deep (maps and lists inside each other): the document was not read`,
				location: locate(deepAt),
				hint: 'A CI config this deep is generated or hostile; flatten it, or move the data into a file the CI reads at run time.',
			});
			documents.push({ root: undefined, location: locate(doc.range[0]), broken: true });
			continue;
		}
		const fatal = doc.errors;
		if (fatal.length > 0) {
			diagnostics.push(syntaxDiagnostic(fatal, text.split('\n'), locate));
		}
		const scanned = scanDocument(doc.contents);
		// Of our options, only custom tags and `merge: true` build another document than the
		// library's defaults would, the latter only where a key is `<<`.
		if (options.keepComposed && !options.customTags?.length && docs.length === 1 && fatal.length === 0 && !scanned.mergeKeys) composed = { document: doc, lineCounter };
		for (const offset of scanned.duplicateKeys) {
			diagnostics.push({
				severity: 'warning',
				code: 'yaml-duplicate-key',
				message: 'Map keys must be unique: the later value is the one used',
				location: locate(offset),
				hint: 'Remove or rename one of the two keys.',
			});
		}
		for (const warning of doc.warnings) {
			diagnostics.push({
				severity: 'warning',
				code: 'yaml-warning',
				message: firstLine(warning),
				location: locate(warning.pos[0]),
			});
		}
		const start = locate(doc.contents?.range[0] ?? doc.range[0]);
		if (isEmptyDocument(doc)) continue;
		// Without aliases or merge keys there is nothing to expand and nothing to merge wrongly.
		const aliasProblem = fatal.length === 0 && (scanned.aliases || scanned.mergeKeys) ? checkAliasExpansion(doc, options, locate) : undefined;
		if (aliasProblem) diagnostics.push(aliasProblem);
		const broken = fatal.length > 0 || aliasProblem !== undefined;
		documents.push({
			root: broken ? undefined : toYamlValue(doc.contents as Node, source.path, lineCounter, options.customTags),
			location: start,
			broken,
		});
	}
	return composed ? { documents, diagnostics, composed } : { documents, diagnostics };
}

/**
 * The file's tokens. The `yaml` library's tokenizer mostly keeps its own stack, but some
 * malformed nesting (thousands of `key: key: key:` on an indented line) still recurses in it
 * until the stack runs out; that is reported where it happened instead of thrown.
 */
function tokenize(text: string, lineCounter: LineCounter): { tokens: CST.Token[] } | { failedAt: number; error: unknown } {
	const parser = new Parser(lineCounter.addNewLine);
	const tokens: CST.Token[] = [];
	try {
		for (const token of parser.parse(text)) tokens.push(token);
		return { tokens };
	} catch (error) {
		// Where the nesting went past the limit, when the parser's stack of open nodes says;
		// the token it was at is often a later line, where the nesting ended.
		const deep = parser.stack[Math.min(parser.stack.length - 1, MAX_YAML_DEPTH)];
		const offset = deep && 'offset' in deep ? deep.offset : parser.offset;
		return { failedAt: Math.min(offset, text.length), error };
	}
}

function tokenizeDiagnostic(error: unknown, location: SourceLocation): Diagnostic {
	if (error instanceof RangeError) {
		return {
			severity: 'error',
			code: 'yaml-too-deep',
			message: 'YAML nested too deeply to read (keys or brackets inside each other thousands of times): the file was not read',
			location,
			hint: 'A CI config this deep is generated or hostile; check this line for repeated `key:`, `[` or `{` and flatten it.',
		};
	}
	return {
		severity: 'error',
		code: 'yaml-syntax',
		message: `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
		location,
		hint: 'Check the indentation and quoting around this place.',
	};
}

/**
 * The `yaml` library makes an Error object for every problem it finds, and capturing their
 * stack traces is most of its time on a broken file (one problem every few bytes in a long run
 * of `{{ x }}`). Only their positions and messages are used.
 */
function withoutStackTraces<T>(run: () => T): T {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		return run();
	} finally {
		Error.stackTraceLimit = limit;
	}
}

/** Offset of the first map or list nested deeper than `MAX_YAML_DEPTH`, walked without recursion. */
function tooDeepOffset(token: CST.Token | undefined): number | undefined {
	// Only collections are pushed, each with its depth in a stack of its own: a config is
	// mostly scalars, which were each pushed and popped with a pair of their own.
	const stack: CollectionToken[] = [];
	const depths: number[] = [];
	const push = (child: CST.Token | null | undefined, depth: number) => {
		if (child && isCollectionToken(child)) {
			stack.push(child);
			depths.push(depth);
		}
	};
	push(token, 1);
	while (stack.length > 0) {
		const current = stack.pop()!;
		const depth = depths.pop()!;
		if (depth > MAX_YAML_DEPTH) return current.offset;
		// Reversed, so the first too deep place in reading order is the one reported.
		for (let i = current.items.length - 1; i >= 0; i--) {
			push(current.items[i]!.value, depth + 1);
			push(current.items[i]!.key, depth + 1);
		}
	}
	return undefined;
}

type CollectionToken = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollectionToken(token: CST.Token): token is CollectionToken {
	return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/**
 * One walk over a composed document for what `parseYaml` checks on it.
 * `duplicateKeys`: offsets of map keys that repeat an earlier scalar key of the same map, in
 * reading order (keys equal as the `yaml` library compares them: same parsed value, so `1` and
 * `"1"` differ). `aliases` and `mergeKeys`: whether it holds any, the only things that make
 * converting it to plain data grow or fail.
 */
function scanDocument(root: unknown): { duplicateKeys: number[]; aliases: boolean; mergeKeys: boolean } {
	const found: number[] = [];
	let aliases = false;
	let mergeKeys = false;
	const stack: unknown[] = [root];
	while (stack.length > 0) {
		const node = stack.pop();
		if (isMap(node)) {
			const seen = new Set<string>();
			for (const pair of node.items) {
				const key = pair.key;
				if (isMergeKey(key)) mergeKeys = true;
				if (!isScalar(key)) continue;
				const text = writtenKey(key);
				if (seen.has(text)) found.push(key.range?.[0] ?? 0);
				seen.add(text);
			}
			for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
		} else if (isSeq(node)) {
			// One push per item: spreading a list of a few hundred thousand items overflows the stack.
			for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
		} else if (isAlias(node)) {
			aliases = true;
		}
	}
	return { duplicateKeys: found.sort((a, b) => a - b), aliases, mergeKeys };
}

/** The variables the `yaml` library reads while it parses (its debug switches). */
const YAML_ENV_SWITCHES = ['LOG_TOKENS', 'LOG_STREAM'] as const;

/**
 * The `yaml` library reads `process.env.LOG_TOKENS` for every token it parses (and
 * `LOG_STREAM` for every document). In Node each read of `process.env` calls into the runtime,
 * about 0.4 µs: a third of the library's time turning a CI config into tokens. While `run` parses,
 * `process.env` is an object that holds those two as plain properties and inherits every other
 * variable from the real one (copying all of them costs more than it saves); the real one is
 * back when it returns. Properties are defined, not assigned: an assignment would reach the
 * real environment through the prototype.
 */
export function withPlainEnv<T>(run: () => T): T {
	const env = process.env;
	const switches = Object.fromEntries(YAML_ENV_SWITCHES.map((name) => [name, { value: env[name], writable: true, enumerable: true, configurable: true }]));
	process.env = Object.create(env, switches) as NodeJS.ProcessEnv;
	try {
		return run();
	} finally {
		process.env = env;
	}
}

/** 1-based location of a character offset, as editors print it. */
export function locationAt(file: string, lineCounter: LineCounter, offset: number): SourceLocation {
	const { line, col } = lineCounter.linePos(offset);
	return { file, line: Math.max(1, line), column: Math.max(1, col) };
}

/** Location of a `yaml` AST node (its first character). */
export function nodeLocation(file: string, lineCounter: LineCounter, node: Node | null | undefined): SourceLocation {
	return locationAt(file, lineCounter, node?.range?.[0] ?? 0);
}

function isEmptyDocument(doc: Document.Parsed): boolean {
	const contents = doc.contents;
	return contents === null || (isScalar(contents) && contents.value === null && !contents.anchor);
}

function firstLine(error: YAMLError): string {
	// The location is carried separately: keep only the sentence, without a position or code
	// excerpt the library may add.
	return error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

const SYNTAX_HINTS: Partial<Record<ErrorCode, string>> = {
	BAD_INDENT: 'Keys of one mapping (and items of one list) must start at the same column: check the indentation here.',
	TAB_AS_INDENT: 'YAML indentation must use spaces: replace the tab characters with spaces.',
	MISSING_CHAR: 'A quote or bracket is not closed: check that every `"`, `\'`, `[` and `{` has its partner.',
	BAD_ALIAS: 'An alias (`*name`) must refer to an anchor (`&name`) defined earlier in the file.',
	BAD_DQ_ESCAPE: 'Inside double quotes a backslash starts an escape: double it (`\\\\`) or use single quotes.',
	UNEXPECTED_TOKEN: 'This character is not allowed here: quote the value if it is meant as text.',
	BLOCK_IN_FLOW: 'Inside `[...]` or `{...}` use the flow form on one line, or switch to an indented block.',
};

/**
 * One error per broken document: the first problem is the one to fix; later ones are often
 * its consequences, so they are counted rather than listed.
 */
function syntaxDiagnostic(
	errors: YAMLError[],
	lines: string[],
	locate: (offset: number) => SourceLocation,
): Diagnostic {
	const first = errors[0]!;
	const location = locate(first.pos[0]);
	const more = errors.length - 1;
	const followUp = more > 0 ? ` The parser reports ${more} more problem${more === 1 ? '' : 's'} after it; fix this one first, they may disappear with it.` : '';
	const valueAndBlock = describeValueAndBlock(first, lines, location.line);
	if (valueAndBlock) {
		return { severity: 'error', code: 'yaml-syntax', message: valueAndBlock.message, location, hint: valueAndBlock.hint + followUp };
	}
	return {
		severity: 'error',
		code: 'yaml-syntax',
		message: `Invalid YAML: ${firstLine(first)}`,
		location,
		hint: (SYNTAX_HINTS[first.code] ?? 'Check the indentation and quoting around this place.') + followUp,
	};
}

/**
 * The most common hand-editing slip: `key: value` followed by an indented block, so the key
 * gets two values. The `yaml` library calls it "nested mappings are not allowed in compact
 * mappings"; say it in the user's terms, naming both lines.
 */
function describeValueAndBlock(error: YAMLError, lines: string[], lineNumber: number): { message: string; hint: string } | undefined {
	if (error.code !== 'BLOCK_AS_IMPLICIT_KEY' && error.code !== 'MULTILINE_IMPLICIT_KEY') return undefined;
	const line = lines[lineNumber - 1] ?? '';
	const match = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?):\s+(\S.*?)\s*$/.exec(line);
	if (!match) return undefined;
	const [, indent = '', key = '', value = ''] = match;
	let next = lineNumber;
	while (next < lines.length && /^\s*(#.*)?$/.test(lines[next]!)) next++;
	const nextIndent = /^\s*/.exec(lines[next] ?? '')![0].length;
	if (next >= lines.length || nextIndent <= indent.length) return undefined;
	return {
		message: `Invalid YAML at line ${lineNumber}: \`${key}:\` has a value on its line (\`${value}\`) and also an indented block under it (line ${next + 1}); a key can only have one of them.`,
		hint: `Remove \`${value}\` after \`${key}:\` on line ${lineNumber} (or turn it into a comment: \`# ${value}\`) so the block from line ${next + 1} becomes its value.`,
	};
}

/**
 * Aliases let a tiny file expand to billions of nodes. The `yaml` library counts the
 * expansion while converting to plain data; run that check once and refuse the document
 * when it trips, pointing at the first alias.
 */
function checkAliasExpansion(
	doc: Document.Parsed,
	options: ParseYamlOptions,
	locate: (offset: number) => SourceLocation,
): Diagnostic | undefined {
	const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
	try {
		// Maps as Maps: the result is thrown away, and keys that are collections would print a warning.
		doc.toJS({ maxAliasCount, mapAsMap: true });
		return undefined;
	} catch (error) {
		let firstAlias = doc.contents?.range[0] ?? 0;
		visit(doc, {
			Alias(_, node) {
				firstAlias = node.range?.[0] ?? firstAlias;
				return visit.BREAK;
			},
		});
		const excessive = error instanceof ReferenceError && /alias/i.test(error.message);
		return {
			severity: 'error',
			code: excessive ? 'yaml-alias-limit' : 'yaml-syntax',
			message: excessive
				? `YAML aliases expand to too much data (more than ${maxAliasCount} alias uses): the file was not read`
				: `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
			location: locate(firstAlias),
			hint: excessive
				? 'Nested anchors and aliases multiply each other ("billion laughs"); flatten them.'
				: 'Check the anchors (`&name`), aliases (`*name`) and merge keys (`<<:`) of this document.',
		};
	}
}

/**
 * Converts a `yaml` AST node into a located value tree. Aliases are resolved (their value is
 * shared, not copied, so conversion stays linear), `<<` merge keys applied as YAML 1.1
 * defines them (explicit keys win, earlier sources win) and duplicate keys keep the last value.
 */
export function toYamlValue(node: Node, file: string, lineCounter: LineCounter, customTags?: readonly string[]): YamlValue {
	const anchors = new Map<string, Node>();
	// Only an anchored node can be reached twice (through an alias), so only anchored nodes
	// are remembered and tracked, not every node of the document.
	const converted = new Map<Node, YamlValue>();
	const inProgress = new Set<Node>();
	const at = (n: Node | null | undefined, fallback: SourceLocation) =>
		n?.range ? locationAt(file, lineCounter, n.range[0]) : fallback;

	const convert = (n: Node | null | undefined, fallback: SourceLocation): YamlValue => {
		if (!n) return { kind: 'scalar', value: null, location: fallback };
		if (isAlias(n)) {
			const target = anchors.get(n.source);
			// An alias inside its own anchor would be infinite; the parser already reported
			// unknown anchors, so both become an empty value here.
			if (!target || inProgress.has(target)) return { kind: 'scalar', value: null, location: at(n, fallback) };
			return { ...convert(target, fallback), alias: n.source };
		}
		const anchored = Boolean(n.anchor);
		if (anchored) {
			const cached = converted.get(n);
			if (cached) return cached;
			anchors.set(n.anchor!, n);
			inProgress.add(n);
		}
		const location = at(n, fallback);
		let value: YamlValue;
		if (isMap(n)) {
			value = { kind: 'map', entries: convertEntries(n.items, location), location };
		} else if (isSeq(n)) {
			value = { kind: 'seq', items: n.items.map((item) => convert(item as Node, location)), location };
		} else if (isScalar(n)) {
			value = { kind: 'scalar', value: scalarValue(n.value), location };
			if (typeof n.value === 'number' && n.source !== undefined) value.source = n.source;
		} else {
			value = { kind: 'scalar', value: null, location };
		}
		if (customTags && n.tag && customTags.includes(n.tag)) value.tag = n.tag;
		if (anchored) {
			inProgress.delete(n);
			converted.set(n, value);
		}
		return value;
	};

	const convertEntries = (pairs: unknown[], mapLocation: SourceLocation): YamlEntry[] => {
		const entries: YamlEntry[] = [];
		const index = new Map<string, number>();
		// Keys written in the map win over merged ones; a map without `<<` has nothing to merge.
		const explicit = new Set<string>();
		if (pairs.some((pair) => isPair(pair) && isMergeKey(pair.key))) {
			for (const pair of pairs) {
				if (isPair(pair) && !isMergeKey(pair.key)) explicit.add(keyText(pair.key));
			}
		}
		for (const pair of pairs) {
			if (!isPair(pair)) continue;
			const keyNode = pair.key as Node | null;
			const keyLocation = at(keyNode, mapLocation);
			if (isMergeKey(keyNode)) {
				const source = convert(pair.value as Node, keyLocation);
				const sources = source.kind === 'seq' ? source.items : [source];
				for (const merged of sources) {
					if (merged.kind !== 'map') continue;
					for (const entry of merged.entries) {
						if (explicit.has(entry.key) || index.has(entry.key)) continue;
						index.set(entry.key, entries.length);
						entries.push(entry);
					}
				}
				continue;
			}
			const key = keyText(keyNode);
			const entry = { key, keyLocation, value: convert(pair.value as Node, keyLocation) };
			const previous = index.get(key);
			if (previous === undefined) {
				index.set(key, entries.length);
				entries.push(entry);
			} else {
				entries[previous] = entry;
			}
		}
		return entries;
	};

	const keyText = (key: unknown): string => {
		if (isScalar(key)) return writtenKey(key);
		if (isAlias(key)) return renderInline(convert(key, { file, line: 1, column: 1 }));
		if (key && typeof key === 'object' && 'range' in key) return renderInline(convert(key as Node, { file, line: 1, column: 1 }));
		return String(key ?? '');
	};

	return convert(node, { file, line: 1, column: 1 });
}

/**
 * A scalar key as its text, not its value: a branch pattern `1.0:` or a job `010:` is named as
 * written, as the CIs read keys (names, not numbers). Keys are told apart by that text too.
 */
function writtenKey(key: Scalar): string {
	return typeof key.source === 'string' ? key.source : String(scalarValue(key.value) ?? '');
}

function isMergeKey(key: unknown): boolean {
	if (!isScalar(key) || (key.type && key.type !== 'PLAIN')) return false;
	return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

function scalarValue(value: unknown): YamlScalarValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.toISOString();
	return String(value);
}

// --- Reading the tree -------------------------------------------------------------------

/** The entry of `key` in a map value, if `value` is a map and has it. */
export function entryOf(value: YamlValue | undefined, key: string): YamlEntry | undefined {
	return value?.kind === 'map' ? value.entries.find((entry) => entry.key === key) : undefined;
}

/** The value of `key` in a map value. */
export function valueOf(value: YamlValue | undefined, key: string): YamlValue | undefined {
	return entryOf(value, key)?.value;
}

/** A scalar's text (`null` -> undefined); undefined for maps and lists. */
export function scalarText(value: YamlValue | undefined): string | undefined {
	if (value?.kind !== 'scalar' || value.value === null) return undefined;
	return String(value.value);
}

/** Absent or an empty value (`key:` with nothing after it). */
export function isNull(value: YamlValue | undefined): value is undefined | (YamlScalar & { value: null }) {
	return value === undefined || (value.kind === 'scalar' && value.value === null);
}

/** Plain JavaScript data, for rendering with the `yaml` stringifier. */
export function toPlain(value: YamlValue): unknown {
	switch (value.kind) {
		case 'scalar':
			return value.value;
		case 'seq':
			return value.items.map(toPlain);
		case 'map':
			return Object.fromEntries(value.entries.map((entry) => [entry.key, toPlain(entry.value)]));
	}
}

/**
 * A value as one short line: scalars as their text, collections in YAML flow style
 * (`[a, b]`, `{k: v}`). `aliases` shows values reached through an alias by name (`*x`).
 */
export function renderInline(value: YamlValue, options: { aliases?: boolean } = {}): string {
	if (options.aliases && value.alias && value.kind !== 'scalar') return `*${value.alias}`;
	switch (value.kind) {
		case 'scalar':
			return value.value === null ? '' : String(value.value);
		case 'seq':
			return `[${value.items.map((item) => renderInline(item, options)).join(', ')}]`;
		case 'map':
			return `{${value.entries.map((entry) => `${entry.key}: ${renderInline(entry.value, options)}`).join(', ')}}`;
	}
}

/** A value as text: scalars as they are, collections as block YAML. */
export function renderText(value: YamlValue): string {
	if (value.kind === 'scalar') return value.value === null ? '' : String(value.value);
	return stringify(toPlain(value), { lineWidth: 0 }).trimEnd();
}

/** How messages name a value of the wrong kind: `a map`, `a list` or the scalar itself. */
export function describeValue(value: YamlValue): string {
	return value.kind === 'map' ? 'a map' : value.kind === 'seq' ? 'a list' : `\`${renderInline(value)}\``;
}
