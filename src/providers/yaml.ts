/**
 * Provider-neutral YAML reading: text in, located values and diagnostics out.
 *
 * Providers never walk the `yaml` library's AST themselves. They get a small tree of plain
 * values in which every node knows its `{file, line, column}`, aliases are resolved and `<<`
 * merge keys applied, so CI-specific code reads like ordinary data access while still being
 * able to point at the exact place a problem came from.
 */
import {
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	LineCounter,
	parseAllDocuments,
	stringify,
	visit,
	type Document,
	type ErrorCode,
	type Node,
	type YAMLError,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../model';
import type { SourceFile } from './types';

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
}

const DEFAULT_MAX_ALIAS_COUNT = 1000;

/**
 * Parses every document of a YAML file. Never throws: syntax problems come back as
 * diagnostics (`yaml-syntax` errors located at the first problem, with a hint).
 */
export function parseYaml(source: SourceFile, options: ParseYamlOptions = {}): ParsedYaml {
	// A BOM is invisible in editors and CRLF is just a line break: dropping both keeps every
	// line and column where the user sees them.
	const text = source.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const lineCounter = new LineCounter();
	const locate = (offset: number) => locationAt(source.path, lineCounter, offset);
	const parsed = parseAllDocuments(text, {
		lineCounter,
		keepSourceTokens: true,
		merge: true,
		uniqueKeys: true,
		prettyErrors: true,
		...(options.customTags?.length ? { customTags: options.customTags.map((tag) => ({ tag, collection: 'seq' as const, default: false as const })) } : {}),
	});
	const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
	const diagnostics: Diagnostic[] = [];
	const documents: YamlDocument[] = [];
	const lines = text.split('\n');

	for (const doc of docs) {
		const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
		if (fatal.length > 0) {
			diagnostics.push(syntaxDiagnostic(fatal, source.path, lines, locate));
		}
		for (const error of doc.errors.filter((e) => e.code === 'DUPLICATE_KEY')) {
			diagnostics.push({
				severity: 'warning',
				code: 'yaml-duplicate-key',
				message: `${firstLine(error)}: the later value is the one used`,
				location: locate(error.pos[0]),
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
		const aliasProblem = fatal.length === 0 ? checkAliasExpansion(doc, options, locate) : undefined;
		if (aliasProblem) diagnostics.push(aliasProblem);
		const broken = fatal.length > 0 || aliasProblem !== undefined;
		documents.push({
			root: broken ? undefined : toYamlValue(doc.contents as Node, source.path, lineCounter, options.customTags),
			location: start,
			broken,
		});
	}
	return { documents, diagnostics };
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
	// `prettyErrors` appends " at line L, column C:" and a code excerpt; the location is
	// carried separately, so keep only the sentence.
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
	file: string,
	lines: string[],
	locate: (offset: number) => SourceLocation,
): Diagnostic {
	const first = errors[0]!;
	const location = first.linePos ? { file, line: first.linePos[0].line, column: first.linePos[0].col } : locate(first.pos[0]);
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
		doc.toJS({ maxAliasCount });
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
		const cached = converted.get(n);
		if (cached) return cached;
		if (n.anchor) anchors.set(n.anchor, n);
		inProgress.add(n);
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
		inProgress.delete(n);
		converted.set(n, value);
		return value;
	};

	const convertEntries = (pairs: unknown[], mapLocation: SourceLocation): YamlEntry[] => {
		const entries: YamlEntry[] = [];
		const index = new Map<string, number>();
		const explicit = new Set<string>();
		for (const pair of pairs) {
			if (isPair(pair) && !isMergeKey(pair.key)) explicit.add(keyText(pair.key));
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
		if (isScalar(key)) return String(scalarValue(key.value) ?? '');
		if (isAlias(key)) return renderInline(convert(key, { file, line: 1, column: 1 }));
		if (key && typeof key === 'object' && 'range' in key) return renderInline(convert(key as Node, { file, line: 1, column: 1 }));
		return String(key ?? '');
	};

	return convert(node, { file, line: 1, column: 1 });
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
