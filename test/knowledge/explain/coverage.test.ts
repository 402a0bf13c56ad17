import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleFolder } from '../../../src/ingest/assemble';
import { detectFile } from '../../../src/ingest/detect';
import { Explanation, explainOrbJob, explainStep } from '../../../src/knowledge/explain';
import { explanationCoverage } from '../../../src/knowledge/explain/coverage';
import type { Pipeline, Step } from '../../../src/model';
import { pipelineOf, texts, yaml } from './support';

const pipeline = pipelineOf(
	'.circleci/config.yml',
	yaml`
		version: 2.1
		orbs:
		  mystery: someone/mystery@1.0.0
		commands:
		  setup:
		    steps:
		      - checkout
		      - run: npm ci
		jobs:
		  build:
		    docker: [{ image: cimg/node:20.0 }]
		    steps:
		      - setup
		      - mystery/do-things
		      - run: frobnicate --all
		      - run: frobnicate --all
		      - run: npm test
		workflows:
		  main: { jobs: [build] }
	`,
);

describe('explanationCoverage', () => {
	it('counts the steps that do something: children of expanded commands, not the command around them', () => {
		const coverage = explanationCoverage([pipeline]);
		// checkout, npm ci (inside `setup`), the orb command, two frobnicates, npm test
		expect(coverage.steps).toBe(6);
		expect(coverage.explained).toBe(3);
		expect(coverage.share).toBeCloseTo(0.5);
		expect(coverage.unexplained).toEqual([
			{ item: 'frobnicate --all', count: 2 },
			{ item: 'mystery/do-things', count: 1 },
		]);
	});

	it('is 1 for no steps at all', () => {
		expect(explanationCoverage([])).toEqual({ steps: 0, explained: 0, share: 1, unexplained: [] });
	});
});

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const seeds = fileURLToPath(new URL('../../../../shared/seed-systems/', import.meta.url));

function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function pipelinesUnder(dir: string): Pipeline[] {
	return files(dir).flatMap((path) => {
		const text = readFileSync(path, 'utf8');
		const detection = detectFile(basename(path), text);
		if (!detection || !['config', 'workflow'].includes(detection.role)) return [];
		return assembleFolder({ group: 'corpus', displayPrefix: '', files: [{ path: basename(path), text }], only: [basename(path)] });
	});
}

const everySteps = (steps: readonly Step[]): Step[] => steps.flatMap((s) => [s, ...everySteps(s.children)]);

describe(`explanations are valid plain text (${existsSync(corpus) ? 'over the corpus and seed systems' : 'fixtures only: no ../shared beside the repository'})`, () => {
	const pipelines = [pipeline, ...pipelinesUnder(corpus), ...pipelinesUnder(seeds)];
	const all = pipelines.flatMap((p) => [
		...p.jobs.flatMap((job) => everySteps(job.steps).map((step) => explainStep(step, { provider: p.provider, job, pipeline: p }))),
		...p.jobs.map((job) => explainOrbJob(job, p)),
	]).filter((e): e is Explanation => e !== undefined);

	it('every explanation parses with the schema (URLs included)', () => {
		expect(all.length).toBeGreaterThan(0);
		const invalid = all.filter((e) => !Explanation.safeParse(e).success);
		expect(invalid).toEqual([]);
	});

	it('no explanation contains markup outside code spans: pages escape it as text', () => {
		const marked = all.flatMap(texts).filter((t) => /<|&[a-z]+;/i.test(t.replace(/`[^`]*`/g, '')));
		expect(marked).toEqual([]);
	});

	it('every text is one trimmed paragraph that ends like a sentence', () => {
		const bad = all.flatMap(texts).filter((t) => t !== t.trim() || /\n/.test(t.replace(/`[^`]*`/g, '')) || !/[.!?)…]$/.test(t));
		expect(bad).toEqual([]);
	});
});
