/**
 * The quick path of `parseYaml`: a well-formed file without directives, repeated keys or tags
 * (but the CI's own sequence tags, GitLab's `!reference`), read by `js-yaml`'s event parser in
 * a fraction of the `yaml` library's time, the located tree included. Anchors, aliases and `<<`
 * merge keys are read as `toYamlValue` reads them, when no anchored value holds an alias (the
 * `yaml` library's expansion limit is then simple to keep) and no key is anchored or an alias;
 * for GitHub's parser, an alias is the node it names, as GitHub's own reader gives it.
 *
 * `parseEvents` gives each node's kind, style, text range, anchor and tag, in reading order,
 * without building values. The located tree is built from them, and every value is resolved by
 * the `yaml` library's own rules (YAML 1.2 core schema). Anything else returns undefined, and the
 * `yaml` library reads the file as before, with its diagnostics: this path has none to give. A
 * test holds both paths to the same trees over the corpus (test/providers/yaml-plain.test.ts).
 */
import { getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml-5';
import type { SourceLocation } from '../model';
import { locator } from './locator';
import type { YamlDocument, YamlEntry, YamlScalar, YamlScalarValue, YamlValue } from './yaml';

/** The quick path gave up: the `yaml` library reads the file. */
class NotPlain extends Error {}

// js-yaml's event and style numbers (EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE).
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;
const FLOW = 2;
/** A range js-yaml does not have (no anchor, no tag, an empty scalar). */
const NONE = -1;

/**
 * The documents of `text` (BOM and CRLF already gone) as `parseYaml` would give them, or
 * undefined when the file needs the `yaml` library: anything `js-yaml` refuses, and every
 * construct this path does not rebuild. `maxDepth` bounds nesting as `MAX_YAML_DEPTH` does;
 * `customTags` are sequence tags to accept and record, as `ParseYamlOptions.customTags`.
 */
export function readPlainYaml(text: string, file: string, maxDepth: number, customTags: readonly string[] = [], maxAliasCount = 1000): YamlDocument[] | undefined {
	return readPlain(text, file, maxDepth, customTags, maxAliasCount, false)?.documents;
}

/**
 * A file's nodes with where they are, as another reader of the text needs them (GitHub's
 * workflow parser: see ./github-actions/plain-reader.ts). Offsets are the `yaml` library's.
 */
export type PlainNode = PlainScalar | PlainCollection;

interface PlainSpan {
	/** Where the node starts (its `range[0]` in the `yaml` library). */
	start: number;
	/** Where its value ends (`range[1]`). */
	end: number;
	/** Where the node ends, with the comment and line break after it (`range[2]`). */
	nodeEnd: number;
	/**
	 * For an alias (`*name`), where the alias itself is written: the node is the anchored one,
	 * as GitHub's reader gives it, with the anchored node's offsets.
	 */
	alias?: PlainSpan;
}

export interface PlainScalar extends PlainSpan {
	kind: 'scalar';
	value: YamlScalarValue;
	/** The text as written: quotes included; a block scalar's lines after its header. */
	source: string;
	/** A block scalar's header (`|`, `>-`). */
	header?: string;
}

export interface PlainCollection extends PlainSpan {
	kind: 'map' | 'seq';
	/** A list's items; a map's keys and values, one after the other. */
	items: PlainNode[];
}

export interface PlainYaml {
	documents: YamlDocument[];
	/** Each document's nodes, non-empty documents only, in order. */
	nodes: PlainNode[];
	/** 1-based line and column of an offset. */
	position(offset: number): { line: number; column: number };
}

/** `readPlainYaml`, with the nodes another reader of the text needs. */
export function readPlainYamlNodes(text: string, file: string, maxDepth: number, maxAliasCount = 1000): PlainYaml | undefined {
	return readPlain(text, file, maxDepth, [], maxAliasCount, true);
}

function readPlain(text: string, file: string, maxDepth: number, customTags: readonly string[], maxAliasCount: number, withNodes: boolean): PlainYaml | undefined {
	// Directives (`%YAML 1.1` changes the schema): the `yaml` library's. So is a byte order mark
	// left in the text, which js-yaml would drop and shift every offset.
	if ((text.includes('%') && /^%/m.test(text)) || text.includes('\uFEFF') || troubleInBlanks(text) || oddMarkers(text)) return undefined;
	let events: Event[];
	try {
		events = parseEvents(text, { maxDepth: maxDepth + 1 });
	} catch {
		return undefined;
	}
	try {
		const builder = new Builder(text, events, locator(file, text), customTags, maxAliasCount, maxDepth, withNodes);
		const documents: YamlDocument[] = [];
		const nodes: PlainNode[] = [];
		while (builder.next < events.length) {
			if (events[builder.next++]!.type !== DOCUMENT) throw new NotPlain();
			// GitHub's parser refuses a stream of several documents, empty ones too: the library's.
			if (withNodes && builder.next > 1) throw new NotPlain();
			builder.newDocument();
			const root = builder.read(0, false);
			if (events[builder.next++]?.type !== POP) throw new NotPlain();
			if (root.value.kind === 'scalar' && root.value.value === null) continue;
			documents.push({ root: root.value, location: root.value.location, broken: false });
			if (withNodes) nodes.push(root.node!);
		}
		// The location itself: its `file` is one field more than a position needs, and one object
		// fewer for each of the two ends of every node GitHub's reader is given.
		const position = (offset: number): { line: number; column: number } => builder.locate(offset);
		return { documents, nodes, position };
	} catch (error) {
		if (error instanceof NotPlain) return undefined;
		throw error;
	}
}

/**
 * Where js-yaml and the `yaml` library read a stream apart: a document marker after blanks
 * (` --- a`: a scalar for one, a marker for the other), text after `...` on its line, a line
 * begun with a tab. None is in a CI file but by accident; the `yaml` library reads them, with
 * its diagnostics. Looked for from each marker and tab (`indexOf`), not at every line's start:
 * a multi-line pattern took 3% of config parsing.
 */
export function oddMarkers(text: string): boolean {
	for (let tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', tab + 1)) if (tab === 0 || text.charCodeAt(tab - 1) === 0x0a) return true;
	for (const marker of ['---', '...']) {
		for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
			let lineStart = at;
			while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 0x20 || text.charCodeAt(lineStart - 1) === 0x09)) lineStart--;
			if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a) continue;
			let after = at + 3;
			const next = text.charCodeAt(after);
			const ends = after >= text.length || next === 0x20 || next === 0x09 || next === 0x0a;
			if (!ends) continue;
			if (lineStart < at) return true;
			if (marker === '...') {
				while (text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09) after++;
				if (after > at + 3 && after < text.length && text.charCodeAt(after) !== 0x0a && text.charCodeAt(after) !== 0x23 /* # */) return true;
			}
		}
	}
	return false;
}

