import { describe, expect, it } from 'vitest';
import {
	BUILTIN_CATALOGS,
	CIRCLECI_JOB_VARIABLES,
	CIRCLECI_PIPELINE_VALUES,
	builtinVar,
} from '../../../src/knowledge/env/index';

const catalogs = Object.values(BUILTIN_CATALOGS);

describe('built-in variable catalogs', () => {
	it('covers the four CIs, each keyed by its own provider', () => {
		expect(Object.keys(BUILTIN_CATALOGS).sort()).toEqual(['bitbucket', 'circleci', 'github-actions', 'gitlab']);
		for (const [key, catalog] of Object.entries(BUILTIN_CATALOGS)) expect(catalog.provider).toBe(key);
	});

	it.each(catalogs.map((c) => [c.provider, c] as const))('%s has no duplicate names', (_p, catalog) => {
		const seen = new Set<string>();
		const dupes = catalog.variables.map((v) => v.name).filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
		expect(dupes).toEqual([]);
	});

	it.each(catalogs.map((c) => [c.provider, c] as const))(
		'%s descriptions are single lines of 10–160 chars ending with a period',
		(_p, catalog) => {
			const bad = catalog.variables
				.filter(({ description: d }) => /[\r\n]/.test(d) || d.length < 10 || d.length > 160 || !d.endsWith('.') || d.trim() !== d)
				.map((v) => `${v.name}: ${JSON.stringify(v.description)}`);
			expect(bad).toEqual([]);
		},
	);

	it('names look like variables (or pipeline.* values for CircleCI)', () => {
		for (const catalog of catalogs) {
			for (const { name } of catalog.variables) {
				const ok = /^[A-Z][A-Z0-9_]*$/.test(name) || (catalog.provider === 'circleci' && /^pipeline(\.[a-z_]+)+$/.test(name));
				expect(ok, `${catalog.provider}: ${name}`).toBe(true);
			}
		}
	});

	it('has enough entries per provider', () => {
		expect(CIRCLECI_JOB_VARIABLES.length).toBeGreaterThanOrEqual(28);
		expect(CIRCLECI_JOB_VARIABLES.every((v) => !v.name.startsWith('pipeline.'))).toBe(true);
		expect(CIRCLECI_PIPELINE_VALUES.length).toBeGreaterThanOrEqual(8);
		expect(CIRCLECI_PIPELINE_VALUES.every((v) => v.name.startsWith('pipeline.'))).toBe(true);
		// Each says how a config writes it, by its own name.
		expect(CIRCLECI_PIPELINE_VALUES.filter((v) => !v.availability?.includes(`\`<< ${v.name} >>\``)).map((v) => v.name)).toEqual([]);
		expect(BUILTIN_CATALOGS.circleci.variables.length).toBe(
			CIRCLECI_JOB_VARIABLES.length + CIRCLECI_PIPELINE_VALUES.length,
		);
		expect(BUILTIN_CATALOGS['github-actions'].variables.length).toBeGreaterThanOrEqual(40);
		expect(BUILTIN_CATALOGS.gitlab.variables.length).toBeGreaterThanOrEqual(80);
		expect(BUILTIN_CATALOGS.bitbucket.variables.length).toBeGreaterThanOrEqual(30);
	});

	it.each([
		['circleci', 'CIRCLE_OIDC_TOKEN'],
		['circleci', 'CIRCLE_OIDC_TOKEN_V2'],
		['github-actions', 'GITHUB_TOKEN'],
		['gitlab', 'CI_JOB_TOKEN'],
		['gitlab', 'CI_REGISTRY_PASSWORD'],
		['gitlab', 'CI_DEPLOY_PASSWORD'],
		['bitbucket', 'BITBUCKET_STEP_OIDC_TOKEN'],
	])('%s %s is flagged secret', (provider, name) => {
		expect(builtinVar(provider, name)?.secret).toBe(true);
	});

	it('does not flag ordinary variables as secret', () => {
		for (const [provider, name] of [
			['circleci', 'CIRCLE_BRANCH'],
			['github-actions', 'GITHUB_SHA'],
			['gitlab', 'CI_COMMIT_SHA'],
			['gitlab', 'CI_REGISTRY_USER'],
		] as const) {
			expect(builtinVar(provider, name)?.secret ?? false, `${provider} ${name}`).toBe(false);
		}
	});

	it('finds variables by exact name', () => {
		expect(builtinVar('circleci', 'CIRCLE_BRANCH')?.name).toBe('CIRCLE_BRANCH');
		expect(builtinVar('github-actions', 'GITHUB_SHA')?.name).toBe('GITHUB_SHA');
		expect(builtinVar('gitlab', 'CI_COMMIT_SHA')?.name).toBe('CI_COMMIT_SHA');
		expect(builtinVar('circleci', 'pipeline.git.branch')?.name).toBe('pipeline.git.branch');
	});

	it('misses on wrong case, wrong provider, unknown provider or name', () => {
		expect(builtinVar('circleci', 'circle_branch')).toBeUndefined();
		expect(builtinVar('gitlab', 'GITHUB_SHA')).toBeUndefined();
		expect(builtinVar('jenkins', 'CI')).toBeUndefined();
		expect(builtinVar('gitlab', 'CI_NOT_A_REAL_VARIABLE')).toBeUndefined();
	});

	it('every reference URL is https', () => {
		for (const catalog of catalogs) expect(new URL(catalog.reference).protocol, catalog.provider).toBe('https:');
	});

	it('availability notes, when given, are non-empty single lines', () => {
		for (const catalog of catalogs) {
			for (const v of catalog.variables) {
				if (v.availability !== undefined) {
					expect(v.availability.trim().length, `${catalog.provider} ${v.name}`).toBeGreaterThan(0);
					expect(/[\r\n]/.test(v.availability), `${catalog.provider} ${v.name}`).toBe(false);
				}
			}
		}
	});
});
