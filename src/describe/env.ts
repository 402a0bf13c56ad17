/**
 * Where an environment variable's value comes from, in a table's words: the file and line that
 * set it, or, for one the config reads but does not set, the place in the CI where it is set.
 * Plain text: pages escape it.
 */
import type { EnvVar, Provider } from '../model';

/** Where each CI keeps the variables a config reads without setting them. */
const SETTINGS: Record<Provider, string> = {
	circleci: "set in the project's settings or a context",
	'github-actions': "set in the repository's or organization's variables",
	gitlab: "set in the project's or group's CI/CD variables",
	bitbucket: "set in the repository's, workspace's or deployment's variables",
	heroku: "set in the app's config vars",
	unknown: "set in the CI's settings",
};

/** What a table shows in place of the value of a variable the config does not set. */
export function unsetValue(v: Pick<EnvVar, 'scope'>, provider: Provider): string {
	if (v.scope === 'builtin') return 'set by the CI';
	if (v.scope === 'context') return 'set in a context';
	if (v.scope === 'project') return SETTINGS[provider];
	return 'set outside the config';
}

// A variable the config only reads is "not in the config": its value cell says where it is, in the CI's terms.
const SOURCES: Partial<Record<EnvVar['scope'], string>> = { builtin: 'built in', project: 'not in the config', secret: "the CI's secrets", context: 'a context' };

/** The file and line that set a variable (`deploy.yml, line 24`), else where the CI keeps it. */
export function definedWhere(v: Pick<EnvVar, 'scope' | 'definedAt'>): string {
	if (v.definedAt) return `${v.definedAt.file.split('/').at(-1)}, line ${v.definedAt.line}`;
	return SOURCES[v.scope] ?? v.scope;
}