/** A node read: its value, and (when asked for) its node with the `yaml` library's offsets. */
interface Read {
	value: YamlValue;
	node: PlainNode | undefined;
	/** The scalar's text as written (a map's key is named by it), else undefined. */
	text?: string;
	/** A plain `<<`: YAML 1.1's merge key, as the `yaml` library reads it with `merge: true`. */
	merge?: boolean;
	/** Nothing is written: an empty value. */
	empty?: boolean;
}

class Builder {
	/** The next event to read. */
	next = 0;
	/** Where the text read so far ends: an empty value is placed after it. */
	private cursor = 0;
	/** Anchored values read so far, by name (a later anchor of the same name replaces one). */
	private readonly anchors = new Map<string, { value: YamlValue; node: PlainNode | undefined; uses: number; nested: boolean }>();
	/** Anchors whose value is being read: an alias to one of them is inside it. */
	private readonly building = new Set<string>();
	private aliasUses = 0;

	constructor(
		private readonly text: string,
		private readonly events: readonly Event[],
		readonly locate: (offset: number) => SourceLocation,
		private readonly customTags: readonly string[],
		private readonly maxAliasCount: number,
		private readonly maxDepth: number,
		private readonly withNodes: boolean,
	) {}

	/** An alias names an anchor of its own document only. */
	newDocument(): void {
		this.anchors.clear();
		this.building.clear();
	}

