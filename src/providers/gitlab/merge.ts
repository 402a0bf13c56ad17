/**
 * How GitLab assembles a config before reading jobs: `include` files merged in (included
 * first, the including file on top, hashes merged deeply), then `extends` (multi-level, hashes
 * merged, everything else replaced), then `!reference [job, key]` tags. Every value keeps the
 * location it was written at, so diagnostics point into the file that holds it.
 */
import type { SourceLocation } from '../../model';
import { describeValue, entryOf, isNull, parseYaml, renderInline, scalarText, type YamlEntry, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import type { Reporter } from '../report';

export const REFERENCE_TAG = '!reference';
const MAX_ALIAS_COUNT = 1000;
const MAX_INCLUDES = 150;
const MAX_REFERENCE_DEPTH = 10;
const MAX_EXTENDS_DEPTH = 11;

/** Deep merge as GitLab does it: maps merged key by key, anything else replaced by `override`. */
export function deepMerge(base: YamlValue, override: YamlValue): YamlValue {
	if (base.kind !== 'map' || override.kind !== 'map') return override;
	const entries = [...base.entries];
	const index = new Map(entries.map((entry, i) => [entry.key, i]));
	for (const entry of override.entries) {
		const i = index.get(entry.key);
		if (i === undefined) {
			index.set(entry.key, entries.length);
			entries.push(entry);
		} else {
			entries[i] = { ...entry, value: deepMerge(entries[i]!.value, entry.value) };
		}
	}
	return { kind: 'map', entries, location: override.location };
}

export function withoutKey(map: YamlMap, key: string): YamlMap {
	return { ...map, entries: map.entries.filter((entry) => entry.key !== key) };
}

// --- include ----------------------------------------------------------------------------

export interface IncludeContext {
	report: Reporter;
	files: ReadonlyMap<string, string> | undefined;
	displayPrefix: string;
	/** Relative paths of the included local files, in inclusion order. */
	included: string[];
	/** Something could not be read (remote, project, template, component, missing file). */
	unresolved: boolean;
	count: number;
}

/** A config file's top level with its includes merged in, as GitLab builds it. */
export function expandIncludes(root: YamlMap, ctx: IncludeContext, stack: readonly string[]): YamlMap {
	const include = entryOf(root, 'include');
	const own = include ? withoutKey(root, 'include') : root;
	if (!include || isNull(include.value)) return own;
	let merged: YamlValue = { kind: 'map', entries: [], location: root.location };
	for (const item of flattenList(include.value)) {
		for (const content of readInclude(item, ctx, stack)) merged = deepMerge(merged, content);
	}
	return deepMerge(merged, own) as YamlMap;
}

function readInclude(item: YamlValue, ctx: IncludeContext, stack: readonly string[]): YamlMap[] {
	const { report } = ctx;
	if (item.kind === 'scalar') {
		const text = scalarText(item) ?? '';
		if (/^https?:\/\//i.test(text)) return remote('remote', text, item.location, ctx);
		return local(text, item.location, ctx, stack);
	}
	if (item.kind !== 'map') {
		report.error('invalid-type', `An \`include\` item must be a path or a map (\`local:\`, \`project:\`...), not ${describeValue(item)}`, item.location);
		return [];
	}
	checkKeys(item, 'include', report);
	const text = (key: string) => scalarText(entryOf(item, key)?.value);
	if (entryOf(item, 'local')) return local(text('local') ?? '', item.location, ctx, stack);
	if (entryOf(item, 'remote')) return remote('remote', text('remote') ?? '', item.location, ctx);
	if (entryOf(item, 'template')) return remote('template', text('template') ?? '', item.location, ctx);
	if (entryOf(item, 'component')) return remote('component', text('component') ?? '', item.location, ctx);
	if (entryOf(item, 'project')) {
		const file = entryOf(item, 'file')?.value;
		const files = file ? flattenList(file).map((f) => renderInline(f)) : [];
		const ref = text('ref');
		return remote('project', `${text('project') ?? ''}${ref ? `@${ref}` : ''}${files.length ? ` (${files.join(', ')})` : ''}`, item.location, ctx);
	}
	report.error('invalid-include', 'An `include` item needs one of `local`, `remote`, `template`, `project` or `component`', item.location);
	return [];
}

function remote(kind: string, name: string, location: SourceLocation, ctx: IncludeContext): YamlMap[] {
	ctx.unresolved = true;
	ctx.report.info(
		'include-unresolved',
		`Included ${kind === 'remote' ? 'remote file' : kind} \`${name}\` is not read by Pipeline Atlas: jobs, templates and variables it defines are missing from the pages`,
		location,
		kind === 'remote' || kind === 'project' ? 'Save a copy of it in the pipeline folder and include it with `include: local:` to document it.' : undefined,
	);
	return [];
}

function local(path: string, location: SourceLocation, ctx: IncludeContext, stack: readonly string[]): YamlMap[] {
	const { report } = ctx;
	const wanted = path.trim().replace(/^\.?\//, '');
	if (!ctx.files) {
		ctx.unresolved = true;
		report.info('include-unresolved', `Included local file \`${path}\` was not handed to Pipeline Atlas: what it defines is missing from the pages`, location);
		return [];
	}
	const matches = wanted.includes('*') ? [...ctx.files.keys()].filter((key) => globRegex(wanted).test(key)).sort() : ctx.files.has(wanted) ? [wanted] : [];
	if (matches.length === 0) {
		ctx.unresolved = true;
		report.warning('include-not-found', `Included local file \`${path}\` is not in the pipeline folder: what it defines is missing from the pages`, location, 'Copy the file into the pipeline folder at the same path as in the repository.');
		return [];
	}
	const results: YamlMap[] = [];
	for (const relative of matches) {
		if (stack.includes(relative)) {
			report.warning('include-cycle', `\`${relative}\` includes itself (through ${[...stack, relative].join(' -> ')}); the repeated include is skipped`, location);
			continue;
		}
		if (++ctx.count > MAX_INCLUDES) {
			report.error('include-limit', `More than ${MAX_INCLUDES} files are included; the rest are skipped`, location);
			ctx.unresolved = true;
			return results;
		}
		if (!ctx.included.includes(relative)) ctx.included.push(relative);
		const display = ctx.displayPrefix + relative;
		const parsed = parseYaml({ path: display, text: ctx.files.get(relative) ?? '' }, { maxAliasCount: MAX_ALIAS_COUNT, customTags: [REFERENCE_TAG] });
		for (const d of parsed.diagnostics) report.add(d.severity, d.code, d.message, d.location, d.hint);
		const document = parsed.documents.find((doc) => !(doc.root?.kind === 'map' && entryOf(doc.root, 'spec') && doc.root.entries.length === 1)) ?? parsed.documents[0];
		if (!document || document.broken || !document.root) {
			if (document?.broken) ctx.unresolved = true;
			continue;
		}
		if (document.root.kind !== 'map') {
			report.error('invalid-type', `An included file must be a map of jobs and keywords, not ${describeValue(document.root)}`, document.root.location);
			continue;
		}
		results.push(expandIncludes(document.root, ctx, [...stack, relative]));
	}
	return results;
}

function globRegex(glob: string): RegExp {
	const source = glob
		.split(/(\*\*|\*)/)
		.map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`);
}

/** A value as a list, nested lists flattened (GitLab flattens what `!reference` splices in). */
export function flattenList(value: YamlValue | undefined, depth = 0): YamlValue[] {
	if (isNull(value)) return [];
	if (value.kind !== 'seq') return [value];
	return value.items.flatMap((item) => (item.kind === 'seq' && depth < MAX_REFERENCE_DEPTH ? flattenList(item, depth + 1) : [item]));
}

// --- extends ----------------------------------------------------------------------------

export interface ExtendsResult {
	/** Top-level entries with `extends` applied (hidden jobs too), in config order. */
	entries: YamlEntry[];
	/** Names used as an `extends` parent: templates whose keys are checked as job keys. */
	templates: Set<string>;
}

export function applyExtends(config: YamlMap, report: Reporter, unresolved: boolean): ExtendsResult {
	const byName = new Map(config.entries.map((entry) => [entry.key, entry]));
	const resolved = new Map<string, YamlValue>();
	const templates = new Set<string>();
	const resolving: string[] = [];

	const resolve = (name: string): YamlValue => {
		const entry = byName.get(name)!;
		const done = resolved.get(name);
		if (done) return done;
		const body = entry.value;
		const extendsEntry = entryOf(body, 'extends');
		if (body.kind !== 'map' || !extendsEntry) return body;
		resolving.push(name);
		let merged: YamlValue = { kind: 'map', entries: [], location: body.location };
		for (const parentValue of flattenList(extendsEntry.value)) {
			const parent = scalarText(parentValue);
			if (parent === undefined) {
				report.error('invalid-type', `\`extends\` names jobs or templates, not ${describeValue(parentValue)}`, parentValue.location);
				continue;
			}
			const target = byName.get(parent);
			if (!target || target.value.kind !== 'map') {
				unknownName(report, unresolved, 'unknown-extends', `\`${name}\` extends \`${parent}\`, which the config does not define`, parentValue.location);
				continue;
			}
			if (resolving.includes(parent)) {
				report.error('extends-cycle', `\`extends\` loops: ${[...resolving, parent].join(' -> ')}`, parentValue.location, 'Remove one of the `extends` so the chain ends.');
				continue;
			}
			if (resolving.length >= MAX_EXTENDS_DEPTH) {
				report.error('extends-depth', `\`extends\` nests more than ${MAX_EXTENDS_DEPTH} levels deep`, parentValue.location);
				continue;
			}
			templates.add(parent);
			merged = deepMerge(merged, resolve(parent));
		}
		resolving.pop();
		const result = deepMerge(merged, withoutKey(body, 'extends'));
		resolved.set(name, result);
		return result;
	};

	const entries = config.entries.map((entry) => (entry.value.kind === 'map' ? { ...entry, value: resolve(entry.key) } : entry));
	return { entries, templates };
}

