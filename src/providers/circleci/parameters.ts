/**
 * CircleCI 2.1 parameters: declarations (pipeline, job, command, executor), binding the
 * arguments of one invocation, and `<< parameters.x >>` / `<< matrix.x >>` substitution.
 *
 * `<< pipeline.* >>` values are never substituted: they are only known when a pipeline runs,
 * so the pages show them as written.
 */
import type { Parameter, SourceLocation } from '../../model';
import { isNull, renderInline, renderText, scalarText, valueOf, type YamlEntry, type YamlMap, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import type { Reporter } from '../report';

export const PARAMETER_TYPES = ['string', 'boolean', 'integer', 'enum', 'executor', 'steps', 'env_var_name'] as const;
const PIPELINE_PARAMETER_TYPES = new Set(['string', 'boolean', 'integer', 'enum']);

export interface ParameterDecl {
	name: string;
	type: string;
	default?: YamlValue;
	enum?: string[];
	description?: string;
	location: SourceLocation;
}

export type Bindings = ReadonlyMap<string, YamlValue>;

/** Reads a `parameters:` declaration map. Problems are reported; what is usable is kept. */
export function readParameterDecls(value: YamlValue | undefined, report: Reporter, pipeline = false): ParameterDecl[] {
	if (isNull(value)) return [];
	if (value.kind !== 'map') {
		report.error('invalid-type', '`parameters` must be a map of parameter names to their declarations', value.location);
		return [];
	}
	const decls: ParameterDecl[] = [];
	for (const entry of value.entries) {
		const spec = entry.value;
		if (spec.kind !== 'map') {
			report.error('invalid-type', `Parameter \`${entry.key}\` must be a map with at least a \`type\``, entry.keyLocation);
			continue;
		}
		checkKeys(spec, 'parameter', report);
		const type = scalarText(valueOf(spec, 'type'));
		const allowed = pipeline ? PIPELINE_PARAMETER_TYPES : new Set<string>(PARAMETER_TYPES);
		if (type === undefined) {
			report.error('missing-key', `Parameter \`${entry.key}\` has no \`type\``, entry.keyLocation, `Add \`type:\` (one of ${[...allowed].join(', ')}).`);
		} else if (!allowed.has(type)) {
			report.error('invalid-value', `Parameter \`${entry.key}\` has type \`${type}\`, which CircleCI does not know here`, valueOf(spec, 'type')!.location, `Use one of ${[...allowed].join(', ')}.`);
		}
		const enumValue = valueOf(spec, 'enum');
		const decl: ParameterDecl = { name: entry.key, type: type ?? 'string', location: entry.keyLocation };
		const defaultValue = valueOf(spec, 'default');
		if (defaultValue !== undefined) decl.default = defaultValue;
		const description = scalarText(valueOf(spec, 'description'));
		if (description !== undefined) decl.description = description;
		if (enumValue?.kind === 'seq') decl.enum = enumValue.items.map((item) => renderInline(item));
		if (type === 'enum' && !decl.enum) report.error('missing-key', `Enum parameter \`${entry.key}\` has no \`enum\` list of allowed values`, entry.keyLocation);
		if (pipeline && defaultValue === undefined) {
			report.error('missing-key', `Pipeline parameter \`${entry.key}\` has no \`default\`; CircleCI requires one`, entry.keyLocation);
		}
		decls.push(decl);
	}
	return decls;
}

/** The model's view of a declaration: defaults as text. */
export function toParameter(decl: ParameterDecl): Parameter {
	const parameter: Parameter = { name: decl.name, type: decl.type, location: decl.location };
	if (decl.description !== undefined) parameter.description = decl.description;
	if (decl.default !== undefined) parameter.default = renderText(decl.default);
	if (decl.enum) parameter.enum = decl.enum;
	return parameter;
}

export interface BindOptions {
	/** What is invoked, for messages (`command \`setup\``). */
	target: string;
	/** Where it is invoked. */
	location: SourceLocation;
	/** Keys of the invocation that are not arguments (`name`, `requires`...). */
	reserved?: ReadonlySet<string>;
	/** Report parameters that have no value (a real invocation; a job shown on its own page is not). */
	requireAll: boolean;
}

/**
 * Binds one invocation: each declared parameter gets its argument or its default. Unknown
 * arguments, missing required ones and values outside an enum are what CircleCI rejects.
 */
export function bindArguments(decls: readonly ParameterDecl[], args: YamlValue | undefined, report: Reporter, options: BindOptions): Map<string, YamlValue> {
	const bindings = new Map<string, YamlValue>();
	const given = args?.kind === 'map' ? args : undefined;
	const declared = new Map(decls.map((decl) => [decl.name, decl]));
	for (const entry of given?.entries ?? []) {
		if (options.reserved?.has(entry.key)) continue;
		const decl = declared.get(entry.key);
		if (!decl) {
			report.error(
				'unknown-argument',
				`${capitalise(options.target)} has no parameter \`${entry.key}\``,
				entry.keyLocation,
				decls.length > 0 ? `Its parameters: ${decls.map((d) => `\`${d.name}\``).join(', ')}.` : 'It declares no parameters.',
			);
			continue;
		}
		checkEnum(decl, entry.value, report);
		bindings.set(entry.key, entry.value);
	}
	for (const decl of decls) {
		if (bindings.has(decl.name)) continue;
		if (decl.default !== undefined) {
			bindings.set(decl.name, decl.default);
		} else if (options.requireAll) {
			report.error('missing-argument', `${capitalise(options.target)} needs a value for parameter \`${decl.name}\` (it has no default)`, options.location);
		}
	}
	return bindings;
}

