import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp';
import { dying } from './support/dying';

vi.mock('../../src/cli/worker-apart', async (original) => (await import('./support/dying')).dyingWorkers(original));

/**
 * Two drawers in one thread take turns between images, but the second first reads every
 * pipeline, and on a busy machine the first had drawn every folder by then (a CI run: the second
 * drew nothing). With `hold`, the first reader of run folders waits after its first folder until
 * a second reader has taken one, so that the share does not depend on the machine's speed.
 */
const turns = vi.hoisted(() => {
	const turns = {
		hold: false,
		readers: 0,
		secondTook: Promise.resolve(),
		release: () => {},
		/** Holds the next two readers of run folders, the first until the second takes one. */
		arm() {
			turns.hold = true;
			turns.readers = 0;
			turns.secondTook = new Promise<void>((resolve) => (turns.release = resolve));
		},
	};
	return turns;
});
/** How many times the pipelines folder was parsed (see ../../src/loaders/parsed-pipelines.ts). */
const parses = vi.hoisted(() => ({ count: 0, meanwhile: undefined as (() => void) | undefined }));
vi.mock('../../src/ingest/read', async (original) => {
	const actual = await original<typeof import('../../src/ingest/read')>();
	const readPipelines: typeof actual.readPipelines = async (...args) => {
		parses.count++;
		const read = await actual.readPipelines(...args);
		// What happens to the folder while it is read (an edit midway).
		parses.meanwhile?.();
		return read;
	};
	return { ...actual, readPipelines };
});
vi.mock('../../src/ingest/runs', async (original) => {
	const actual = await original<typeof import('../../src/ingest/runs')>();
	const runFolders: typeof actual.runFolders = async function* (dir, pipelines, display, claims) {
		if (!turns.hold || !claims) return yield* actual.runFolders(dir, pipelines, display, claims);
		if (turns.readers++ > 0) {
			const taking = { ...claims, claim: () => (turns.release(), claims.claim()) };
			return yield* actual.runFolders(dir, pipelines, display, taking);
		}
		let first = true;
		for await (const runs of actual.runFolders(dir, pipelines, display, claims)) {
			yield runs;
			if (first) await turns.secondTook;
			first = false;
		}
	};
	return { ...actual, runFolders };
});

// The image cache is where the build says; set before the modules that read it load.
const cache = tempDir('atlas-images-');
process.env.ATLAS_CACHE_DIR = cache;
const { drawImages, runImagesFolder } = await import('../../src/cli/images');
const { drawImagesApart, moveImages } = await import('../../src/cli/image-worker');
const { readPipelines } = await import('../../src/ingest/read');
const { readRuns } = await import('../../src/ingest/runs');
const { Pipeline, Run } = await import('../../src/model');
const { clearDiagramCache, hasMatrixInstances, PAGE_DIAGRAM, renderWorkflow, workflowPng } = await import('../../src/diagram/render');
const { runImageFiles } = await import('../../src/site/run-images');
const { stepLogFile, stepLogText } = await import('../../src/site/step-logs');
const { diagramPath } = await import('../../src/diagram/paths');

const { newImageClaims, foldersLeft } = await import('../../src/cli/image-claims');
const { keptRunImages, pipelinesFingerprint } = await import('../../src/cli/kept-images');
const { drawOrLink } = await import('../../src/cli/draw-or-link');
const { markParsing, parsedPipelines, PARSING } = await import('../../src/loaders/parsed-pipelines');

const pipelines = join(import.meta.dirname, '../../pipelines');
/** Every file under `dir`, by path, with its bytes. */
const files = (dir: string) =>
	Object.fromEntries(
		readdirSync(dir, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => [join(e.parentPath, e.name).slice(dir.length), readFileSync(join(e.parentPath, e.name)).toString('base64')]),
	);
const cachedPngs = () => readdirSync(join(cache, 'images')).filter((f) => f.endsWith('.png')).length;

