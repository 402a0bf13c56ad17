/**
 * The keys Bitbucket Pipelines accepts in each part of `bitbucket-pipelines.yml` (its
 * configuration reference and the JSON schema Atlassian publishes), and what Pipeline Atlas
 * does with them: modelled, accepted silently (no meaning to show), known but not modelled
 * (reported as info), or unknown (a warning naming the likely intended key).
 */
import type { SourceLocation } from '../../model';
import type { Reporter } from '../report';
import { closestKey } from '../spelling';
import type { YamlValue } from '../yaml';

type KeyStatus = 'modelled' | 'accepted' | 'not-modelled';
const m: KeyStatus = 'modelled';
const a: KeyStatus = 'accepted';
const n: KeyStatus = 'not-modelled';

export const KEY_CONTEXTS = {
	top: { label: 'the config', keys: { image: m, clone: m, definitions: m, options: m, pipelines: m, export: n, labels: a, triggers: m } },
	clone: { label: '`clone`', keys: { enabled: m, depth: m, lfs: m, 'skip-ssl-verify': m, strategy: m, filter: m, tags: m, 'sparse-checkout': n } },
	options: { label: '`options`', keys: { docker: m, 'max-time': m, size: m, runtime: n } },
	definitions: { label: '`definitions`', keys: { caches: m, services: m, pipelines: n } },
	pipelines: { label: '`pipelines`', keys: { default: m, branches: m, tags: m, 'pull-requests': m, custom: m, bookmarks: n } },
	step: {
		label: 'a `step`',
		keys: {
			name: m,
			script: m,
			'after-script': m,
			image: m,
			caches: m,
			services: m,
			artifacts: m,
			deployment: m,
			trigger: m,
			size: m,
			'max-time': m,
			clone: m,
			condition: m,
			'runs-on': m,
			'concurrency-group': m,
			environment: n,
			oidc: n,
			'fail-fast': n,
			runtime: n,
			'output-variables': n,
		},
	},
	stage: { label: 'a `stage`', keys: { name: m, steps: m, deployment: m, trigger: m, condition: m, environment: n } },
	parallel: { label: '`parallel`', keys: { steps: m, 'fail-fast': n } },
	image: { label: '`image`', keys: { name: m, username: m, password: m, email: a, aws: m, 'run-as-user': m } },
	service: { label: 'a service', keys: { image: m, variables: m, environment: m, memory: a, type: m } },
	cache: { label: 'a cache', keys: { key: m, path: m } },
	artifacts: { label: '`artifacts`', keys: { paths: m, download: m, upload: n } },
	condition: { label: '`condition`', keys: { changesets: m } },
	changesets: { label: '`changesets`', keys: { includePaths: m, excludePaths: m } },
	pipe: { label: 'a pipe', keys: { pipe: m, variables: m } },
	trigger: { label: 'a trigger', keys: { condition: m, pipelines: m } },
	variable: { label: 'a custom pipeline variable', keys: { name: m, default: m, 'allowed-values': m, description: m } },
} satisfies Record<string, { label: string; keys: Record<string, KeyStatus> }>;

export type KeyContextName = keyof typeof KEY_CONTEXTS;

export function notModelled(report: Reporter, key: string, location: SourceLocation, where?: string): void {
	report.info('not-modelled', `\`${key}\`${where ? ` (${where})` : ''} is not modelled by Pipeline Atlas yet; it is kept out of the pages`, location);
}

/**
 * Keys Bitbucket's schema leaves open: the config's top level and `definitions` often hold YAML
 * anchors under names of their own. Only a slip of a known key's spelling is warned about there.
 */
const OPEN: Partial<Record<KeyContextName, string>> = {
	top: 'Bitbucket ignores it (often an anchor holder)',
	definitions: 'Bitbucket ignores it (often an anchor holder, such as `steps`)',
};

/** Reports every key of `map` that is not modelled or not known in the context. */
export function checkKeys(map: YamlValue | undefined, contextName: KeyContextName, report: Reporter): void {
	if (map?.kind !== 'map') return;
	const context = KEY_CONTEXTS[contextName];
	const keys: Record<string, KeyStatus> = context.keys;
	for (const entry of map.entries) {
		const status = keys[entry.key];
		if (status === 'modelled' || status === 'accepted') continue;
		if (status === 'not-modelled') {
			notModelled(report, entry.key, entry.keyLocation);
			continue;
		}
		const candidates = Object.keys(keys);
		const intended = closestKey(entry.key, candidates);
		const open = OPEN[contextName];
		if (open && !intended) {
			if (contextName === 'top') report.info('not-modelled', `\`${entry.key}\` is not a key of Bitbucket Pipelines (${open}); it is kept out of the pages`, entry.keyLocation);
		} else if (intended) {
			report.warning('misspelt-key', `\`${entry.key}\` is not a key of ${context.label}; did you mean \`${intended}\`?`, entry.keyLocation, `Rename it to \`${intended}\`: as written, Pipeline Atlas leaves it out${OPEN[contextName] || contextName === 'step' || contextName === 'stage' ? ', and Bitbucket ignores it' : ', and Bitbucket rejects the config'}.`);
		} else {
			report.warning('unknown-key', `\`${entry.key}\` is not a key Bitbucket Pipelines accepts in ${context.label}; Pipeline Atlas leaves it out`, entry.keyLocation, `Valid keys here: ${candidates.map((c) => `\`${c}\``).join(', ')}.`);
		}
	}
}
