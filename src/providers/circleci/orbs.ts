/**
 * Orb references (`python: circleci/python@2.1.1`) and their vendored sources
 * (`orbs/circleci/python.yml` in the pipeline folder).
 */
import type { Orb, SourceLocation } from '../../model';
import type { SourceFile } from '../types';

export interface OrbRef {
	namespace: string;
	name: string;
	version?: string;
}

/** `namespace/name@version`; the version is optional here so a missing one can be reported. */
export function parseOrbRef(ref: string): OrbRef | undefined {
	const match = /^([\w.-]+)\/([\w.-]+)(?:@(\S+))?$/.exec(ref.trim());
	if (!match) return undefined;
	const orbRef: OrbRef = { namespace: match[1]!, name: match[2]! };
	if (match[3] !== undefined) orbRef.version = match[3];
	return orbRef;
}

/** The vendored source of an orb: a file whose path ends in `orbs/<namespace>/<name>.yml`. */
export function findVendoredOrb(ref: OrbRef, sources: readonly SourceFile[]): SourceFile | undefined {
	const suffixes = ['yml', 'yaml'].map((ext) => `orbs/${ref.namespace}/${ref.name}.${ext}`);
	return sources.find((source) => {
		const path = source.path.replace(/\\/g, '/');
		return suffixes.some((suffix) => path === suffix || path.endsWith(`/${suffix}`));
	});
}

export interface OrbBinding {
	alias: string;
	/** Full reference; absent for inline orbs. */
	ref?: string;
	inline: boolean;
	/** The vendored file its definitions came from. */
	sourcePath?: string;
	location: SourceLocation;
}

export function toOrb(binding: OrbBinding, expanded: boolean): Orb {
	const orb: Orb = { alias: binding.alias, inline: binding.inline, expanded, location: binding.location };
	if (binding.ref !== undefined) orb.ref = binding.ref;
	return orb;
}
