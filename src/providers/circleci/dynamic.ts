/**
 * Dynamic configuration (`setup: true`): this config runs first and generates or selects the
 * real pipeline at run time, usually from a continuation file beside it.
 */
import type { YamlValue } from '../yaml';

/** Where CircleCI's own orbs (continuation, path-filtering) look by default. */
const CONVENTIONAL = ['.circleci/continue_config.yml', '.circleci/continue-config.yml', '.circleci/continue_config.yaml'];

/**
 * The continuation config among the pipeline folder's files: one the config names (an orb
 * parameter such as `config-path`), else a conventional name.
 */
export function findContinuation(root: YamlValue, files: ReadonlyMap<string, string> | undefined, configPath: string): string | undefined {
	if (!files || files.size === 0) return undefined;
	const isConfig = (path: string) => configPath === path || configPath.endsWith(`/${path}`);
	const paths = [...files.keys()].map((path) => path.replace(/\\/g, '/')).filter((path) => !isConfig(path));
	const named = (text: string) => {
		const wanted = text.trim().replace(/^\.\//, '');
		return wanted.length > 0 && /\.ya?ml$/.test(wanted) ? paths.find((path) => path === wanted || path.endsWith(`/${wanted}`)) : undefined;
	};
	for (const text of strings(root)) {
		const found = named(text);
		if (found) return found;
	}
	return CONVENTIONAL.map(named).find((path) => path !== undefined);
}

function* strings(value: YamlValue): Generator<string> {
	switch (value.kind) {
		case 'scalar':
			if (typeof value.value === 'string') yield value.value;
			return;
		case 'seq':
			for (const item of value.items) yield* strings(item);
			return;
		case 'map':
			for (const entry of value.entries) yield* strings(entry.value);
			return;
	}
}
