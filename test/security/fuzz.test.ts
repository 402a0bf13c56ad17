/**
 * Property-based fuzzing of the pure readers with real inputs: the example pipelines and runs
 * under `pipelines/` and, when it is there, the shared corpus (`../shared/corpus`, read in
 * place). Each input is mutated the ways files get damaged or crafted — cut short, random and
 * invalid UTF-8 bytes, deep nesting, huge scalars, a value of the wrong type at a key, CRLF, a
 * BOM, tabs — and every reader must still answer: no throw, no crash caught and reported as an
 * internal error, every diagnostic located (file, line >= 1, column >= 1), and output the model's
 * schema accepts. Seeds are fixed and runs counted, so the file is deterministic; inputs are
 * bounded in size, which bounds the time each takes (no wall-clock assertions).
 *
 * To explore beyond the fixed runs: FUZZ_SEED=<n> FUZZ_RUNS=<multiplier> npx vitest run --project unit test/security/fuzz.test.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleFolder, type FolderFile, type PipelineFolder } from '../../src/ingest/assemble';
import { runsOfFolder } from '../../src/ingest/runs';
import { Pipeline, Run, type Diagnostic, type Provider } from '../../src/model';
import { parseCircleCiConfig } from '../../src/providers/circleci';
import { parseGitHubWorkflows } from '../../src/providers/github-actions';
import { parseGitLabConfig } from '../../src/providers/gitlab';
import { parseHerokuApp } from '../../src/providers/heroku';
import type { ProviderOutput } from '../../src/providers/types';
import { parseRunFolder, type RunFile } from '../../src/runs/parse';
import { hasShared, schemaIssuesAs, shared } from '../providers/support';
import { asText, encoder, mutate, mutations, retype, valuePaths } from './support/mutations';

const SEED = Number(process.env.FUZZ_SEED ?? 42);
const numRuns = (count: number) => Math.round(count * Number(process.env.FUZZ_RUNS ?? 1));
/** A guard against a hang, not a measure: the machine may be busy with a site build. */
const TIMEOUT = 120_000 * Number(process.env.FUZZ_RUNS ?? 1);

const project = join(import.meta.dirname, '..', '..');
const examples = join(project, 'pipelines');
const corpus = join(shared, 'corpus');
const hasCorpus = hasShared && statSync(corpus, { throwIfNoEntry: false })?.isDirectory() === true;

// --- Checks ---------------------------------------------------------------------------------
// Collected as plain data and asserted once per input: a mutated file can carry thousands of
// diagnostics, and one `expect` each would cost more than reading the file.

/** Codes and messages of a failure the reader caught itself: a crash all the same. */
const CAUGHT_CRASH = /Maximum call stack|too much recursion|Pipeline Atlas failed to read|could not model/i;

function unlocated(diagnostics: readonly Diagnostic[]): string[] {
	const wrong: string[] = [];
	for (const d of diagnostics) {
		const { file, line, column } = d.location;
		const where = `${d.code} at ${file}:${line}:${column}: ${d.message.slice(0, 200)}`;
		if (typeof file !== 'string' || file === '' || !Number.isInteger(line) || line < 1 || !Number.isInteger(column) || column < 1) wrong.push(`not located: ${where}`);
		if (d.code.startsWith('internal') || (d.severity === 'error' && CAUGHT_CRASH.test(d.message))) wrong.push(`a crash caught: ${where}`);
	}
	return wrong;
}

function expectLocated(diagnostics: readonly Diagnostic[], what: string): void {
	expect(unlocated(diagnostics), what).toEqual([]);
}

