/**
 * The keys CircleCI accepts in each part of a config, and what Pipeline Atlas does with them.
 * Every key is accounted for: modelled, accepted silently (no meaning to show), known but not
 * modelled (reported as info), or unknown (a warning, with the likely intended key when the
 * spelling is close).
 */
import type { YamlValue } from '../yaml';
import type { Reporter } from '../report';
import { closestKey } from '../spelling';

type KeyStatus = 'modelled' | 'accepted' | 'not-modelled';

interface KeyContext {
	/** How messages name the place (`a job`, `\`setup_remote_docker\``). */
	label: string;
	keys: Record<string, KeyStatus>;
	/** CircleCI ignores unknown keys here (top level: anchor holders like `defaults:`). */
	openEnded?: boolean;
}

// Short names keep the tables below readable.
const m: KeyStatus = 'modelled';
const n: KeyStatus = 'not-modelled';

const STEP_NAME = { name: m };

export const CONTEXTS = {
	config: {
		label: 'the config',
		openEnded: true,
		keys: { version: m, setup: m, orbs: m, executors: m, commands: m, parameters: m, jobs: m, workflows: m, 'job-groups': m },
	},
	orb: {
		label: 'an orb',
		keys: { version: 'accepted', orbs: m, commands: m, executors: m, jobs: m, description: n, display: n, examples: n },
	},
	job: {
		label: 'a job',
		keys: {
			type: m,
			description: m,
			docker: m,
			machine: m,
			macos: m,
			executor: m,
			resource_class: m,
			working_directory: m,
			shell: m,
			environment: m,
			parallelism: m,
			parameters: m,
			steps: m,
			circleci_ip_ranges: n,
			retention: n,
			plan_name: m,
			key: n,
			branches: n,
		},
	},
	executor: {
		label: 'an executor',
		keys: { docker: m, machine: m, macos: m, resource_class: m, working_directory: m, shell: m, environment: m, parameters: m, description: m },
	},
	dockerImage: {
		label: 'a docker image',
		keys: { image: m, name: m, environment: m, entrypoint: m, command: m, user: m, auth: m, aws_auth: m },
	},
	machine: {
		label: '`machine`',
		keys: { image: m, enabled: m, resource_class: m, shell: m, docker_layer_caching: n },
	},
	macos: {
		label: '`macos`',
		keys: { xcode: m, resource_class: m, shell: m },
	},
	command: {
		label: 'a command',
		keys: { steps: m, parameters: m, description: m },
	},
	parameter: {
		label: 'a parameter',
		keys: { type: m, default: m, description: m, enum: m },
	},
	run: {
		label: '`run`',
		keys: {
			...STEP_NAME,
			command: m,
			shell: m,
			environment: m,
			background: m,
			working_directory: m,
			no_output_timeout: m,
			when: m,
			max_auto_reruns: m,
			auto_rerun_delay: m,
		},
	},
	checkout: { label: '`checkout`', keys: { ...STEP_NAME, path: m, method: m } },
	setup_remote_docker: { label: '`setup_remote_docker`', keys: { ...STEP_NAME, docker_layer_caching: m, version: m } },
	save_cache: { label: '`save_cache`', keys: { ...STEP_NAME, key: m, paths: m, when: m } },
	restore_cache: { label: '`restore_cache`', keys: { ...STEP_NAME, key: m, keys: m } },
	persist_to_workspace: { label: '`persist_to_workspace`', keys: { ...STEP_NAME, root: m, paths: m } },
	attach_workspace: { label: '`attach_workspace`', keys: { ...STEP_NAME, at: m } },
	store_artifacts: { label: '`store_artifacts`', keys: { ...STEP_NAME, path: m, destination: m } },
	store_test_results: { label: '`store_test_results`', keys: { ...STEP_NAME, path: m } },
	add_ssh_keys: { label: '`add_ssh_keys`', keys: { ...STEP_NAME, fingerprints: m } },
	conditionalStep: { label: 'a `when`/`unless` step', keys: { condition: m, steps: m } },
	workflow: { label: 'a workflow', keys: { jobs: m, triggers: m, when: m, unless: m, max_auto_reruns: m } },
	jobGroup: { label: 'a job group', keys: { jobs: m } },
	trigger: { label: 'a trigger', keys: { schedule: m } },
	schedule: { label: '`schedule`', keys: { cron: m, filters: m } },
	filters: { label: '`filters`', keys: { branches: m, tags: m } },
	scheduleFilters: { label: 'schedule `filters`', keys: { branches: m } },
	refFilter: { label: 'a branch or tag filter', keys: { only: m, ignore: m } },
	matrix: { label: '`matrix`', keys: { parameters: m, exclude: m, alias: m } },
} satisfies Record<string, KeyContext>;

export type KeyContextName = keyof typeof CONTEXTS;

/** Keys of a workflow job entry that configure the entry; every other key is a job argument. */
export const ENTRY_KEYS: Record<string, KeyStatus> = {
	requires: m,
	filters: m,
	context: m,
	type: m,
	name: m,
	matrix: m,
	'pre-steps': m,
	'post-steps': m,
	'serial-group': m,
	'override-with': n,
};

export function notModelled(report: Reporter, key: string, location: YamlValue['location'], where?: string): void {
	report.info(
		'not-modelled',
		`\`${key}\`${where ? ` (${where})` : ''} is not modelled by Pipeline Atlas yet; it is kept out of the pages`,
		location,
	);
}

/**
 * Reports every key of `map` that the context does not model. `skip` names keys the caller
 * handles itself (job arguments, for instance).
 */
export function checkKeys(map: YamlValue | undefined, contextName: KeyContextName, report: Reporter, skip?: ReadonlySet<string>): void {
	if (map?.kind !== 'map') return;
	const context: KeyContext = CONTEXTS[contextName];
	for (const entry of map.entries) {
		if (skip?.has(entry.key)) continue;
		const status = context.keys[entry.key];
		if (status === 'modelled' || status === 'accepted') continue;
		if (status === 'not-modelled') {
			notModelled(report, entry.key, entry.keyLocation);
			continue;
		}
		reportUnknownKey(report, entry.key, entry.keyLocation, context.label, Object.keys(context.keys), context.openEnded ?? false);
	}
}

export function reportUnknownKey(
	report: Reporter,
	key: string,
	location: YamlValue['location'],
	label: string,
	candidates: readonly string[],
	openEnded: boolean,
): void {
	const intended = closestKey(key, candidates);
	if (intended) {
		report.warning(
			'misspelt-key',
			`\`${key}\` is not a key of ${label}; did you mean \`${intended}\`?`,
			location,
			`Rename it to \`${intended}\`: as written, CircleCI ${openEnded ? 'ignores it' : 'rejects or ignores it'} and Pipeline Atlas leaves it out.`,
		);
	} else if (openEnded) {
		report.info(
			'not-modelled',
			`\`${key}\` is not a CircleCI key of ${label} (CircleCI ignores it, often an anchor holder); it is not modelled by Pipeline Atlas and kept out of the pages`,
			location,
		);
	} else {
		report.warning(
			'unknown-key',
			`\`${key}\` is not a key CircleCI accepts in ${label}; Pipeline Atlas leaves it out`,
			location,
			`Valid keys here: ${candidates.map((c) => `\`${c}\``).join(', ')}.`,
		);
	}
}
