import { BITBUCKET_CATALOG } from './bitbucket';
import { CIRCLECI_CATALOG } from './circleci';
import { GITHUB_ACTIONS_CATALOG } from './github-actions';
import { GITLAB_CATALOG } from './gitlab';
import type { BuiltinCatalog, BuiltinVar } from './types';

export type { BuiltinCatalog, BuiltinVar } from './types';
export { CIRCLECI_JOB_VARIABLES, CIRCLECI_PIPELINE_VALUES } from './circleci';

export type BuiltinProvider = BuiltinCatalog['provider'];

export const BUILTIN_CATALOGS: Record<BuiltinProvider, BuiltinCatalog> = {
	circleci: CIRCLECI_CATALOG,
	'github-actions': GITHUB_ACTIONS_CATALOG,
	gitlab: GITLAB_CATALOG,
	bitbucket: BITBUCKET_CATALOG,
};

const INDEX: ReadonlyMap<string, ReadonlyMap<string, BuiltinVar>> = new Map(
	Object.values(BUILTIN_CATALOGS).map((catalog) => [
		catalog.provider,
		new Map(catalog.variables.map((variable) => [variable.name, variable])),
	]),
);

/** Looks up a built-in variable by exact name; undefined for unknown providers or names. */
export function builtinVar(provider: string, name: string): BuiltinVar | undefined {
	return INDEX.get(provider)?.get(name);
}
