/**
 * The keys GitLab accepts in each part of a `.gitlab-ci.yml`, and what Pipeline Atlas does
 * with them: modelled, accepted silently (no meaning to show), known but not modelled
 * (reported as info), or unknown (a warning, naming the likely intended key when close).
 */
import type { SourceLocation } from '../../model';
import type { YamlValue } from '../yaml';
import type { Reporter } from '../report';
import { closestKey } from '../spelling';

type KeyStatus = 'modelled' | 'accepted' | 'not-modelled';
const m: KeyStatus = 'modelled';
const a: KeyStatus = 'accepted';
const n: KeyStatus = 'not-modelled';

/** Top-level keywords; every other top-level key is a job (hidden when it starts with `.`). */
export const GLOBAL_KEYS: Record<string, KeyStatus> = {
	default: m,
	include: m,
	stages: m,
	variables: m,
	workflow: m,
	// Deprecated globals, read as `default:` values.
	image: m,
	services: m,
	cache: m,
	before_script: m,
	after_script: m,
	// Deprecated spelling of `stages`.
	types: m,
};

export const JOB_KEYS: Record<string, KeyStatus> = {
	script: m,
	before_script: m,
	after_script: m,
	stage: m,
	// Deprecated spelling of `stage`.
	type: m,
	extends: m,
	image: m,
	services: m,
	tags: m,
	variables: m,
	needs: m,
	dependencies: m,
	rules: m,
	only: m,
	except: m,
	when: m,
	start_in: m,
	allow_failure: m,
	cache: m,
	artifacts: m,
	environment: m,
	trigger: m,
	parallel: m,
	inherit: m,
	secrets: m,
	id_tokens: m,
	coverage: m,
	dast_configuration: n,
	hooks: n,
	identity: n,
	interruptible: m,
	manual_confirmation: n,
	pages: n,
	release: n,
	resource_group: m,
	retry: m,
	timeout: m,
	run: n,
};

/** What `default:` may hold; each is used by jobs that do not set it themselves. */
export const DEFAULT_KEYS: Record<string, KeyStatus> = {
	after_script: m,
	artifacts: m,
	before_script: m,
	cache: m,
	hooks: n,
	id_tokens: m,
	identity: n,
	image: m,
	interruptible: m,
	retry: m,
	services: m,
	tags: m,
	timeout: m,
};

export const KEY_CONTEXTS = {
	config: { label: 'the config', keys: GLOBAL_KEYS },
	job: { label: 'a job', keys: JOB_KEYS },
	default: { label: '`default`', keys: DEFAULT_KEYS },
	workflow: { label: '`workflow`', keys: { name: m, rules: m, auto_cancel: m } as Record<string, KeyStatus> },
	autoCancel: { label: '`auto_cancel`', keys: { on_new_commit: m, on_job_failure: m } as Record<string, KeyStatus> },
	rule: {
		label: 'a rule',
		keys: { if: m, changes: m, exists: m, when: m, allow_failure: m, start_in: m, variables: m, needs: m, interruptible: m } as Record<string, KeyStatus>,
	},
	// A `workflow:rules` rule decides whether the pipeline runs: no job's needs, delay or failure to allow.
	workflowRule: { label: 'a `workflow:rules` rule', keys: { if: m, changes: m, exists: m, when: m, variables: m, auto_cancel: m } as Record<string, KeyStatus> },
	onlyExcept: { label: '`only`/`except`', keys: { refs: m, variables: m, changes: m, kubernetes: n } as Record<string, KeyStatus> },
	environment: {
		label: '`environment`',
		keys: { name: m, url: m, action: m, deployment_tier: m, on_stop: m, auto_stop_in: n, kubernetes: n } as Record<string, KeyStatus>,
	},
	cache: {
		label: '`cache`',
		keys: { key: m, paths: m, policy: m, when: m, fallback_keys: m, untracked: m, unprotect: a } as Record<string, KeyStatus>,
	},
	artifacts: {
		label: '`artifacts`',
		keys: { paths: m, exclude: m, expire_in: m, expose_as: m, name: m, public: m, access: m, reports: m, untracked: m, when: m } as Record<string, KeyStatus>,
	},
	need: { label: 'a `needs` item', keys: { job: m, optional: m, artifacts: m, pipeline: m, project: m, ref: m, parallel: m } as Record<string, KeyStatus> },
	image: { label: '`image`', keys: { name: m, entrypoint: a, docker: a, pull_policy: a, kubernetes: a } as Record<string, KeyStatus> },
	service: {
		label: 'a service',
		keys: { name: m, alias: m, entrypoint: a, command: a, variables: a, docker: a, pull_policy: a, kubernetes: a } as Record<string, KeyStatus>,
	},
	include: {
		label: 'an `include` item',
		keys: { local: m, remote: m, template: m, project: m, file: m, ref: m, component: m, inputs: a, rules: a, integrity: a, cache: a } as Record<string, KeyStatus>,
	},
	retry: { label: '`retry`', keys: { max: m, when: m, exit_codes: m } as Record<string, KeyStatus> },
	trigger: { label: '`trigger`', keys: { project: m, branch: m, strategy: m, include: m, forward: a, inputs: a } as Record<string, KeyStatus> },
} satisfies Record<string, { label: string; keys: Record<string, KeyStatus> }>;

export type KeyContextName = keyof typeof KEY_CONTEXTS;

export function notModelled(report: Reporter, key: string, location: SourceLocation, where?: string): void {
	report.info('not-modelled', `\`${key}\`${where ? ` (${where})` : ''} is not modelled by Pipeline Atlas yet; it is kept out of the pages`, location);
}

/** Reports every key of `map` that is not modelled or not known in the context. */
export function checkKeys(map: YamlValue | undefined, contextName: KeyContextName, report: Reporter, where?: string): void {
	if (map?.kind !== 'map') return;
	const context = KEY_CONTEXTS[contextName];
	for (const entry of map.entries) {
		const status = context.keys[entry.key];
		if (status === 'modelled' || status === 'accepted') continue;
		if (status === 'not-modelled') {
			notModelled(report, entry.key, entry.keyLocation, where);
			continue;
		}
		reportUnknownKey(report, entry.key, entry.keyLocation, context.label, Object.keys(context.keys));
	}
}

export function reportUnknownKey(report: Reporter, key: string, location: SourceLocation, label: string, candidates: readonly string[]): void {
	const intended = closestKey(key, candidates);
	if (intended) {
		report.warning('misspelt-key', `\`${key}\` is not a key of ${label}; did you mean \`${intended}\`?`, location, `Rename it to \`${intended}\`: as written, GitLab rejects the config and Pipeline Atlas leaves it out.`);
	} else {
		report.warning('unknown-key', `\`${key}\` is not a key GitLab accepts in ${label}; Pipeline Atlas leaves it out`, location, `Valid keys here: ${candidates.map((c) => `\`${c}\``).join(', ')}.`);
	}
}

