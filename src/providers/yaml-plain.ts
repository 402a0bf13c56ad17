/**
 * The quick path of `parseYaml`: a well-formed file without directives, repeated keys or tags
 * (but the CI's own sequence tags, GitLab's `!reference`), read by `js-yaml` in about a quarter
 * of the `yaml` library's time, the located tree included. Anchors, aliases and `<<` merge
 * keys are read as `toYamlValue` reads them, when no anchored value holds an alias (the `yaml`
 * library's expansion limit is then simple to keep) and no key is anchored or an alias; for
 * GitHub's parser, an alias is the node it names, as GitHub's own reader gives it.
 *
 * `js-yaml` keeps no positions, but it tells a listener where each node's reading opens and
 * closes. The located tree is rebuilt from those events, and every value is resolved by the
 * `yaml` library's own rules (YAML 1.2 core schema: `js-yaml` reads every scalar as text here).
 * Anything else returns undefined, and the `yaml` library reads the file as before, with its
 * diagnostics: this path has none to give. A test holds both paths to the same trees over the
 * corpus (test/providers/yaml-plain.test.ts).
 */
import { FAILSAFE_SCHEMA, loadAll, Type, type Schema, type State } from 'js-yaml';
import type { SourceLocation } from '../model';
import { locator } from './locator';
import type { YamlDocument, YamlEntry, YamlScalar, YamlScalarValue, YamlValue } from './yaml';

/** What the listener sees of js-yaml's state beyond its published type. */
interface ReaderState extends State {
	tag: string | null;
}

/** One node's reading, as the listener saw it open and close. */
interface Frame {
	open: number;
	close: number;
	children: Frame[];
	kind: string | null;
	result: unknown;
	/** `?` for a plain scalar (to resolve), null for a quoted or block one, anything else a tag. */
	tag: string | null;
}

