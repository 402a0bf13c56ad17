import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

// The build cache is where the build says; set before the modules that read it load.
const cache = tempDir('atlas-run-images-');
process.env.ATLAS_CACHE_DIR = cache;
const { readPipelines } = await import('../../src/ingest/read');
const { readRuns } = await import('../../src/ingest/runs');
const { Run } = await import('../../src/model');
const { runImageFiles } = await import('../../src/site/run-images');

const pipelines = join(import.meta.dirname, '../../pipelines');
const files = (folder: string, extension: string) => readdirSync(join(cache, folder)).filter((f) => f.endsWith(extension)).length;

describe('run images from the build cache', () => {
	it('gives a run the same SVGs again, and new ones once the run changes', async () => {
		const runs = await readRuns(pipelines, await readPipelines(pipelines));
		const run = Run.parse(runs.find((r) => r.steps.length > 2 && r.steps[1]!.lines.length > 0)!);
		// The routes' module keeps the drawings of the run at hand in memory: another run lets them go.
		const other = Run.parse(runs.find((r) => r.id !== run.id)!);
		const forget = () => runImageFiles(other)[1]!.bytes();
		const svgs = (r: typeof run) => runImageFiles(r).filter((f) => f.name.endsWith('.svg')).map((f) => new TextDecoder().decode(f.bytes()));
		const first = svgs(run);
		const texts = files('texts', '.txt');
		expect(texts).toBe(first.length);

		// Another copy of the same run, in a later build.
		forget();
		expect(svgs(Run.parse(structuredClone(run)))).toEqual(first);
		expect(files('texts', '.txt')).toBe(texts + 1); // the other run's job view

		// One step's log changed: that stage is drawn again (the job view too, the same).
		forget();
		const changed = Run.parse(structuredClone(run));
		changed.steps[1]!.lines = changed.steps[1]!.lines.map((line) => `changed ${line}`);
		const again = svgs(changed);
		expect(again[2]).toContain('changed');
		expect(again.filter((svg, i) => svg !== first[i])).toHaveLength(1);
		expect(files('texts', '.txt')).toBe(texts + 3);
	}, 60_000);
});
