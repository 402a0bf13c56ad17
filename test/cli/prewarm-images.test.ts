import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The image cache is where the build says; set before the modules that read it load.
const cache = mkdtempSync(join(tmpdir(), 'atlas-prewarm-'));
process.env.ATLAS_CACHE_DIR = cache;
const { prewarmImages } = await import('../../src/cli/prewarm-images');
const { readPipelines } = await import('../../src/ingest/read');
const { readRuns } = await import('../../src/ingest/runs');
const { Pipeline, Run } = await import('../../src/model');
const { workflowPng } = await import('../../src/diagram/render');
const { runImageFiles } = await import('../../src/site/run-images');

const pipelines = join(import.meta.dirname, '../../pipelines');
const cached = () => readdirSync(join(cache, 'images')).filter((f) => f.endsWith('.png')).length;

describe('prewarmImages', () => {
	it('stops as soon as it is told to', async () => {
		let asked = 0;
		expect(await prewarmImages(pipelines, () => ++asked > 2)).toBe(2);
	});

	it('draws every diagram and run PNG once, under the keys the image routes then find', async () => {
		const drawn = await prewarmImages(pipelines, () => false);
		expect(drawn).toBeGreaterThan(10);
		expect(cached()).toBe(drawn);
		// The routes' way to the same images: every one is found, none drawn again.
		const found = await readPipelines(pipelines);
		let diagrams = 0;
		for (const pipeline of found.map((p) => Pipeline.parse(p))) {
			for (const workflow of pipeline.workflows) {
				expect(workflowPng(pipeline, workflow).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
				diagrams++;
			}
		}
		expect(diagrams).toBeGreaterThan(3);
		expect(cached()).toBe(drawn);
		const runs = await readRuns(pipelines, found);
		let pngs = 0;
		for (const run of runs) {
			for (const file of runImageFiles(Run.parse(run))) {
				if (!file.name.endsWith('.png')) continue;
				expect(file.bytes().subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
				pngs++;
			}
		}
		expect(diagrams + pngs).toBe(drawn);
		expect(cached()).toBe(drawn);
	}, 60_000);
});
