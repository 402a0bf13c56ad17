import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, decodeEntities, hasSeeds, hashTree, listFiles, modelJson, runCli, seedsDir, seedsLabel, transcript } from './support/cli';
import { tempDir } from '../support/temp';

const SYSTEMS = ['titus', 'orange-county-lettings', 'banking-on-clojure'];

interface Pipeline {
	id: string;
	sources: { path: string; role: string }[];
	jobs: { id: string; slug: string }[];
	diagnostics: { severity: string; code: string; message: string; location: { file: string; line: number; column: number } }[];
}

/** The seed folders are read-only; the copies are made writable like a normal checkout. */
function makeWritable(dir: string): void {
	chmodSync(dir, 0o755);
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) makeWritable(full);
		else chmodSync(full, 0o644);
	}
}

describe.skipIf(!hasSeeds)(`build from the seed systems (${seedsLabel})`, () => {
	let input = '';
	let out = '';
	let before: Record<string, string> = {};
	let pipelines: Pipeline[] = [];
	let args: string[] = [];
	let result: CliResult;

	beforeAll(async () => {
		input = tempDir('atlas-cli-pipelines-');
		out = tempDir('atlas-cli-site-');
		for (const system of SYSTEMS) {
			cpSync(join(seedsDir, system), join(input, system), { recursive: true, filter: (src) => !/\.(png|svg)$/i.test(src) });
		}
		makeWritable(input);
		before = hashTree(input);
		pipelines = await modelJson<Pipeline[]>(input);
		args = ['build', '--pipelines', input, '--out', out, '--site', 'https://ci.example.org'];
		result = await runCli(args, { timeoutMs: 400_000 });
	}, 420_000);

	afterAll(() => {
		for (const dir of [input, out]) if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const page = (...parts: string[]) => join(out, ...parts, 'index.html');

	it('copied the three systems without their images', () => {
		expect(readdirSync(input).sort()).toEqual([...SYSTEMS].sort());
		expect(Object.keys(before).filter((f) => /\.(png|svg)$/i.test(f))).toEqual([]);
		expect(Object.keys(before)).toContain('titus/circleci-config.tagged-deploy.yml');
	});

	it('exits 0', () => {
		expect(result.status, transcript(args, result)).toBe(0);
	});

	it('writes the overview and the search index', () => {
		expect(existsSync(join(out, 'index.html')), transcript(args, result)).toBe(true);
		expect(existsSync(join(out, 'pagefind')) && statSync(join(out, 'pagefind')).isDirectory()).toBe(true);
		expect(listFiles(join(out, 'pagefind')).length).toBeGreaterThan(0);
	});

	it('gives a site whose address it was told a sitemap and canonical links', () => {
		const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
		expect(sitemap).toContain('<loc>https://ci.example.org/</loc>');
		expect(sitemap).toContain(`<loc>https://ci.example.org/pipelines/${pipelines[0]!.id}/</loc>`);
		expect(readFileSync(page('pipelines', pipelines[0]!.id), 'utf8')).toContain(`<link rel="canonical" href="https://ci.example.org/pipelines/${pipelines[0]!.id}/"/>`);
	});

	it('writes a page for every pipeline the ingest produces, linked from the overview', () => {
		expect(pipelines.length).toBeGreaterThanOrEqual(3);
		const overview = readFileSync(join(out, 'index.html'), 'utf8');
		const missing = pipelines.map((p) => p.id).filter((id) => !existsSync(page('pipelines', id)));
		expect(missing, `pipeline pages missing (built: ${existsSync(join(out, 'pipelines')) ? readdirSync(join(out, 'pipelines')).join(', ') : 'none'})`).toEqual([]);
		const unlinked = pipelines.map((p) => p.id).filter((id) => !overview.includes(`href="/pipelines/${id}/"`));
		expect(unlinked, 'pipelines the overview does not link to').toEqual([]);
	});

	it('writes the job page of the orb job heroku/deploy-via-git', () => {
		const owner = pipelines.find((p) => p.jobs.some((j) => j.id === 'heroku/deploy-via-git'));
		expect(owner, `no pipeline has heroku/deploy-via-git (${pipelines.map((p) => p.id).join(', ')})`).toBeDefined();
		expect(owner!.jobs.find((j) => j.id === 'heroku/deploy-via-git')!.slug).toBe('heroku--deploy-via-git');
		expect(existsSync(page('pipelines', owner!.id, 'jobs', 'heroku--deploy-via-git'))).toBe(true);
	});

	it('gives the broken Orange config a page that shows its YAML error', () => {
		const broken = pipelines.find((p) => p.sources.some((s) => s.path.endsWith('circleci-config.broken-yaml.yml')));
		expect(broken, `no pipeline for the broken config (${pipelines.map((p) => p.id).join(', ')})`).toBeDefined();
		const yamlError = broken!.diagnostics.find((d) => d.severity === 'error' && /yaml/i.test(`${d.code} ${d.message}`));
		expect(yamlError, JSON.stringify(broken!.diagnostics, null, 1)).toBeDefined();

		const file = page('pipelines', broken!.id);
		expect(existsSync(file)).toBe(true);
		const html = decodeEntities(readFileSync(file, 'utf8'));
		expect(html).toMatch(/circleci-config\.broken-yaml\.yml:[78]:\d+/);
		// Shown as text, its `code` as code: the page's text holds the message without the backticks.
		expect(html.replace(/<[^>]+>/g, '')).toContain(yamlError!.message.replace(/`([^`]+)`/g, '$1'));
	});

	it('never shows where the build machine keeps the inputs', () => {
		const pages = [page('pipelines', pipelines[0]!.id), page('pipelines', pipelines[0]!.id, 'jobs', pipelines[0]!.jobs[0]!.slug)];
		for (const file of pages) {
			const html = readFileSync(file, 'utf8');
			expect(html).not.toContain(input);
			expect(html).toContain(`${basename(input)}/`);
		}
	});

	it('writes nothing into the pipelines folder it reads', () => {
		expect(hashTree(input)).toEqual(before);
	});
});
