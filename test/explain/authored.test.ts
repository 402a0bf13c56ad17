import { describe, expect, it } from 'vitest';
import { ExplanationMatch, levelOf, selectAuthored, type ExplanationTarget } from '../../src/explain/authored';

const entry = (id: string, match: ExplanationMatch) => ({ id, match: ExplanationMatch.parse(match) });
const step = (name: string, kind: 'run' | 'checkout' = 'run', command?: string): ExplanationTarget => ({
	level: 'step',
	pipelineId: 'shop',
	workflowIds: ['main'],
	jobId: 'deploy',
	step: { name, kind, ...(command ? { command } : {}) },
});

describe('authored explanation selectors', () => {
	it('takes its level from the most precise field it names', () => {
		expect(levelOf({ pipeline: 'shop' })).toBe('pipeline');
		expect(levelOf({ pipeline: 'shop', workflow: 'main' })).toBe('workflow');
		expect(levelOf({ job: 'deploy' })).toBe('job');
		expect(levelOf({ job: 'deploy', kind: 'checkout' })).toBe('step');
		expect(levelOf({ stage: 'spin-up' })).toBe('stage');
	});
	it('refuses an empty selector and unknown keys, so a typo is an error rather than a match-everything', () => {
		expect(ExplanationMatch.safeParse({}).success).toBe(false);
		expect(ExplanationMatch.safeParse({ jobs: 'deploy' }).success).toBe(false);
	});
	it('picks the most specific match: a step name beats a command pattern beats a kind', () => {
		const entries = [
			entry('any-run', { kind: 'run' }),
			entry('helm', { command: '/helm upgrade/' }),
			entry('named', { pipeline: 'shop', step: 'Deploy with Helm' }),
		];
		expect(selectAuthored(step('Deploy with Helm', 'run', 'helm upgrade --install x'), entries)?.id).toBe('named');
		expect(selectAuthored(step('Other', 'run', 'helm upgrade --install x'), entries)?.id).toBe('helm');
		expect(selectAuthored(step('Other', 'run', 'make'), entries)?.id).toBe('any-run');
		expect(selectAuthored(step('Checkout', 'checkout'), entries)).toBeUndefined();
	});
	it('matches a command by substring or /regex/, and never throws on a bad pattern', () => {
		expect(selectAuthored(step('x', 'run', 'npm ci --no-audit'), [entry('sub', { command: 'npm ci' })])?.id).toBe('sub');
		expect(selectAuthored(step('x', 'run', 'npm ci'), [entry('bad', { command: '/([/' })])).toBeUndefined();
		expect(selectAuthored(step('x', 'run', 'npm ci'), [entry('bad', { command: '/([/' })])).toBeUndefined();
		// A pattern is compiled once and tested on every step: with `g`, each test would start
		// where the last one stopped, and every second step would not match.
		const global = [entry('global', { command: '/NPM/gi' })];
		for (const command of ['npm ci', 'npm test', 'npm run build']) expect(selectAuthored(step('x', 'run', command), global)?.id, command).toBe('global');
		expect(selectAuthored(step('x', 'run', 'yarn'), global)).toBeUndefined();
	});
	it('requires every given field: another pipeline or workflow does not match', () => {
		const entries = [entry('other', { pipeline: 'blog', step: 'Deploy' }), entry('wf', { workflow: 'nightly', step: 'Deploy' })];
		expect(selectAuthored(step('Deploy'), entries)).toBeUndefined();
	});
	it('keeps an explanation with a provider to that CI: a CircleCI stage explanation says nothing of GitLab’s stage of that name', () => {
		const entries = [entry('circleci-env', { provider: 'circleci', stage: 'environment' })];
		const stage = (provider: 'circleci' | 'gitlab'): ExplanationTarget => ({ level: 'stage', pipelineId: 'shop', provider, stage: 'environment' });
		expect(selectAuthored(stage('circleci'), entries)?.id).toBe('circleci-env');
		expect(selectAuthored(stage('gitlab'), entries)).toBeUndefined();
		expect(ExplanationMatch.safeParse({ provider: 'unknown', stage: 'environment' }).success).toBe(false);
		// Alone, it explains each pipeline of that CI.
		expect(levelOf({ provider: 'gitlab' })).toBe('pipeline');
		// One pipeline's explanation of the stage beats its CI's, whatever the file names.
		const withPipeline = [...entries, entry('z-lettings-env', { pipeline: 'shop', stage: 'environment' })];
		expect(selectAuthored(stage('circleci'), withPipeline)?.id).toBe('z-lettings-env');
	});
	it('never attaches a job explanation to a step, or a step one to a job', () => {
		const entries = [entry('job', { job: 'deploy' }), entry('step', { job: 'deploy', kind: 'run' })];
		expect(selectAuthored({ level: 'job', pipelineId: 'shop', jobId: 'deploy' }, entries)?.id).toBe('job');
		expect(selectAuthored(step('x'), entries)?.id).toBe('step');
	});
	it('breaks ties by file id so the choice never depends on read order', () => {
		const a = entry('a', { kind: 'run' });
		const b = entry('b', { kind: 'run' });
		expect(selectAuthored(step('x'), [b, a])?.id).toBe('a');
	});
});