function checkEnum(decl: ParameterDecl, value: YamlValue, report: Reporter): void {
	if (decl.type !== 'enum' || !decl.enum || value.kind !== 'scalar') return;
	const text = scalarText(value) ?? '';
	if (REFERENCE.test(text)) return;
	if (!decl.enum.includes(text)) {
		report.error('invalid-value', `\`${text}\` is not an allowed value of parameter \`${decl.name}\``, value.location, `Allowed: ${decl.enum.join(', ')}.`);
	}
}

const REFERENCE = /<<\s*[\w.-]+\s*>>/;

/** A value that is one reference, and references inside text, per namespace; built once. */
const NAMESPACE_REFERENCE = {
	parameters: { whole: /^\s*<<\s*parameters\.([\w-]+)\s*>>\s*$/, inline: /<<\s*parameters\.([\w-]+)\s*>>/g },
	matrix: { whole: /^\s*<<\s*matrix\.([\w-]+)\s*>>\s*$/, inline: /<<\s*matrix\.([\w-]+)\s*>>/g },
} as const;

/**
 * Replaces `<< <namespace>.name >>` in every string of `value`. A string that is exactly one
 * reference takes the bound value whole (a list of steps, a map, a boolean); references
 * inside longer text are replaced by the value's text. Unbound names stay as written, so
 * a job shown without its arguments keeps `<< parameters.x >>` visible. Substituted text
 * is not scanned again.
 */
export function substitute(
	value: YamlValue,
	namespace: 'parameters' | 'matrix',
	bindings: Bindings,
	onUndeclared?: (name: string, location: SourceLocation) => void,
): YamlValue {
	const { whole, inline } = NAMESPACE_REFERENCE[namespace];
	const replaceText = (text: string, location: SourceLocation) =>
		text.replace(inline, (reference, name: string) => {
			const bound = bindings.get(name);
			if (bound === undefined) {
				onUndeclared?.(name, location);
				return reference;
			}
			return bound.kind === 'scalar' ? scalarText(bound) ?? '' : renderInline(bound);
		});

	const walk = (node: YamlValue): YamlValue => {
		switch (node.kind) {
			case 'scalar': {
				if (typeof node.value !== 'string' || !node.value.includes('<<')) return node;
				const single = whole.exec(node.value);
				if (single) {
					const bound = bindings.get(single[1]!);
					if (bound !== undefined) return bound;
					onUndeclared?.(single[1]!, node.location);
					return node;
				}
				const text = replaceText(node.value, node.location);
				return text === node.value ? node : { ...node, value: text };
			}
			// A body is walked once per use of its job or command and mostly holds no reference:
			// copies start at the first change, so an unchanged subtree costs no allocation.
			case 'seq': {
				let items: YamlValue[] | undefined;
				for (let i = 0; i < node.items.length; i++) {
					const item = node.items[i]!;
					const inner = walk(item);
					if (inner !== item) items ??= node.items.slice(0, i);
					items?.push(inner);
				}
				return items ? { ...node, items } : node;
			}
			case 'map': {
				let entries: YamlEntry[] | undefined;
				for (let i = 0; i < node.entries.length; i++) {
					const entry = node.entries[i]!;
					const key = entry.key.includes('<<') ? replaceText(entry.key, entry.keyLocation) : entry.key;
					const inner = walk(entry.value);
					const changed = key !== entry.key || inner !== entry.value;
					if (changed) entries ??= node.entries.slice(0, i);
					entries?.push(changed ? { ...entry, key, value: inner } : entry);
				}
				return entries ? ({ ...node, entries } satisfies YamlMap) : node;
			}
		}
	};
	return walk(value);
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const PIPELINE_PARAMETER = /<<\s*pipeline\.parameters\.([\w-]+)\s*>>/g;

/** Every `<< pipeline.parameters.x >>` in a value, to check each is declared. */
export function pipelineParameterReferences(value: YamlValue): { name: string; location: SourceLocation }[] {
	const found: { name: string; location: SourceLocation }[] = [];
	const scan = (text: string, location: SourceLocation) => {
		// Most texts hold no reference; `includes` is far cheaper than starting a match.
		if (!text.includes('<<')) return;
		for (const match of text.matchAll(PIPELINE_PARAMETER)) found.push({ name: match[1]!, location });
	};
	const walk = (node: YamlValue): void => {
		if (node.kind === 'scalar') {
			if (typeof node.value === 'string') scan(node.value, node.location);
		} else if (node.kind === 'seq') {
			for (const item of node.items) walk(item);
		} else {
			for (const entry of node.entries) {
				scan(entry.key, entry.keyLocation);
				walk(entry.value);
			}
		}
	};
	walk(value);
	return found;
}
