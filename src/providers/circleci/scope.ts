/**
 * Where names resolve: the config's own `commands`, `executors` and `jobs`, and those of each
 * orb it imports (inline, or vendored next to the config). An orb's definitions refer to
 * each other by bare name and to the orbs it imports by `alias/name`, just like a config.
 */
import type { SourceLocation } from '../../model';
import type { SourceFile } from '../types';
import { isNull, parseYaml, scalarText, valueOf, type YamlValue } from '../yaml';
import { checkKeys } from './keys';
import { findVendoredOrb, parseOrbRef, type OrbBinding } from './orbs';
import type { Reporter } from '../report';

export type DefinitionKind = 'commands' | 'executors' | 'jobs';

export interface Definition {
	name: string;
	body: YamlValue;
	/** The definition's key (`build:` under `jobs:`). */
	location: SourceLocation;
	/** Where the names used inside the definition resolve. */
	scope: Scope;
}

export interface OrbScope extends OrbBinding {
	/** The orb's definitions, when its source is available (inline or vendored). */
	scope?: Scope;
}

export interface Scope {
	commands: Map<string, Definition>;
	executors: Map<string, Definition>;
	jobs: Map<string, Definition>;
	orbs: Map<string, OrbScope>;
	/** The orb these definitions belong to; absent for the config itself. */
	orb?: OrbScope;
	/** The config's scope: steps handed to an orb through a `steps` parameter use its names. */
	root?: Scope;
}

export interface ScopeOptions {
	report: Reporter;
	orbSources: readonly SourceFile[];
	/** Vendored orb files actually used, by path. */
	usedOrbSources: Set<string>;
}

/** How deep vendored orbs may import each other before we stop (a cycle, or a runaway). */
const MAX_ORB_DEPTH = 5;

export function buildScope(map: YamlValue, options: ScopeOptions, orb?: OrbScope, root?: Scope, chain: readonly string[] = []): Scope {
	const scope: Scope = { commands: new Map(), executors: new Map(), jobs: new Map(), orbs: new Map() };
	if (orb) scope.orb = orb;
	if (root) scope.root = root;
	for (const kind of ['commands', 'executors', 'jobs'] as const) {
		const section = valueOf(map, kind);
		if (isNull(section)) continue;
		if (section.kind !== 'map') {
			options.report.error('invalid-type', `\`${kind}\` must be a map of names to definitions`, section.location);
			continue;
		}
		for (const entry of section.entries) {
			scope[kind].set(entry.key, { name: entry.key, body: entry.value, location: entry.keyLocation, scope });
		}
	}
	const orbs = valueOf(map, 'orbs');
	if (!isNull(orbs)) {
		if (orbs.kind !== 'map') {
			options.report.error('invalid-type', '`orbs` must be a map of aliases to orb references', orbs.location);
		} else {
			for (const entry of orbs.entries) {
				const bound = bindOrb(entry.key, entry.value, entry.keyLocation, options, root ?? scope, chain);
				if (bound) scope.orbs.set(entry.key, bound);
			}
		}
	}
	return scope;
}

function bindOrb(alias: string, value: YamlValue, location: SourceLocation, options: ScopeOptions, root: Scope, chain: readonly string[]): OrbScope | undefined {
	const { report } = options;
	if (value.kind === 'map') {
		const orb: OrbScope = { alias, inline: true, location };
		checkKeys(value, 'orb', report);
		orb.scope = buildScope(value, options, orb, root, chain);
		return orb;
	}
	const ref = scalarText(value);
	const parsed = ref === undefined ? undefined : parseOrbRef(ref);
	if (ref === undefined || !parsed) {
		report.error('invalid-value', `Orb \`${alias}\` must be an orb reference like \`namespace/name@1.2.3\` or an inline orb`, value.location);
		return undefined;
	}
	const orb: OrbScope = { alias, ref, inline: false, location };
	if (parsed.version === undefined) {
		report.error('invalid-value', `Orb reference \`${ref}\` has no version`, value.location, `Pin a version: \`${ref}@1.2.3\` (see the orb's page in the CircleCI registry).`);
	}
	const source = findVendoredOrb(parsed, options.orbSources);
	const id = `${parsed.namespace}/${parsed.name}`;
	if (!source) return orb;
	if (chain.includes(id) || chain.length >= MAX_ORB_DEPTH) {
		const why = chain.includes(id) ? `imports itself (${[...chain, id].join(' -> ')})` : `is nested more than ${MAX_ORB_DEPTH} orbs deep`;
		report.warning('orb-cycle', `Vendored orb \`${id}\` ${why}; it is not expanded there`, location);
		return orb;
	}
	const parsedSource = parseYaml(source);
	for (const diagnostic of parsedSource.diagnostics) report.add(diagnostic.severity, diagnostic.code, diagnostic.message, diagnostic.location, diagnostic.hint);
	const body = parsedSource.documents[0]?.root;
	if (!body || parsedSource.documents[0]?.broken) return orb;
	if (body.kind !== 'map') {
		report.error('invalid-type', `Vendored orb \`${source.path}\` must be a map with \`commands\`, \`jobs\` or \`executors\``, body.location);
		return orb;
	}
	options.usedOrbSources.add(source.path);
	orb.sourcePath = source.path;
	checkKeys(body, 'orb', report);
	orb.scope = buildScope(body, options, orb, root, [...chain, id]);
	return orb;
}

export interface Resolution {
	def?: Definition;
	/** The orb the name belongs to (`python` of `python/install-packages`). */
	orb?: OrbScope;
}

/**
 * Resolves a command, executor or job name as CircleCI does: `alias/name` in an imported orb,
 * a bare name in the scope itself, then in the config (for steps passed into an orb).
 * Undefined when nothing of that name is known; `{orb}` without `def` when the orb's source
 * is not available (or lacks the name).
 */
export function resolve(scope: Scope, kind: DefinitionKind, name: string): Resolution | undefined {
	const slash = name.indexOf('/');
	if (slash > 0) {
		const alias = name.slice(0, slash);
		const orb = scope.orbs.get(alias) ?? scope.root?.orbs.get(alias);
		if (!orb) return undefined;
		const def = orb.scope?.[kind].get(name.slice(slash + 1));
		return def ? { def, orb } : { orb };
	}
	const def = scope[kind].get(name) ?? scope.root?.[kind].get(name);
	if (!def) return undefined;
	return def.scope.orb ? { def, orb: def.scope.orb } : { def };
}