/** A name the config refers to but does not define: an error, unless part of the config could not be read. */
export function unknownName(report: Reporter, unresolved: boolean, code: string, message: string, location: SourceLocation): void {
	if (unresolved) report.info(code, `${message} (it may come from an include Pipeline Atlas could not read)`, location);
	else report.error(code, message, location);
}

// --- !reference -------------------------------------------------------------------------

/** Replaces every `!reference [job, key, ...]` with the value it points at. */
export function resolveReferences(entries: YamlEntry[], report: Reporter, unresolved: boolean): YamlEntry[] {
	const byName = new Map(entries.map((entry) => [entry.key, entry.value]));
	const lookup = (path: string[]): YamlValue | undefined => {
		let value = byName.get(path[0]!);
		for (const key of path.slice(1)) value = entryOf(value, key)?.value;
		return value;
	};
	const walk = (value: YamlValue, depth: number): YamlValue => {
		if (value.tag === REFERENCE_TAG && value.kind === 'seq') {
			const path = value.items.map((item) => scalarText(item) ?? '');
			const target = path.length > 0 ? lookup(path) : undefined;
			if (target === undefined) {
				unknownName(report, unresolved, 'unknown-reference', `\`!reference [${path.join(', ')}]\` points at nothing the config defines`, value.location);
				return { kind: 'scalar', value: null, location: value.location };
			}
			if (depth >= MAX_REFERENCE_DEPTH) {
				report.error('reference-depth', `\`!reference\` tags nest more than ${MAX_REFERENCE_DEPTH} levels deep`, value.location);
				return { kind: 'scalar', value: null, location: value.location };
			}
			return walk(target, depth + 1);
		}
		if (!hasReference(value)) return value;
		if (value.kind === 'seq') return { ...value, items: value.items.map((item) => walk(item, depth)) };
		if (value.kind === 'map') return { ...value, entries: value.entries.map((entry) => ({ ...entry, value: walk(entry.value, depth) })) };
		return value;
	};
	return entries.map((entry) => ({ ...entry, value: walk(entry.value, 0) }));
}

const referenceCache = new WeakMap<YamlValue, boolean>();
function hasReference(value: YamlValue): boolean {
	if (value.tag === REFERENCE_TAG) return true;
	if (value.kind === 'scalar') return false;
	const cached = referenceCache.get(value);
	if (cached !== undefined) return cached;
	const found = value.kind === 'seq' ? value.items.some(hasReference) : value.entries.some((entry) => hasReference(entry.value));
	referenceCache.set(value, found);
	return found;
}