	/**
	 * The node at `next` and everything inside it. `key`: it is a map's key, which `toYamlValue`
	 * keeps no anchor of (an alias to one is empty there): an anchored key is the library's, and
	 * so is an alias as a key.
	 */
	read(depth: number, key: boolean): Read {
		const event = this.events[this.next++]!;
		if (event.type === ALIAS) {
			if (key) throw new NotPlain();
			return this.aliasOf(event.anchorStart, event.anchorEnd);
		}
		if (event.type === POP || event.type === DOCUMENT) throw new NotPlain();
		const anchor = event.anchorStart === NONE ? undefined : this.name(event.anchorStart, event.anchorEnd);
		if (anchor !== undefined && key) throw new NotPlain();
		const tag = event.tagStart === NONE ? undefined : this.text.slice(event.tagStart, event.tagEnd);
		// The CI's own tags are for lists; any other tag is for the `yaml` library.
		if (tag !== undefined && (event.type !== SEQUENCE || !this.customTags.includes(tag))) throw new NotPlain();
		if (anchor === undefined) return this.content(event, depth, tag);
		if (this.building.has(anchor)) throw new NotPlain();
		this.building.add(anchor);
		const before = this.aliasUses;
		const read = this.content(event, depth, tag);
		this.building.delete(anchor);
		// An anchored empty value: where the `yaml` library puts it is not rebuilt here.
		if (read.empty) throw new NotPlain();
		this.anchors.set(anchor, { value: read.value, node: read.node, uses: 0, nested: this.aliasUses > before });
		return read;
	}

	private content(event: Exclude<Event, { type: typeof DOCUMENT | typeof POP | typeof ALIAS }>, depth: number, tag: string | undefined): Read {
		if (event.type === SCALAR) return this.scalar(event);
		if (depth >= this.maxDepth) throw new NotPlain();
		const text = this.text;
		const start = event.start;
		const flow = event.style === FLOW;
		// A flow map in a list without braces (`[a: b]`, a pair) is the library's.
		if (flow && text.charCodeAt(start) !== (event.type === MAPPING ? 0x7b /* { */ : 0x5b) /* [ */) throw new NotPlain();
		// Past the opening bracket: an empty collection's closing one is looked for from there.
		if (flow) this.cursor = start + 1;
		const location = this.locate(start);
		const items: PlainNode[] = [];
		let value: YamlValue;
		if (event.type === SEQUENCE) {
			const values: YamlValue[] = [];
			while (this.events[this.next]!.type !== POP) {
				const item = this.read(depth + 1, false);
				// An empty item (`-` and nothing) is placed by the `yaml` library as this path does not.
				if (item.empty) throw new NotPlain();
				values.push(item.value);
				if (this.withNodes) items.push(item.node!);
			}
			value = tag === undefined ? { kind: 'seq', items: values, location } : { kind: 'seq', items: values, location, tag };
		} else {
			value = { kind: 'map', entries: this.entries(depth, items), location };
		}
		this.next++; // the POP
		let end: number;
		if (flow) {
			// js-yaml refuses lines of a flow collection indented less than the `yaml` library wants
			// (and some it accepts, a closing bracket level with the key: those are its to read).
			end = this.closing(event.type === MAPPING ? 0x7d /* } */ : 0x5d /* ] */) + 1;
		} else {
			const last = items[items.length - 1];
			end = this.withNodes ? ((last?.alias ?? last)?.nodeEnd ?? start) : start;
		}
		this.cursor = Math.max(this.cursor, end);
		const node: PlainNode | undefined = this.withNodes ? { kind: event.type === MAPPING ? 'map' : 'seq', start, end, nodeEnd: flow ? this.lineEnd(end) : end, items } : undefined;
		return { value, node };
	}