function expectPipelines(pipelines: readonly Pipeline[], what: string): void {
	const wrong: string[] = pipelines.length === 0 ? ['no pipeline'] : [];
	for (const pipeline of pipelines) {
		const parsed = Pipeline.safeParse(pipeline);
		if (!parsed.success) wrong.push(`schema: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
		wrong.push(...unlocated(pipeline.diagnostics));
	}
	expect(wrong, what).toEqual([]);
}

function expectRunFolder(files: RunFile[], pipelines: readonly Pipeline[], hint: Provider | undefined, what: string): void {
	const result = parseRunFolder(files, hint);
	const wrong: string[] = [];
	for (const problem of result.problems) {
		if (problem.file === '') wrong.push(`problem without a file: ${problem.message}`);
		if (problem.line !== undefined && !(Number.isInteger(problem.line) && problem.line >= 1)) wrong.push(`problem at line ${problem.line}: ${problem.message}`);
		// The folder reader and each format's reader turn a throw into one of these.
		if (/^Could not read the run folder|^Could not be read as/.test(problem.message)) wrong.push(`a crash caught: ${problem.message}`);
	}
	if (result.runs.length !== result.files.length) wrong.push(`${result.runs.length} runs, ${result.files.length} file lists`);
	for (const run of result.runs) {
		const parsed = Run.safeParse({ ...run, id: 'run', group: 'group', pipelineId: 'pipeline' });
		if (!parsed.success) wrong.push(`schema: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
		for (const step of run.steps ?? []) {
			const count = step.lines?.length ?? 0;
			for (const section of step.sections ?? []) if (!(section.start <= section.end && section.end <= count)) wrong.push(`fold ${section.title} outside its step`);
			for (const mark of step.marks ?? []) if (!(mark.line < count)) wrong.push(`flagged line ${mark.line} outside its step`);
		}
	}
	const runs = runsOfFolder({ folder: 'fuzz', files: { files, skipped: [] }, pipelines, display: 'pipelines/fuzz/runs/fuzz/' });
	for (const run of runs) {
		if (!Run.safeParse(run).success) wrong.push('run rejected by the schema after ingestion');
		wrong.push(...unlocated(run.diagnostics));
	}
	expect(wrong, what).toEqual([]);
}

// --- Inputs ---------------------------------------------------------------------------------

function filesUnder(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...filesUnder(full));
		else if (entry.isFile()) out.push(full);
	}
	return out;
}

interface ExampleFolder {
	folder: PipelineFolder;
	pipelines: Pipeline[];
	runs: { name: string; files: RunFile[] }[];
}

/** The example pipelines as the ingest reads them: configs as text, runs as bytes. */
function readExamples(): ExampleFolder[] {
	return readdirSync(examples)
		.sort()
		.map((group) => {
			const dir = join(examples, group);
			const all = filesUnder(dir).map((full) => relative(dir, full).split('\\').join('/'));
			const files: FolderFile[] = all.filter((path) => !path.startsWith('runs/')).map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
			const folder: PipelineFolder = { group, displayPrefix: `pipelines/${group}/`, files };
			const runNames = [...new Set(all.filter((p) => p.startsWith('runs/')).map((p) => p.split('/')[1]!))];
			const runs = runNames.map((name) => ({
				name,
				files: all.filter((p) => p.startsWith(`runs/${name}/`)).map((p) => ({ path: p.slice(`runs/${name}/`.length), bytes: new Uint8Array(readFileSync(join(dir, p))) })),
			}));
			return { folder, pipelines: assembleFolder(folder), runs };
		});
}

/** Logs are fuzzed from their first part: their size, not their content, sets the time a run takes. */
const MAX_LOG_SAMPLE = 128 * 1024;