describe('drawImages', () => {
	it('stops as soon as the build is abandoned', async () => {
		let asked = 0;
		const into = tempDir('atlas-images-out-');
		const made = await drawImages(pipelines, into, () => ++asked > 2);
		// Stopped when first told; layouts come first, so nothing was written.
		expect(asked).toBe(3);
		expect(made).toBe(0);
		expect(readdirSync(into)).toEqual([]);
	});

	it('draws every diagram into the cache, and writes every diagram PNG and run image as the routes would make them', async () => {
		const into = tempDir('atlas-images-out-');
		const made = await drawImages(pipelines, into);
		const found = await readPipelines(pipelines);
		const runs = (await readRuns(pipelines, found)).map((r) => Run.parse(r));
		expect(runs.length).toBeGreaterThan(1);

		// The diagram routes find every diagram in the cache: none is drawn again. Each PNG is
		// also where its route would write it, with the route's bytes.
		const before = cachedPngs();
		let diagrams = 0;
		for (const pipeline of found.map((p) => Pipeline.parse(p))) {
			for (const workflow of pipeline.workflows) {
				const png = workflowPng(pipeline, workflow);
				expect(png.subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
				expect(new Uint8Array(readFileSync(join(into, diagramPath(pipeline, workflow, 'png'))))).toEqual(new Uint8Array(png));
				diagrams++;
			}
		}
		expect(diagrams).toBeGreaterThan(3);
		expect(cachedPngs()).toBe(before);

		// So do the pipeline pages' own diagrams (no legend; one node per matrix instance too):
		// laid out ahead of the pages, none is laid out again.
		clearDiagramCache();
		const layouts = () => readdirSync(join(cache, 'texts')).length;
		const laidOut = layouts();
		let detailed = 0;
		for (const pipeline of found.map((p) => Pipeline.parse(p))) {
			for (const workflow of pipeline.workflows) {
				renderWorkflow(pipeline, workflow, PAGE_DIAGRAM);
				if (!hasMatrixInstances(workflow)) continue;
				renderWorkflow(pipeline, workflow, { ...PAGE_DIAGRAM, detail: true });
				detailed++;
			}
		}
		expect(detailed).toBeGreaterThan(0);
		expect(layouts()).toBe(laidOut);

		// Each run's folder holds exactly its images (no zip: the run page makes it in the browser),
		// byte for byte what the image route gives.
		let files = 0;
		for (const run of runs) {
			const folder = join(into, runImagesFolder(run));
			const expected = runImageFiles(run).map((f) => f.name).sort();
			expect(readdirSync(folder).sort()).toEqual(expected);
			for (const file of runImageFiles(run)) expect(new Uint8Array(readFileSync(join(folder, file.name)))).toEqual(new Uint8Array(file.bytes()));
			files += expected.length;
			// And its steps' log downloads, byte for byte what the log route gives.
			for (const step of run.steps) expect(readFileSync(join(into, stepLogFile(run, step)), 'utf8')).toBe(stepLogText(run, step));
			files += run.steps.length;
		}
		expect(runs.some((run) => run.steps.length > 0)).toBe(true);
		expect(made).toBe(diagrams + files);

		// Moved into the site, beside each run's page, and beside the diagram files Astro wrote.
		const site = tempDir('atlas-images-site-');
		const parsed = found.map((p) => Pipeline.parse(p));
		const first = parsed.find((p) => p.workflows.length > 0)!;
		const astroSvg = join(site, diagramPath(first, first.workflows[0]!, 'svg'));
		mkdirSync(dirname(astroSvg), { recursive: true });
		writeFileSync(astroSvg, '<svg/>');
		moveImages(into, site);
		for (const run of runs) expect(readdirSync(join(site, runImagesFolder(run))).length).toBeGreaterThan(2);
		for (const run of runs) for (const step of run.steps) expect(existsSync(join(site, stepLogFile(run, step))), stepLogFile(run, step)).toBe(true);
		expect(readdirSync(join(into, 'pipelines', runs[0]!.pipelineId, 'runs', runs[0]!.id))).toEqual([]);
		for (const pipeline of parsed) for (const workflow of pipeline.workflows) expect(existsSync(join(site, diagramPath(pipeline, workflow, 'png')))).toBe(true);
		expect(readFileSync(astroSvg, 'utf8')).toBe('<svg/>');
		// A pipeline without runs (the folder has diagrams only) moves too.
		expect(parsed.some((p) => p.workflows.length > 0 && !runs.some((r) => r.pipelineId === p.id))).toBe(true);
	}, 120_000);

	it('keeps a set of run images for the pipelines folder as it is, and draws again once it changes', async () => {
		const source = tempDir('atlas-images-pipelines-');
		cpSync(pipelines, source, { recursive: true });
		const keptIn = tempDir('atlas-images-cache-');
		const first = tempDir('atlas-images-out-');
		const made = await drawImages(source, first, () => false, keptIn);
		const runs = (await readRuns(source, await readPipelines(source))).map((r) => Run.parse(r));
		const run = runs.find((r) => r.steps.length > 1)!;
		const stageSvg = runImageFiles(run).find((f) => f.name.endsWith('.svg') && !f.name.includes('-00-job-'))!.name;
		const svg = (dir: string) => readFileSync(join(dir, runImagesFolder(run), stageSvg));

		// A PNG is the image cache's file linked into the site, not the same bytes written again.
		const png = readdirSync(first, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.png'))!;
		const cachedInodes = new Set(readdirSync(join(cache, 'images')).map((f) => statSync(join(cache, 'images', f)).ino));
		expect(cachedInodes.has(statSync(join(first, png)).ino)).toBe(true);

		// Unchanged: the same files, diagram PNGs included, linked from the kept set rather than
		// drawn or looked up again.
		const second = tempDir('atlas-images-out-');
		const workflows = (await readPipelines(source)).reduce((n, p) => n + p.workflows.length, 0);
		expect(workflows).toBeGreaterThan(0);
		expect(await drawImages(source, second, () => false, keptIn)).toBe(made);
		expect(files(second)).toEqual(files(first));
		expect(svg(second)).toEqual(svg(first));
		const inode = (dir: string) => statSync(join(dir, runImagesFolder(run), stageSvg)).ino;
		expect(inode(second)).toBe(inode(first));

		// A run's log changed: its images are drawn again, and they show the change.
		const logs = readdirSync(join(source), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('/runs/') && /\.(log|txt)$/.test(f));
		expect(logs.length).toBeGreaterThan(0);
		for (const log of logs) appendFileSync(join(source, log), '\nanother line\n');
		const third = tempDir('atlas-images-out-');
		await drawImages(source, third, () => false, keptIn);
		const changed = readdirSync(third, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('/runs/') && f.endsWith('.svg'));
		expect(changed.some((f) => !readFileSync(join(third, f)).equals(readFileSync(join(first, f))))).toBe(true);
		expect(inode(third)).not.toBe(inode(first));
		expect(readdirSync(join(keptIn, 'run-images'))).toHaveLength(1);
	}, 120_000);

	it('draws the PNGs at the scale the build asks for, and links no set kept at another scale', async () => {
		const keptIn = tempDir('atlas-images-cache-');
		/** Each PNG's width in pixels (IHDR), by path. */
		const widths = (dir: string) =>
			Object.fromEntries(
				readdirSync(dir, { recursive: true, encoding: 'utf8' })
					.filter((f) => f.endsWith('.png'))
					.map((f) => [f, readFileSync(join(dir, f)).readUInt32BE(16)]),
			);
		const given = process.env.ATLAS_PNG_SCALE;
		try {
			process.env.ATLAS_PNG_SCALE = '1';
			const one = tempDir('atlas-images-out-');
			await drawImages(pipelines, one, () => false, keptIn);
			const small = widths(one);
			expect(Object.keys(small).filter((f) => f.includes('/runs/')).length).toBeGreaterThan(10);
			expect(Object.keys(small).filter((f) => f.includes('/diagrams/')).length).toBeGreaterThan(3);
			process.env.ATLAS_PNG_SCALE = '2';
			const two = tempDir('atlas-images-out-');
			await drawImages(pipelines, two, () => false, keptIn);
			const large = widths(two);
			expect(Object.keys(large).sort()).toEqual(Object.keys(small).sort());
			// Stage and job images exactly twice as wide; diagrams as resvg rounds their zoom.
			for (const [file, width] of Object.entries(small)) expect(Math.abs(large[file]! - width * 2), file).toBeLessThanOrEqual(file.includes('/diagrams/') ? 2 : 0);
			expect(readdirSync(join(keptIn, 'run-images'))).toEqual([basename(keptRunImages(pipelines, keptIn)!)]);
			// Back to 1: what is kept is the 2x set, so the images are drawn (from the cache) at 1x.
			process.env.ATLAS_PNG_SCALE = '1';
			const again = tempDir('atlas-images-out-');
			await drawImages(pipelines, again, () => false, keptIn);
			expect(widths(again)).toEqual(small);
		} finally {
			if (given === undefined) delete process.env.ATLAS_PNG_SCALE;
			else process.env.ATLAS_PNG_SCALE = given;
		}
	}, 120_000);

	it('draws in a worker thread the files it draws in the CLI, in the CLI once the worker runs out of heap, and stops when abandoned', async () => {
		const here = tempDir('atlas-images-out-');
		const made = await drawImages(pipelines, here, () => false, cache);
		const apart = tempDir('atlas-images-out-');
		// A kept set of its own: the worker draws rather than links what the first call kept.
		expect(await drawImagesApart(pipelines, apart, tempDir('atlas-images-cache-')).made).toBe(made);
		expect(files(apart)).toEqual(files(here));

		// Out of its heap after a few images (./support/dying-worker.mjs), it hands over to the
		// calling thread, which draws the same files.
		dying.next = true;
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const fallback = tempDir('atlas-images-out-');
		try {
			expect(await drawImagesApart(pipelines, fallback, tempDir('atlas-images-cache-')).made).toBe(made);
			expect(log).toHaveBeenCalledWith('The image worker ran out of its 512 MB heap: carrying on in the main thread.');
		} finally {
			log.mockRestore();
		}
		expect(files(fallback)).toEqual(files(here));

		const stopped = drawImagesApart(pipelines, tempDir('atlas-images-out-'), tempDir('atlas-images-cache-'));
		stopped.abandon();
		expect(await stopped.made).toBeLessThan(made);
	}, 120_000);

	it('shares the run folders with a second drawer that joins late: between them, the files one draws alone', async () => {
		const alone = tempDir('atlas-images-out-');
		const made = await drawImages(pipelines, alone, () => false, tempDir('atlas-images-cache-'));
		const claims = newImageClaims();
		const into = tempDir('atlas-images-out-');
		const cacheDir = tempDir('atlas-images-cache-');
		const fingerprint = pipelinesFingerprint(pipelines);
		const kept = keptRunImages(pipelines, cacheDir, fingerprint);
		const parsedBefore = parses.count;
		turns.arm();
		let byFirst: number;
		let bySecond: number;
		try {
			const first = drawImages(pipelines, into, () => false, cacheDir, { claims, kept, fingerprint });
			// The second starts once the first has listed the run folders, as the CLI starts it when
			// Astro exits; in one thread, the two take turns between images.
			while (foldersLeft(claims) === 0) await new Promise((r) => setTimeout(r, 1));
			// Done without taking a folder, it lets the first go on: the test then fails on its count, not on a timeout.
			const second = drawImages(pipelines, into, () => false, cacheDir, { claims, helper: true, fingerprint }).finally(() => turns.release());
			[byFirst, bySecond] = await Promise.all([first, second]);
		} finally {
			turns.hold = false;
		}
		// Parsed once, by the first: the second is handed those (as Astro's loaders are, see test/loaders/pipelines.test.ts).
		expect(parses.count - parsedBefore).toBe(1);
		expect(JSON.stringify(parsedPipelines(cacheDir, fingerprint!))).toBe(JSON.stringify(await readPipelines(pipelines, 'pipelines/')));
		expect(bySecond).toBeGreaterThan(0);
		expect(byFirst + bySecond).toBe(made);
		expect(files(into)).toEqual(files(alone));
		// Keeping is the caller's once both are done: nothing kept yet.
		expect(existsSync(kept!)).toBe(false);
	}, 120_000);

	it('keeps no parsed pipelines for a folder edited while it was read', async () => {
		const source = tempDir('atlas-images-pipelines-');
		cpSync(pipelines, source, { recursive: true });
		const config = readdirSync(source, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('config.yml'))!;
		const asItWas = pipelinesFingerprint(source)!;
		const cacheDir = tempDir('atlas-images-cache-');
		parses.meanwhile = () => appendFileSync(join(source, config), '\n# edited\n');
		markParsing(cacheDir);
		try {
			await drawImages(source, tempDir('atlas-images-out-'), () => false, cacheDir, { claims: newImageClaims(), fingerprint: asItWas });
		} finally {
			parses.meanwhile = undefined;
		}
		expect(parsedPipelines(cacheDir, asItWas)).toBeUndefined();
		// Nor does it leave Astro's loaders waiting for them.
		expect(existsSync(join(cacheDir, PARSING))).toBe(false);
		// Left alone, the same folder's are kept.
		const still = pipelinesFingerprint(source)!;
		await drawImages(source, tempDir('atlas-images-out-'), () => false, cacheDir, { claims: newImageClaims(), fingerprint: still });
		expect(parsedPipelines(cacheDir, still)).toHaveLength((await readPipelines(source)).length);
	}, 120_000);

	it('leaves nothing to a second drawer when the first links the kept images', async () => {
		const cacheDir = tempDir('atlas-images-cache-');
		const made = await drawImages(pipelines, tempDir('atlas-images-out-'), () => false, cacheDir);
		const claims = newImageClaims();
		const into = tempDir('atlas-images-out-');
		markParsing(cacheDir);
		const parsedBefore = parses.count;
		const linked = await drawImages(pipelines, into, () => false, cacheDir, { claims, kept: keptRunImages(pipelines, cacheDir) });
		expect(linked).toBe(made);
		// Nothing parsed, and nothing left for Astro's loaders to wait for.
		expect(parses.count).toBe(parsedBefore);
		expect(existsSync(join(cacheDir, PARSING))).toBe(false);
		expect(await drawImages(pipelines, into, () => false, cacheDir, { claims, helper: true })).toBe(0);
	}, 120_000);

	it('links the kept images without loading the drawing code, which leaves no mark and no folder to draw', async () => {
		const cacheDir = tempDir('atlas-images-cache-');
		const drawnInto = tempDir('atlas-images-out-');
		const made = await drawImages(pipelines, drawnInto, () => false, cacheDir);
		const claims = newImageClaims();
		const into = tempDir('atlas-images-out-');
		markParsing(cacheDir);
		let loaded = 0;
		const loadDrawing = async () => {
			loaded++;
			return { drawImages };
		};
		const share = { claims, kept: keptRunImages(pipelines, cacheDir), fingerprint: pipelinesFingerprint(pipelines) };
		expect(await drawOrLink({ pipelines, into, cacheDir, share }, () => false, loadDrawing)).toBe(made);
		expect(loaded).toBe(0);
		expect(files(into)).toEqual(files(drawnInto));
		expect(existsSync(join(cacheDir, PARSING))).toBe(false);
		expect(foldersLeft(claims)).toBe(0);
		// Nothing kept for the pipelines as they are (another cache): drawn, by the drawing code.
		const elsewhere = tempDir('atlas-images-cache-');
		expect(await drawOrLink({ pipelines, into: tempDir('atlas-images-out-'), cacheDir: elsewhere, share: { claims: newImageClaims(), kept: keptRunImages(pipelines, elsewhere), fingerprint: pipelinesFingerprint(pipelines) } }, () => false, loadDrawing)).toBe(made);
		expect(loaded).toBe(1);
		// The worker thread's own way gives the same.
		const viaWorker = tempDir('atlas-images-out-');
		expect(await drawImagesApart(pipelines, viaWorker, cacheDir, { claims: newImageClaims(), kept: keptRunImages(pipelines, cacheDir), fingerprint: pipelinesFingerprint(pipelines) }).made).toBe(made);
		expect(files(viaWorker)).toEqual(files(drawnInto));
	}, 120_000);
});