	/**
	 * A map's entries as `toYamlValue` makes them: `<<` merge keys applied as YAML 1.1 defines
	 * them (keys written in the map win, earlier sources win), from maps only; a repeated key is
	 * the library's (it warns of one).
	 */
	private entries(depth: number, items: PlainNode[]): YamlEntry[] {
		const keys: Read[] = [];
		const values: Read[] = [];
		let merges = false;
		while (this.events[this.next]!.type !== POP) {
			const key = this.key();
			const indicator = this.after();
			const value = this.read(depth + 1, false);
			// An empty value whose key has no `:` after it (`? a` alone, `{a}`, `{a:b}` a key of
			// its own): where the library puts it is not rebuilt here.
			if (value.empty && indicator !== 0x3a /* : */) throw new NotPlain();
			keys.push(key);
			values.push(value);
			if (key.merge) merges = true;
			if (this.withNodes) items.push(key.node!, value.node!);
		}
		repeated(keys);
		if (!merges) {
			const entries: YamlEntry[] = new Array(keys.length);
			for (let i = 0; i < keys.length; i++) entries[i] = { key: keys[i]!.text!, keyLocation: keys[i]!.value.location, value: values[i]!.value };
			return entries;
		}
		// GitHub's reader does not merge: a map with a merge key is read by the library for it.
		if (this.withNodes) throw new NotPlain();
		const explicit = new Set(keys.filter((k) => !k.merge).map((k) => k.text!));
		const entries: YamlEntry[] = [];
		const index = new Set<string>();
		for (let i = 0; i < keys.length; i++) {
			const value = values[i]!.value;
			if (keys[i]!.merge) {
				const sources = value.kind === 'seq' ? value.items : [value];
				for (const merged of sources) {
					if (merged.kind !== 'map') throw new NotPlain();
					for (const entry of merged.entries) {
						if (explicit.has(entry.key) || index.has(entry.key)) continue;
						index.add(entry.key);
						entries.push(entry);
					}
				}
				continue;
			}
			index.add(keys[i]!.text!);
			entries.push({ key: keys[i]!.text!, keyLocation: keys[i]!.value.location, value });
		}
		return entries;
	}

	/** A map's key: a scalar with text, neither an alias nor anchored (see `read`). */
	private key(): Read {
		const event = this.events[this.next]!;
		// The `yaml` library refuses an implicit key longer than 1024 characters, as YAML says.
		if (event.type !== SCALAR || event.valueStart === NONE || event.valueEnd - event.valueStart > 1000) throw new NotPlain();
		return this.read(0, true);
	}

