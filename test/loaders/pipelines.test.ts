import * as devalue from 'devalue';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPipelines } from '../../src/ingest/read';
import { forget, pipelinesFolder } from '../../src/loaders/inputs';
import { doneParsing, keepParsedPipelines, markParsing } from '../../src/loaders/parsed-pipelines';
import { pipelinesLoader } from '../../src/loaders/pipelines';
import { StoredPipeline } from '../../src/model';
import { tempDir } from '../support/temp';

/** A folder of two pipelines with errors (a workflow's unknown job, a `needs` of none). */
function withErrors(): string {
	const dir = tempDir('atlas-pipelines-loader-');
	mkdirSync(join(dir, 'shop/.circleci'), { recursive: true });
	writeFileSync(join(dir, 'shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: node:22 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build, deploy]\n');
	mkdirSync(join(dir, 'web/.github/workflows'), { recursive: true });
	writeFileSync(join(dir, 'web/.github/workflows/ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    needs: [nope]\n    steps:\n      - run: make test\n');
	return dir;
}
const examples = join(import.meta.dirname, '../../pipelines');

/** What `load` is given, as Astro's content layer gives it: a store and meta that outlive a sync. */
function context(entries = new Map<string, { id: string; data: unknown; digest?: string }>(), meta = new Map<string, string>()) {
	const told: string[] = [];
	const logger = { info: (m: string) => told.push(`info ${m}`), warn: (m: string) => told.push(`warn ${m}`), error: (m: string) => told.push(`error ${m}`) };
	const store = {
		set: (entry: { id: string; data: unknown; digest?: string }) => (entries.set(entry.id, entry), true),
		clear: () => entries.clear(),
		keys: () => [...entries.keys()],
		values: () => [...entries.values()],
	};
	const generateDigest = (data: string) => `digest of ${data.length}`;
	// A build cache of its own: nothing handed on in it unless a test puts it there.
	const config = { cacheDir: pathToFileURL(`${tempDir('atlas-pipelines-cache-')}/`) };
	return { entries, meta, told, ctx: { config, store, meta, logger, generateDigest, watcher: undefined } as unknown as Parameters<ReturnType<typeof pipelinesLoader>['load']>[0] };
}

/** A value as JSON gives it back: fields left `undefined` are left out. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('pipelinesLoader', () => {
	it.each([['the examples', examples], ['pipelines with errors', withErrors()]])('stores each of %s as the bytes of its JSON, which give the model back, with its problems beside it', async (_, dir) => {
		forget(dir);
		const { entries, ctx, told } = context();
		await pipelinesLoader({ dir }).load(ctx);
		const pipelines = await readPipelines(dir, `${basename(dir)}/`);
		expect([...entries.keys()].sort()).toEqual(pipelines.map((p) => p.id).sort());
		for (const pipeline of pipelines) {
			const data = StoredPipeline.parse(entries.get(pipeline.id)!.data);
			expect(JSON.parse(new TextDecoder().decode(data.model)), pipeline.id).toEqual(asJson(pipeline));
			expect(data.problems).toEqual(pipeline.diagnostics.filter((d) => d.severity !== 'info'));
		}
		expect(told.filter((m) => !m.startsWith('info')).length).toBe(pipelines.flatMap((p) => p.diagnostics).filter((d) => d.severity !== 'info').length);
	});

	it('keeps the entries of an unchanged folder, telling their problems again', async () => {
		const dir = withErrors();
		const first = context();
		await pipelinesLoader({ dir }).load(first.ctx);
		const stored = new Map(first.entries);
		forget(dir);
		const again = context(first.entries, first.meta);
		await pipelinesLoader({ dir }).load(again.ctx);
		expect(again.told.filter((m) => m.startsWith('error'))).toHaveLength(2);
		for (const [id, entry] of stored) expect(again.entries.get(id)).toBe(entry);
		expect(again.told.filter((m) => !m.startsWith('info'))).toEqual(first.told.filter((m) => !m.startsWith('info')));
		expect(again.told.at(-1)).toMatch(/unchanged since the last build/);
	});

	it('stores the pipelines the image worker parsed for the folder as it is, and parses what it did not', async () => {
		const dir = withErrors();
		forget(dir);
		const parsed = await readPipelines(dir, `${basename(dir)}/`);
		// Told apart from what a parse gives: a title no config has.
		const handedOn = parsed.map((p) => ({ ...p, title: `${p.title} (handed on)` }));
		const { entries, ctx, told } = context();
		const cacheDir = fileURLToPath(ctx.config.cacheDir);
		const asItWas = pipelinesFolder(dir).fingerprint;
		// Kept after the loader asks, while the worker says it is parsing them: the loader waits.
		markParsing(cacheDir);
		setTimeout(() => {
			keepParsedPipelines(cacheDir, asItWas, handedOn);
			doneParsing(cacheDir);
		}, 100);
		forget(dir);
		await pipelinesLoader({ dir }).load(ctx);
		const titles = () => [...entries.values()].map((e) => (JSON.parse(new TextDecoder().decode(StoredPipeline.parse(e.data).model)) as { title: string }).title);
		expect(titles()).toEqual(handedOn.map((p) => p.title));
		expect(told.at(-1)).toMatch(/^info 2 pipelines from .*, parsed by the image worker$/);

		// Kept for the folder as it was: after an edit, the loader parses.
		writeFileSync(join(dir, 'shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: node:24 }]\n    steps: [checkout]\n');
		forget(dir);
		const again = context();
		keepParsedPipelines(fileURLToPath(again.ctx.config.cacheDir), asItWas, handedOn);
		await pipelinesLoader({ dir }).load(again.ctx);
		const models = [...again.entries.values()].map((e) => new TextDecoder().decode(StoredPipeline.parse(e.data).model));
		expect(models).toHaveLength(2);
		expect(models.some((m) => m.includes('(handed on)'))).toBe(false);
		expect(models.some((m) => m.includes('node:24'))).toBe(true);
		expect(again.told.at(-1)).not.toMatch(/parsed by the image worker/);
	});

	it('survives the store being written and read as Astro does (devalue), bytes and all', async () => {
		forget(examples);
		const { entries, ctx } = context();
		await pipelinesLoader({ dir: examples }).load(ctx);
		const back = devalue.parse(devalue.stringify(new Map([...entries]))) as Map<string, { data: unknown }>;
		for (const [id, entry] of entries) {
			const data = StoredPipeline.parse(back.get(id)!.data);
			expect(data.model).toBeInstanceOf(ArrayBuffer);
			expect(Buffer.from(data.model).equals(Buffer.from((entry.data as StoredPipeline).model))).toBe(true);
		}
	});
});
