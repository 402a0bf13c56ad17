import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths';
import { tempDir } from '../support/temp';

describe('a broken link in the onboarding docs', () => {
	it('fails the build, naming the file, line and link, and a doc that failed to render beside it', () => {
		const root = tempDir('atlas-broken-link-');
		mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
		writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/base:2024.02 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n');
		mkdirSync(join(root, 'content/docs'), { recursive: true });
		writeFileSync(join(root, 'content/docs/start.md'), '---\ntitle: Start\n---\n\nSee [the shop](/pipelines/shop/) first.\n\nThen [the ghost](/pipelines/ghost/).\n');
		// And a doc that fails as it renders: an MDX expression naming nothing. The other docs are
		// still built, and both problems reported at once.
		writeFileSync(join(root, 'content/docs/pricing.mdx'), '---\ntitle: Pricing\n---\n\nCosts {missing.value} a month.\n');
		const result = spawnSync(process.execPath, [join(repoRoot, 'bin/pipeline-atlas.mjs'), 'build', '--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', join(root, 'dist'), '--base', '/docs/ci/'], {
			cwd: repoRoot,
			encoding: 'utf8',
		});
		expect(result.status).not.toBe(0);
		const output = result.stdout + result.stderr;
		expect(output).toContain('content/docs/start.md:7: broken link /docs/ci/pipelines/ghost/: no page /docs/ci/pipelines/ghost/');
		expect(output).toContain('content/docs/pricing.mdx:5:7: could not be rendered: missing is not defined. In MDX, text in braces');
		expect(output).toContain('1 doc not rendered and 1 broken link in content/docs:');
		// The good link is not reported.
		expect(output).not.toContain('broken link /docs/ci/pipelines/shop/');
	}, 120_000);
});