	private scalar(event: ScalarEvent): Read {
		const text = this.text;
		if (event.valueStart === NONE) {
			// An empty value (of a map: `entries` refuses any other): where the `yaml` library puts
			// it, past the blanks after its key, the `:` and the blanks after that, on that line.
			let at = this.pastBlanks(this.cursor);
			if (text.charCodeAt(at) === 0x3a /* : */) at = this.pastBlanks(at + 1);
			const value: YamlScalar = { kind: 'scalar', value: null, location: this.locate(at) };
			return { value, node: this.withNodes ? { kind: 'scalar', value: null, source: '', start: at, end: at, nodeEnd: at } : undefined, empty: true };
		}
		const raw = getScalarValue(text, event);
		if (event.style === PLAIN) {
			const start = event.valueStart;
			const end = event.valueEnd;
			this.cursor = end;
			const value = coreScalar(raw);
			const scalar: YamlScalar = { kind: 'scalar', value, location: this.locate(start) };
			if (typeof value === 'number') scalar.source = raw;
			const node: PlainNode | undefined = this.withNodes ? { kind: 'scalar', value, source: text.slice(start, end), start, end, nodeEnd: this.lineEnd(end) } : undefined;
			return { value: scalar, node, text: raw, merge: raw === '<<' };
		}
		if (event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED) {
			const start = event.valueStart - 1;
			const end = event.valueEnd + 1;
			this.cursor = end;
			const node: PlainNode | undefined = this.withNodes ? { kind: 'scalar', value: raw, source: text.slice(start, end), start, end, nodeEnd: this.lineEnd(end) } : undefined;
			return { value: { kind: 'scalar', value: raw, location: this.locate(start) }, node, text: raw };
		}
		// A block scalar: its header is the first `|` or `>` after what was read before it (a key,
		// its anchor or tag); its lines end at the line break after the last that is not blank.
		const start = this.indicator(Math.max(this.cursor, event.anchorEnd, event.tagEnd));
		const header = /^[|>][0-9+-]*/.exec(text.slice(start, start + 4))![0];
		// An indentation indicator (`|2`): the two libraries count its lines apart.
		if (/[0-9]/.test(header)) throw new NotPlain();
		const bodyStart = text.indexOf('\n', start) + 1;
		let last = event.valueEnd;
		while (last > bodyStart && isBlank(text.charCodeAt(last - 1))) last--;
		// Kept (`+`) or empty: the offsets the `yaml` library gives it are not rebuilt here.
		if (this.withNodes && (header.includes('+') || bodyStart === 0 || last <= bodyStart)) throw new NotPlain();
		const lineBreak = text.indexOf('\n', last);
		const end = lineBreak < 0 ? text.length : lineBreak + 1;
		this.cursor = end;
		const node: PlainNode | undefined = this.withNodes ? { kind: 'scalar', value: raw, source: text.slice(bodyStart, end), header, start, end, nodeEnd: end } : undefined;
		return { value: { kind: 'scalar', value: raw, location: this.locate(start) }, node, text: raw };
	}

	/**
	 * An alias, as `toYamlValue` makes it: the anchored value, shared, named. The `yaml` library
	 * refuses a document whose aliases expand too much (`maxAliasCount`); without aliases inside
	 * an anchored value, it would only refuse more uses of one anchor than that, and so does this.
	 */
	private aliasOf(nameStart: number, nameEnd: number): Read {
		const name = this.name(nameStart, nameEnd);
		const anchor = this.anchors.get(name);
		// An alias inside a node anchored with its name is that node, not an earlier one of the name.
		if (!anchor || anchor.nested || this.building.has(name) || ++anchor.uses > this.maxAliasCount) throw new NotPlain();
		this.aliasUses++;
		this.cursor = Math.max(this.cursor, nameEnd);
		const value = { ...anchor.value, alias: name };
		// GitHub's reader gives an alias as the node it names: the same node, where the alias is written.
		const node: PlainNode | undefined = this.withNodes ? { ...anchor.node!, alias: { start: nameStart - 1, end: nameEnd, nodeEnd: this.lineEnd(nameEnd) } } : undefined;
		return { value, node };
	}

	/** An anchor's or alias's name; the `yaml` library warns of one ending in `:` (ambiguous with a key). */
	private name(start: number, end: number): string {
		if (end === start || this.text.charCodeAt(end - 1) === 0x3a /* : */) throw new NotPlain();
		return this.text.slice(start, end);
	}

	/** The closing bracket of the flow collection read: past blanks, line breaks, commas and comments. */
	private closing(bracket: number): number {
		const text = this.text;
		let at = this.cursor;
		for (;;) {
			const ch = text.charCodeAt(at);
			if (ch === bracket) return at;
			if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x2c /* , */) at++;
			else if (ch === 0x23 /* # */) {
				const eol = text.indexOf('\n', at);
				at = eol < 0 ? text.length : eol;
			} else throw new NotPlain();
		}
	}

	/**
	 * A block scalar's indicator, from `from`: past blanks, `:`, `-`, `?`, line breaks and
	 * comments (the text read before may end before a comment: a block map's last value).
	 */
	private indicator(from: number): number {
		const text = this.text;
		for (let at = from; at < text.length; at++) {
			const ch = text.charCodeAt(at);
			if (ch === 0x7c /* | */ || ch === 0x3e /* > */) return at;
			if (ch === 0x23 /* # */) {
				at = text.indexOf('\n', at);
				if (at < 0) break;
			}
		}
		throw new NotPlain();
	}

	/** The character after the text read so far, past blanks on its line. */
	private after(): number {
		return this.text.charCodeAt(this.pastBlanks(this.cursor));
	}

	/** Past spaces and tabs from `offset`. */
	private pastBlanks(offset: number): number {
		let at = offset;
		while (this.text.charCodeAt(at) === 0x20 || this.text.charCodeAt(at) === 0x09) at++;
		return at;
	}

	/** Past blanks and a comment to the end of the line, and its line break. */
	private lineEnd(offset: number): number {
		const text = this.text;
		const at = this.pastBlanks(offset);
		if (at < text.length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x23 /* # */) return offset;
		const lineBreak = text.indexOf('\n', at);
		return lineBreak < 0 ? text.length : lineBreak + 1;
	}
}