/** The first `max` bytes, cut after a line; zips whole (a cut one is only a broken zip). */
function atMost(bytes: Uint8Array, max: number): Uint8Array {
	if (bytes.length <= max || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return bytes;
	const end = bytes.lastIndexOf(0x0a, max);
	return bytes.subarray(0, end === -1 ? max : end + 1);
}

/** One provider's reader for a single corpus file. */
const CORPUS_READERS: Record<string, { provider: Provider; read: (path: string, text: string) => ProviderOutput }> = {
	circleci: { provider: 'circleci', read: (path, text) => parseCircleCiConfig({ path, text }) },
	'github-actions': { provider: 'github-actions', read: (path, text) => parseGitHubWorkflows([{ path, text }]) },
	gitlab: { provider: 'gitlab', read: (path, text) => parseGitLabConfig({ path, text }) },
	heroku: {
		provider: 'heroku',
		read: (path, text) => parseHerokuApp(/Procfile/i.test(path) ? { procfile: { path, text } } : { appJson: { path, text } }),
	},
};

// --- Properties -----------------------------------------------------------------------------

describe('fuzzing the example pipelines (pipelines/)', () => {
	let folders: ExampleFolder[] = [];
	beforeAll(() => {
		folders = readExamples();
	});

	it('reads them unmutated without a problem the fuzzing would flag', () => {
		for (const { folder, pipelines } of folders) expectPipelines(pipelines, folder.group);
	});

	it('reads every mutated config into pipelines the schema accepts, every diagnostic located', () => {
		const configs = folders.flatMap((f, i) => f.folder.files.map((_, j) => [i, j] as const));
		fc.assert(
			fc.property(fc.constantFrom(...configs), mutations, ([i, j], steps) => {
				const { folder } = folders[i]!;
				const target = folder.files[j]!;
				const text = asText(mutate(encoder.encode(target.text), steps));
				const files = folder.files.map((f, k) => (k === j ? { path: f.path, text } : f));
				expectPipelines(assembleFolder({ ...folder, files }), `${folder.group}/${target.path}`);
			}),
			{ seed: SEED, numRuns: numRuns(300) },
		);
	}, TIMEOUT);

	it('survives a value of every type at every key of every config', () => {
		const kinds: unknown[] = [0, -1.5, true, null, '', 'x', [], ['a', 1], {}, { a: { b: null } }];
		let tried = 0;
		for (const { folder } of folders) {
			folder.files.forEach((file, j) => {
				if (!/\.(ya?ml|json)$/.test(file.path)) return;
				const paths = file.path.endsWith('.json') ? valuePaths(JSON.parse(file.text)) : valuePaths(parseDocument(file.text).contents);
				paths.forEach((_, p) => {
					// The kinds taken in turn, so every kind reaches keys of every depth.
					const value = kinds[p % kinds.length];
					const text = retype(file.text, p, value);
					const files = folder.files.map((f, k) => (k === j ? { path: f.path, text } : f));
					expectPipelines(assembleFolder({ ...folder, files }), `${folder.group}/${file.path} key ${p} = ${JSON.stringify(value)}`);
					tried++;
				});
			});
		}
		expect(tried).toBeGreaterThan(800);
	}, TIMEOUT);

	it('reads every mutated run folder into runs the schema accepts, every problem located', () => {
		const runs = folders.flatMap((f, i) => f.runs.map((_, r) => [i, r] as const));
		expect(runs.length).toBeGreaterThanOrEqual(3);
		fc.assert(
			fc.property(fc.constantFrom(...runs), fc.nat(), mutations, fc.option(fc.nat()), ([i, r], pick, steps, cut) => {
				const { pipelines, runs: recorded, folder } = folders[i]!;
				const run = recorded[r]!;
				const index = pick % run.files.length;
				const files = run.files.map((f, k) => (k === index ? { path: f.path, bytes: mutate(f.bytes, steps) } : f));
				// The ingest cuts an oversized log and says so in a marker line: fuzz that path too.
				if (cut !== null) files[cut % files.length] = { ...files[cut % files.length]!, truncated: '[log truncated: showed the last 8 of 200 MB]' };
				expectRunFolder(files, pipelines, pipelines[0]?.provider, `${folder.group}/runs/${run.name}/${run.files[index]!.path}`);
			}),
			{ seed: SEED, numRuns: numRuns(250) },
		);
	}, TIMEOUT);
});

describe.skipIf(!hasCorpus)(`fuzzing the shared corpus (${hasCorpus ? corpus : 'skipped: needs ../shared/corpus beside the repository'})`, () => {
	const configs: { kind: string; path: string; bytes: Uint8Array }[] = [];
	const logs: { path: string; bytes: Uint8Array }[] = [];
	beforeAll(() => {
		for (const kind of Object.keys(CORPUS_READERS)) {
			for (const full of filesUnder(join(corpus, kind))) configs.push({ kind, path: relative(corpus, full), bytes: new Uint8Array(readFileSync(full)) });
		}
		// As the corpus test reads them: under the name the file had in its repository.
		for (const line of readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n')) {
			const [category, file, , original] = line.split('\t');
			if (category?.startsWith('logs/') && file && original) logs.push({ path: original, bytes: atMost(new Uint8Array(readFileSync(join(corpus, file))), MAX_LOG_SAMPLE) });
		}
	});

	it('reads every mutated corpus config into output the schema accepts, every diagnostic located', () => {
		expect(configs.length).toBeGreaterThan(100);
		fc.assert(
			fc.property(fc.nat(), mutations, (pick, steps) => {
				const { kind, path, bytes } = configs[pick % configs.length]!;
				const { provider, read } = CORPUS_READERS[kind]!;
				const output = read(path, asText(mutate(bytes, steps)));
				expect(schemaIssuesAs(output, provider), path).toEqual([]);
				expectLocated(output.diagnostics ?? [], path);
			}),
			{ seed: SEED, numRuns: numRuns(250) },
		);
	}, TIMEOUT);

	it('reads every mutated corpus log into runs the schema accepts, every problem located', () => {
		expect(logs.length).toBeGreaterThanOrEqual(20);
		fc.assert(
			fc.property(fc.nat(), mutations, fc.constantFrom<Provider | undefined>(undefined, 'circleci', 'github-actions', 'gitlab'), (pick, steps, hint) => {
				const { path, bytes } = logs[pick % logs.length]!;
				expectRunFolder([{ path, bytes: mutate(bytes, steps) }], [], hint, path);
			}),
			{ seed: SEED, numRuns: numRuns(100) },
		);
	}, TIMEOUT);
});