/** The quick path gave up: the `yaml` library reads the file. */
class NotPlain extends Error {}

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
	// left in the text: js-yaml drops one at the start, which would shift every offset.
	if (/^%/m.test(text) || text.includes('\uFEFF') || troubleInBlanks(text)) return undefined;
	const roots: Frame[] = [];
	const stack: Frame[] = [];
	const listener = (event: 'open' | 'close', state: State) => {
		if (event === 'open') {
			stack.push({ open: state.position, close: 0, children: NO_FRAMES, kind: null, result: null, tag: null });
			return;
		}
		const frame = stack.pop()!;
		// js-yaml reads the text with a line break added at its end when it has none.
		frame.close = Math.min(state.position, text.length);
		frame.kind = state.kind;
		frame.result = state.result;
		frame.tag = (state as ReaderState).tag;
		if (stack.length === 0) roots.push(frame);
		else {
			// Most nodes are scalars, with nothing read inside: their list is made on the first child.
			const parent = stack[stack.length - 1]!;
			if (parent.children === NO_FRAMES) parent.children = [frame];
			else parent.children.push(frame);
		}
	};
	try {
		// The failsafe schema leaves every scalar as text; `json: false` refuses repeated keys.
		loadAll(text, undefined, { schema: schemaWith(customTags), json: false, listener, maxDepth: maxDepth + 1 } as Parameters<typeof loadAll>[2]);
	} catch {
		return undefined;
	}
	try {
		const builder = new Builder(text, locator(file, text), customTags, maxAliasCount);
		const documents: YamlDocument[] = [];
		const nodes: PlainNode[] = [];
		for (const root of roots) {
			const value = builder.value(root);
			if (value.kind === 'scalar' && value.value === null) continue;
			documents.push({ root: value, location: value.location, broken: false });
			if (withNodes) nodes.push(builder.node(root));
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

class Builder {
	constructor(
		private readonly text: string,
		readonly locate: (offset: number) => SourceLocation,
		private readonly customTags: readonly string[],
		private readonly maxAliasCount: number,
	) {}

	/** Anchored values read so far, by name (a later anchor of the same name replaces one). */
	private readonly anchors = new Map<string, { value: YamlValue; uses: number; nested: boolean }>();
	/** Anchors whose value is being read: an alias to one of them is inside it. */
	private readonly building = new Set<string>();
	private aliasUses = 0;

	/**
	 * `key`: the frame is a map's key. `toYamlValue` keeps no anchor of a key (an alias to one is
	 * empty there): an anchored key is the library's.
	 */
	value(frame: Frame, key = false): YamlValue {
		const head = this.head(frame);
		if (key && head.anchor !== undefined) throw new NotPlain();
		if (head.alias !== undefined) return this.aliasOf(head.alias);
		const anchor = ownAnchor(frame, head);
		if (anchor === undefined) return this.build(frame, head.at);
		if (frame.kind === null || this.building.has(anchor)) throw new NotPlain();
		this.building.add(anchor);
		const before = this.aliasUses;
		const value = this.build(frame, head.at);
		this.building.delete(anchor);
		this.anchors.set(anchor, { value, uses: 0, nested: this.aliasUses > before });
		return value;
	}

	/**
	 * An alias, as `toYamlValue` makes it: the anchored value, shared, named. The `yaml` library
	 * refuses a document whose aliases expand too much (`maxAliasCount`); without aliases inside
	 * an anchored value, it would only refuse more uses of one anchor than that, and so does this.
	 */
	aliasOf(name: string): YamlValue {
		const anchor = this.anchors.get(name);
		if (!anchor || anchor.nested || ++anchor.uses > this.maxAliasCount) throw new NotPlain();
		this.aliasUses++;
		return { ...anchor.value, alias: name };
	}

	build(frame: Frame, at: number): YamlValue {
		// Looking for a block map's first key, js-yaml may read a node inside this one: nothing
		// (then it read this node itself), or a node that turned out not to be a key: this node.
		const read = readInside(frame);
		if (frame.kind !== null && read !== undefined && read !== MANY && read.result === frame.result) {
			const inner = this.value(read);
			// A tag on a line of its own is this node's, the collection read inside it has none.
			if (frame.tag === null || frame.tag === '?') return inner;
			if (inner.kind !== 'seq' || !this.customTags.includes(frame.tag)) throw new NotPlain();
			return { ...inner, tag: frame.tag };
		}
		if (frame.kind !== 'mapping' && frame.kind !== 'sequence' && read !== undefined) throw new NotPlain();
		this.checkIndented(at, frame.close);
		const location = this.locate(at);
		const custom = frame.kind === 'sequence' && frame.tag !== null && this.customTags.includes(frame.tag);
		if (frame.tag !== null && frame.tag !== '?' && !custom) throw new NotPlain();
		if (frame.kind === 'mapping') return { kind: 'map', entries: this.entries(frame), location };
		if (frame.kind === 'sequence') {
			if (frame.children.length !== (frame.result as unknown[]).length) throw new NotPlain();
			const items = frame.children.map((child) => this.value(child));
			return custom ? { kind: 'seq', items, location, tag: frame.tag! } : { kind: 'seq', items, location };
		}
		if (frame.kind === null) return { kind: 'scalar', value: null, location };
		if (typeof frame.result !== 'string') throw new NotPlain();
		if (frame.tag === null) return { kind: 'scalar', value: frame.result, location };
		const value = coreScalar(frame.result);
		const scalar: YamlScalar = { kind: 'scalar', value, location };
		if (typeof value === 'number') scalar.source = frame.result;
		return scalar;
	}

	/**
	 * A map's entries as `toYamlValue` makes them: `<<` merge keys applied as YAML 1.1 defines
	 * them (keys written in the map win, earlier sources win), from maps only.
	 */
	entries(frame: Frame): YamlEntry[] {
		const children = frame.children;
		let count = children.length;
		// The key the mapping's loop tried to read after its last entry, and found nothing.
		if (count % 2 === 1 && children[count - 1]!.kind === null) count--;
		if (count !== 2 * ownKeys(frame.result as object)) throw new NotPlain();
		let plainKeys = true;
		for (let i = 0; i < count && plainKeys; i += 2) plainKeys = typeof children[i]!.result === 'string' && !isMergeKey(children[i]!);
		if (plainKeys) {
			// Most maps: keys that are text, no merge key. Their texts are js-yaml's keys, which it
			// has checked are not repeated (the count above, and each pair checked against its map:
			// see pairedAsRead); keys hold no anchor, so reading each key beside its value reads the
			// anchors in the same order.
			const entries: YamlEntry[] = [];
			for (let i = 0; i < count; i += 2) {
				pairedAsRead(frame, children[i]!, children[i + 1]!);
				const key = this.key(children[i]!);
				entries.push({ key: children[i]!.result as string, keyLocation: key.location, value: this.value(children[i + 1]!) });
			}
			return entries;
		}
		const keys: YamlScalar[] = [];
		const texts: string[] = [];
		let merges = false;
		for (let i = 0; i < count; i += 2) {
			pairedAsRead(frame, children[i]!, children[i + 1]!);
			const key = this.key(children[i]!);
			keys.push(key);
			// A key is named as written (`1.0`, not 1), as `toYamlValue` names it: the failsafe schema's text.
			const result = children[i]!.result;
			texts.push(typeof result === 'string' ? result : String(key.value ?? ''));
			if (isMergeKey(children[i]!)) merges = true;
		}
		// A repeated key is warned of by the `yaml` library's reading.
		const explicit = new Set<string>();
		for (const [n, text] of texts.entries()) {
			if (merges && isMergeKey(children[2 * n]!)) continue;
			if (explicit.has(text)) throw new NotPlain();
			explicit.add(text);
		}
		const entries: YamlEntry[] = [];
		const index = new Set<string>();
		for (const [n, key] of keys.entries()) {
			const value = this.value(children[2 * n + 1]!);
			if (merges && isMergeKey(children[2 * n]!)) {
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
			const text = texts[n]!;
			index.add(text);
			entries.push({ key: text, keyLocation: key.location, value });
		}
		return entries;
	}

	/** A map's key: a scalar, neither an alias nor anchored. */
	key(frame: Frame): YamlScalar {
		// The `yaml` library refuses an implicit key longer than 1024 characters, as YAML says.
		if (frame.close - frame.open > 1000) throw new NotPlain();
		const key = this.value(frame, true);
		if (key.kind !== 'scalar' || key.alias !== undefined) throw new NotPlain();
		return key;
	}

	/**
	 * A flow collection or quoted scalar on several lines: the `yaml` library wants every line
	 * after the first indented more than the block it is in (the first line's indentation), but
	 * a closing bracket, which may be level with it; js-yaml reads it less strictly, and the
	 * `yaml` library reports it.
	 */
	checkIndented(at: number, close: number): void {
		const text = this.text;
		const first = text.charCodeAt(at);
		if (first !== 0x5b /* [ */ && first !== 0x7b /* { */ && first !== 0x22 /* " */ && first !== 0x27 /* ' */) return;
		let lineBreak = text.indexOf('\n', at);
		if (lineBreak < 0 || lineBreak >= close) return;
		const lineStart = text.lastIndexOf('\n', at) + 1;
		let indent = 0;
		while (text.charCodeAt(lineStart + indent) === 0x20) indent++;
		for (; lineBreak >= 0 && lineBreak < close; lineBreak = text.indexOf('\n', lineBreak + 1)) {
			let next = lineBreak + 1;
			while (text.charCodeAt(next) === 0x20) next++;
			const ch = text.charCodeAt(next);
			const closing = (ch === 0x5d /* ] */ || ch === 0x7d) /* } */ && first !== 0x22 && first !== 0x27;
			if (next < close && ch !== 0x0a && next - lineBreak - 1 < (closing ? indent : indent + 1)) throw new NotPlain();
		}
	}

	/**
	 * Where a node starts: where its reading opened, past blanks, line breaks, comments, its
	 * anchor and a custom tag; and the alias it is. Any other tag is for the `yaml` library. A
	 * node with nothing in it (an empty value) is where the `yaml` library puts it: past the
	 * blanks on its line.
	 */
	head(frame: Frame): { at: number; anchor?: string; anchorAt?: number; alias?: string } {
		const text = this.text;
		let at = frame.open;
		let anchor: string | undefined;
		let anchorAt: number | undefined;
		for (;;) {
			const ch = text.charCodeAt(at);
			if (ch === 0x20 || ch === 0x09 || ch === 0x0a) at++;
			else if (ch === 0x23 /* # */) {
				const eol = text.indexOf('\n', at);
				at = eol < 0 ? text.length : eol;
			} else if (ch === 0x21 /* ! */ && frame.tag !== null && text.startsWith(frame.tag, at) && this.customTags.includes(frame.tag)) {
				at += frame.tag.length;
			} else if (ch === 0x26 /* & */ && anchor === undefined) {
				anchorAt = at;
				anchor = nameAt(text, at + 1);
				at += 1 + anchor.length;
			} else break;
		}
		const ch = text.charCodeAt(at);
		if (ch === 0x2a /* * */) {
			// A list item `- *name`: js-yaml reads the alias again inside it, trying it as a map's
			// first key, and finds no map (the item has no kind, its one child neither). An alias
			// that is a key (`*name : value`) makes the item a map: the library's.
			const children = frame.children;
			const retried = children.length === 0 || (children.length === 1 && children[0]!.kind === null && children[0]!.open === at);
			if (anchor !== undefined || frame.kind !== null || !retried) throw new NotPlain();
			return { at, alias: nameAt(text, at + 1) };
		}
		if (ch === 0x26 /* & */ || ch === 0x21 /* ! */) throw new NotPlain();
		if (frame.kind !== null) return anchor === undefined ? { at } : { at, anchor, anchorAt: anchorAt! };
		let blank = frame.open;
		while (text.charCodeAt(blank) === 0x20 || text.charCodeAt(blank) === 0x09) blank++;
		return anchor === undefined ? { at: blank } : { at: blank, anchor, anchorAt: anchorAt! };
	}

	/**
	 * A node with the offsets the `yaml` library gives it. Called after `value` read the same
	 * frame, so what that refuses is refused already; the few shapes whose offsets are not
	 * rebuilt here (a block scalar kept with `+` or empty) are refused too.
	 */
	node(frame: Frame): PlainNode {
		const head = this.head(frame);
		// GitHub's reader gives an alias as the node it names (which `value` made sure holds no
		// alias): the same node, where the alias is written.
		if (head.alias !== undefined) {
			const anchored = this.nodeAnchors.get(head.alias);
			if (!anchored) throw new NotPlain();
			const end = head.at + 1 + head.alias.length;
			return { ...anchored, alias: { start: head.at, end, nodeEnd: this.lineEnd(end) } };
		}
		const anchor = ownAnchor(frame, head);
		const node = this.unanchoredNode(frame, head.at);
		if (anchor !== undefined) this.nodeAnchors.set(anchor, node);
		return node;
	}

	/** Nodes of the anchors read so far, by name, as `anchors` holds their values. */
	private readonly nodeAnchors = new Map<string, PlainNode>();

	private unanchoredNode(frame: Frame, start: number): PlainNode {
		const read = readInside(frame);
		if (frame.kind !== null && read !== undefined && read !== MANY && read.result === frame.result) {
			if (frame.tag !== null && frame.tag !== '?') throw new NotPlain();
			return this.node(read);
		}
		const text = this.text;
		if (frame.kind === 'mapping' || frame.kind === 'sequence') {
			const children = frame.kind === 'mapping' && frame.children.length % 2 === 1 ? frame.children.slice(0, -1) : frame.children;
			if (frame.kind === 'mapping' && children.some((child, i) => i % 2 === 0 && isMergeKey(child))) throw new NotPlain();
			const items = children.map((child) => this.node(child));
			const flow = text.charCodeAt(start) === 0x5b /* [ */ || text.charCodeAt(start) === 0x7b /* { */;
			// A flow collection ends at its bracket; a block one where its last item does (an
			// alias where it is written).
			const last = items[items.length - 1];
			const end = flow ? frame.close : ((last?.alias ?? last)?.nodeEnd ?? start);
			return { kind: frame.kind === 'mapping' ? 'map' : 'seq', start, end, nodeEnd: flow ? this.lineEnd(end) : end, items };
		}
		if (frame.kind === null) return { kind: 'scalar', value: null, source: '', start, end: start, nodeEnd: start };
		const first = text.charCodeAt(start);
		if (frame.tag === '?') {
			let end = frame.close;
			while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
			return { kind: 'scalar', value: coreScalar(frame.result as string), source: text.slice(start, end), start, end, nodeEnd: this.lineEnd(end) };
		}
		if (first === 0x7c /* | */ || first === 0x3e /* > */) {
			const header = /^[|>][0-9+-]*/.exec(text.slice(start, start + 4))![0];
			const bodyStart = text.indexOf('\n', start) + 1;
			let last = frame.close;
			while (last > bodyStart && isBlank(text.charCodeAt(last - 1))) last--;
			if (header.includes('+') || bodyStart === 0 || last <= bodyStart) throw new NotPlain();
			const lineBreak = text.indexOf('\n', last);
			const end = lineBreak < 0 ? text.length : lineBreak + 1;
			return { kind: 'scalar', value: frame.result as string, source: text.slice(bodyStart, end), header, start, end, nodeEnd: end };
		}
		return { kind: 'scalar', value: frame.result as string, source: text.slice(start, frame.close), start, end: frame.close, nodeEnd: this.lineEnd(frame.close) };
	}

	/** Past blanks and a comment to the end of the line, and its line break. */
	lineEnd(offset: number): number {
		const text = this.text;
		let at = offset;
		while (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09) at++;
		if (at < text.length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x23 /* # */) return offset;
		const lineBreak = text.indexOf('\n', at);
		return lineBreak < 0 ? text.length : lineBreak + 1;
	}
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

const schemas = new Map<string, Schema>();

/** The failsafe schema, with the custom tags as sequence types (js-yaml refuses unknown tags). */
function schemaWith(customTags: readonly string[]): Schema {
	const key = customTags.join('\n');
	let schema = schemas.get(key);
	if (!schema) {
		schema = customTags.length === 0 ? FAILSAFE_SCHEMA : FAILSAFE_SCHEMA.extend(customTags.map((tag) => new Type(tag, { kind: 'sequence' })));
		schemas.set(key, schema);
	}
	return schema;
}

/**
 * The anchor a frame's node has: the one its head holds, unless js-yaml read it again inside
 * the frame, trying it as a map's first key: then the node read inside is the anchored one
 * (see Builder.build).
 */
function ownAnchor(frame: Frame, head: { anchor?: string; anchorAt?: number }): string | undefined {
	// Most nodes have no anchor: nothing to look for inside.
	if (head.anchor === undefined) return undefined;
	const inner = frame.children.find((child) => child.kind !== null);
	return inner && head.anchorAt !== undefined && inner.open <= head.anchorAt ? undefined : head.anchor;
}

/**
 * The children of every frame with nothing read inside, shared: a list of its own is made
 * only for a node that has children, by the listener, the one place that adds children.
 */
const NO_FRAMES: Frame[] = [];

/** More than one node was read inside a frame. */
const MANY: Frame = { open: 0, close: 0, children: NO_FRAMES, kind: null, result: null, tag: null };

/** The one node read inside a frame (of those js-yaml tried, one with a kind), MANY, or undefined for none. */
function readInside(frame: Frame): Frame | undefined {
	let found: Frame | undefined;
	for (const child of frame.children) {
		if (child.kind === null) continue;
		if (found !== undefined) return MANY;
		found = child;
	}
	return found;
}

/**
 * A map's frames are read two by two as key and value, but an explicit key without a value
 * (`? a`) has no frame for it, and the frame js-yaml opens looking for one more key can make
 * the count come out even again (`? a` `? b` `: c` `---`: `a` was given `b` for its value, and
 * `c` became a key). A pair is the map's only if js-yaml gave that key that value (it stores
 * each value as read, the same object); else the `yaml` library reads the file.
 */
function pairedAsRead(map: Frame, key: Frame, value: Frame): void {
	// js-yaml names a key by String() of what it read: an empty key is `null`.
	const name = typeof key.result === 'string' ? key.result : String(key.result);
	if (!Object.hasOwn(map.result as object, name) || (map.result as Record<string, unknown>)[name] !== value.result) throw new NotPlain();
}

/** How many own keys js-yaml gave a map, without the array `Object.keys` makes. */
function ownKeys(result: object): number {
	let n = 0;
	// js-yaml's maps are plain objects: nothing enumerable is inherited.
	for (const _ in result) n++;
	return n;
}

/** A plain `<<` key: YAML 1.1's merge key, as the `yaml` library reads it with `merge: true`. */
function isMergeKey(frame: Frame): boolean {
	return frame.tag === '?' && frame.result === '<<';
}

/** An anchor's or alias's name at `at`: up to a blank or a flow indicator, as both libraries read it. */
function nameAt(text: string, at: number): string {
	let end = at;
	while (end < text.length && !/[\s,[\]{}]/.test(text[end]!)) end++;
	// The `yaml` library warns of a name ending in `:` (ambiguous with a key).
	if (end === at || text[end - 1] === ':') throw new NotPlain();
	return text.slice(at, end);
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