/**
 * A key written twice in one map: the `yaml` library warns of it, comparing keys as written
 * (`1` and `1.0` are two keys; two merge keys `<<` are one). Most maps are small: compared pair
 * by pair, without a set.
 */
function repeated(keys: readonly Read[]): void {
	if (keys.length > 16) {
		const seen = new Set<string>();
		for (const key of keys) {
			if (seen.has(key.text!)) throw new NotPlain();
			seen.add(key.text!);
		}
		return;
	}
	for (let i = 1; i < keys.length; i++) for (let j = 0; j < i; j++) if (keys[j]!.text === keys[i]!.text) throw new NotPlain();
}

/**
 * Two kinds of blank the `yaml` library may refuse where js-yaml reads on: a blank line with a
 * tab (after an empty value, indentation by tab), and a thousand blank characters in a row
 * (after an empty value, counted into the next key, which YAML bounds to 1024 characters).
 * Neither is in most files, and looking for them visited every character (a tenth of the
 * reading): a blank line with a tab needs a tab, which `indexOf` finds at memory speed, and a
 * run of a thousand blanks covers an offset that is 999 more than a multiple of 1000, so only
 * those offsets are looked at first.
 */
export function troubleInBlanks(text: string): boolean {
	for (let tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', tab + 1)) {
		const start = text.lastIndexOf('\n', tab) + 1;
		let end = text.indexOf('\n', tab);
		if (end < 0) end = text.length;
		if (isBlankLine(text, start, end)) return true;
		tab = end;
	}
	for (let at = BLANK_RUN - 1; at < text.length; at += BLANK_RUN) {
		if (!isBlank(text.charCodeAt(at))) continue;
		let start = at;
		while (start > 0 && isBlank(text.charCodeAt(start - 1))) start--;
		let end = at + 1;
		while (end < text.length && isBlank(text.charCodeAt(end))) end++;
		// A shorter run covers no other such offset: the next one is past it.
		if (end - start >= BLANK_RUN) return true;
	}
	return false;
}

const BLANK_RUN = 1000;

function isBlankLine(text: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const ch = text.charCodeAt(i);
		if (ch !== 0x20 && ch !== 0x09) return false;
	}
	return true;
}

function isBlank(ch: number): boolean {
	return ch === 0x20 || ch === 0x09 || ch === 0x0a;
}

// The `yaml` library's core schema, in its order (yaml/dist/schema/core): how it resolves a plain scalar.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value as the `yaml` library's core schema resolves it. */
export function coreScalar(text: string): YamlScalarValue {
	const first = text.charCodeAt(0);
	// Most plain scalars are words: none of the patterns below starts with a letter other than these.
	if (text.length > 0 && !(first <= 0x39 || first === 0x7e || first === 0x4e || first === 0x6e || first === 0x54 || first === 0x74 || first === 0x46 || first === 0x66)) return text;
	if (NULL.test(text)) return null;
	if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
	if (INT_OCT.test(text)) return parseInt(text.slice(2), 8);
	if (INT.test(text)) return parseInt(text, 10);
	if (INT_HEX.test(text)) return parseInt(text.slice(2), 16);
	if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? -Infinity : Infinity;
	if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
	return text;
}
