import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashTree } from '../cli/support/cli';
import { base, repoRoot, siteDir } from './support/paths';
import { tempDir } from '../support/temp';

/** A build with this process's environment: Vitest's own variables (BASE_URL=/, DEV=1) in it, which the build must ignore. */
function build(args: string[], env: Record<string, string> = {}) {
	return spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 380_000 });
}

describe('builds', () => {
	it('are deterministic: the same input gives the same bytes, and the inputs are never written', () => {
		const inputs = { pipelines: hashTree(join(repoRoot, 'pipelines')), content: hashTree(join(repoRoot, 'content')) };
		const out = join(tempDir('atlas-again-'), 'dist');
		// From scratch: nothing the first build drew or parsed is reused.
		const result = build(['--out', out, '--base', base, '--no-cache']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).not.toContain('unchanged since the last build');
		// Nothing to worry a reader of the log: the example has no problem to warn about.
		expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => /\bWARN\b|warning/i.test(line))).toEqual([]);
		// Its throwaway cache is gone (named for its process: other tests' builds run beside this one).
		expect(readdirSync(join(repoRoot, 'node_modules/.astro')).filter((f) => f.startsWith(`no-cache-${result.pid}-`))).toEqual([]);
		const first = hashTree(siteDir);
		const second = hashTree(out);
		expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
		const differing = Object.keys(first).filter((file) => first[file] !== second[file]);
		expect(differing).toEqual([]);
		expect({ pipelines: hashTree(join(repoRoot, 'pipelines')), content: hashTree(join(repoRoot, 'content')) }).toEqual(inputs);
	}, 400_000);

	// The failing build is the docs' checks': a broken link and a doc that throws as it renders are
	// both reported, by file and line, once every page is built (see src/integrations/docs-links.ts).
	it('that fail leave the previous site as it was, naming each broken link and doc that failed to render', () => {
		const root = tempDir('atlas-keep-');
		mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
		writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n');
		mkdirSync(join(root, 'content/docs'), { recursive: true });
		writeFileSync(join(root, 'content/docs/start.md'), '---\ntitle: Start\n---\n\nSee [the shop](/pipelines/shop/).\n');
		const args = ['--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', join(root, 'dist'), '--base', '/docs/ci/'];
		expect(build(args).status).toBe(0);
		// Docs from a content folder outside the project are in every page's sidebar all the same.
		expect(readFileSync(join(root, 'dist/pipelines/shop/index.html'), 'utf8')).toMatch(/<a href="\/docs\/ci\/docs\/start\/"[^>]*><span[^>]*>Start<\/span>/);
		const good = hashTree(join(root, 'dist'));
		writeFileSync(join(root, 'content/docs/start.md'), '---\ntitle: Start\n---\n\nSee [the shop](/pipelines/shop/) first.\n\nThen [the ghost](/pipelines/ghost/).\n\nAnd [the plans](/docs/pricing/#plans).\n');
		// An MDX expression naming nothing: the other docs are still built.
		writeFileSync(join(root, 'content/docs/pricing.mdx'), '---\ntitle: Pricing\n---\n\nCosts {missing.value} a month.\n');
		const failed = build(args);
		expect(failed.status).not.toBe(0);
		expect(failed.stderr).toContain('the previous site');
		const output = failed.stdout + failed.stderr;
		expect(output).toContain('1 doc not rendered and 1 broken link in content/docs:');
		expect(output).toContain('content/docs/pricing.mdx:5:7: could not be rendered: missing is not defined. In MDX, text in braces');
		expect(output).toContain('content/docs/start.md:7: broken link /docs/ci/pipelines/ghost/: no page /docs/ci/pipelines/ghost/');
		// The good link is not reported, nor one to a heading of the doc that failed to render.
		expect(output).not.toContain('broken link /docs/ci/pipelines/shop/');
		expect(output).not.toContain('#plans');
		// Only the docs changed: the pipelines were not parsed again.
		expect(failed.stdout).toMatch(/1 pipelines from .*, unchanged since the last build/);
		expect(hashTree(join(root, 'dist'))).toEqual(good);
		expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
		expect(existsSync(join(root, 'dist/index.html'))).toBe(true);

		// A changed config is read again, whatever the cache holds.
		writeFileSync(join(root, 'content/docs/start.md'), '---\ntitle: Start\n---\n\nSee [the shop](/pipelines/shop/).\n');
		rmSync(join(root, 'content/docs/pricing.mdx'));
		writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\n  lint:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build, lint]\n');
		const again = build(args);
		expect(again.status, again.stderr).toBe(0);
		expect(again.stdout).not.toContain('unchanged since the last build');
		expect(existsSync(join(root, 'dist/pipelines/shop/jobs/lint/index.html'))).toBe(true);
	}, 400_000);

	it('that run out of heap under their limit are started again with Node\'s own', () => {
		const root = tempDir('atlas-heap-');
		mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
		writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n');
		const result = build(['--pipelines', join(root, 'pipelines'), '--out', join(root, 'dist')], { ATLAS_ASTRO_HEAP_MB: '40' });
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('Astro ran out of its 40 MB heap: building again');
		expect(existsSync(join(root, 'dist/pipelines/shop/jobs/build/index.html'))).toBe(true);
		expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
	}, 400_000);
});
