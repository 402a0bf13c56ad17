/**
 * The keys GitHub Actions accepts in each part of a workflow, and what Pipeline Atlas does with
 * them: modelled, known but not modelled (an info diagnostic), or unknown (a warning, naming the
 * likely intended key when the spelling is close).
 */
import { closestKey } from '../spelling';
import type { Reporter } from '../report';
import type { YamlValue } from '../yaml';

type KeyStatus = 'modelled' | 'not-modelled';
const m: KeyStatus = 'modelled';
const n: KeyStatus = 'not-modelled';

interface KeyContext {
	label: string;
	keys: Record<string, KeyStatus>;
}

const FILTERS = { branches: m, 'branches-ignore': m, paths: m, 'paths-ignore': m };

export const CONTEXTS = {
	workflow: {
		label: 'a workflow',
		keys: { name: m, on: m, jobs: m, env: m, defaults: m, 'run-name': m, permissions: m, concurrency: m },
	},
	job: {
		label: 'a job',
		keys: {
			name: m,
			needs: m,
			if: m,
			'runs-on': m,
			container: m,
			services: m,
			environment: m,
			'continue-on-error': m,
			env: m,
			defaults: m,
			strategy: m,
			steps: m,
			uses: m,
			with: m,
			secrets: m,
			concurrency: m,
			permissions: m,
			outputs: m,
			'timeout-minutes': m,
			snapshot: n,
		},
	},
	step: {
		label: 'a step',
		keys: { id: m, name: m, if: m, run: m, shell: m, 'working-directory': m, uses: m, with: m, env: m, 'continue-on-error': m, 'timeout-minutes': m },
	},
	strategy: { label: '`strategy`', keys: { matrix: m, 'fail-fast': m, 'max-parallel': m } },
	container: { label: '`container`', keys: { image: m, env: m, credentials: m, ports: m, volumes: m, options: m } },
	service: { label: 'a service', keys: { image: m, env: m, credentials: m, ports: m, volumes: m, options: m } },
	environment: { label: '`environment`', keys: { name: m, url: m, deployment: m } },
	defaults: { label: '`defaults`', keys: { run: m } },
	defaultsRun: { label: '`defaults.run`', keys: { shell: m, 'working-directory': m } },
	runsOn: { label: '`runs-on`', keys: { group: m, labels: m } },
	push: { label: '`push`', keys: { ...FILTERS, tags: m, 'tags-ignore': m } },
	pull_request: { label: '`pull_request`', keys: { ...FILTERS, types: m } },
	workflow_dispatch: { label: '`workflow_dispatch`', keys: { inputs: m } },
	workflow_call: { label: '`workflow_call`', keys: { inputs: m, secrets: n, outputs: n } },
	input: { label: 'an input', keys: { description: m, type: m, default: m, options: m, required: m, deprecationMessage: n } },
	schedule: { label: 'a `schedule` item', keys: { cron: m, timezone: n } },
	action: { label: 'an action', keys: { name: m, description: m, author: n, inputs: m, outputs: n, runs: m, branding: n } },
	actionInput: { label: 'an action input', keys: { description: m, required: m, default: m, deprecationMessage: m } },
} satisfies Record<string, KeyContext>;

export type KeyContextName = keyof typeof CONTEXTS;

export function notModelled(report: Reporter, key: string, location: YamlValue['location'], where?: string): void {
	report.info('not-modelled', `\`${key}\`${where ? ` (${where})` : ''} is not modelled by Pipeline Atlas yet; it is kept out of the pages`, location);
}

/** Reports every key of `map` that the context does not model; `skip` names keys the caller handles. */
export function checkKeys(map: YamlValue | undefined, contextName: KeyContextName, report: Reporter, skip?: ReadonlySet<string>): void {
	if (map?.kind !== 'map') return;
	const context: KeyContext = CONTEXTS[contextName];
	for (const entry of map.entries) {
		if (skip?.has(entry.key)) continue;
		const status = context.keys[entry.key];
		if (status === 'modelled') continue;
		if (status === 'not-modelled') {
			notModelled(report, entry.key, entry.keyLocation, `in ${context.label}`);
			continue;
		}
		const intended = closestKey(entry.key, Object.keys(context.keys));
		if (intended) {
			report.warning(
				'misspelt-key',
				`\`${entry.key}\` is not a key of ${context.label}; did you mean \`${intended}\`?`,
				entry.keyLocation,
				`Rename it to \`${intended}\`: as written, GitHub rejects the workflow and Pipeline Atlas leaves the key out.`,
			);
		} else {
			report.warning(
				'unknown-key',
				`\`${entry.key}\` is not a key GitHub Actions accepts in ${context.label}; Pipeline Atlas leaves it out`,
				entry.keyLocation,
				`Valid keys here: ${Object.keys(context.keys).map((c) => `\`${c}\``).join(', ')}.`,
			);
		}
	}
}
