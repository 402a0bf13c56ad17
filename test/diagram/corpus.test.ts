import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowToMermaid } from '../../src/diagram/mermaid';
import { renderWorkflow } from '../../src/diagram/render';
import { uniqueSlugs } from '../../src/ingest/slug';
import { Pipeline } from '../../src/model';
import { parseCircleCiConfig } from '../../src/providers/circleci';
import { officialMermaidParse } from './support';

const CORPUS = '/work/shared/corpus/circleci';

describe.skipIf(!existsSync(CORPUS))('CircleCI corpus', () => {
	it('every workflow diagram parses with official mermaid and renders to a safe SVG', { timeout: 120_000 }, async () => {
		const parse = await officialMermaidParse();
		let count = 0;
		for (const file of readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort()) {
			const out = parseCircleCiConfig({ path: file, text: readFileSync(join(CORPUS, file), 'utf8') });
			const slugs = uniqueSlugs(out.jobs.map((j) => j.id));
			const pipeline = Pipeline.parse({ ...out, id: 'corpus', group: 'corpus', title: file, provider: 'circleci', jobs: out.jobs.map((j, i) => ({ ...j, slug: slugs[i]! })) });
			for (const workflow of pipeline.workflows) {
				const text = workflowToMermaid(pipeline, workflow);
				await expect(parse(text), `${file} ${workflow.id}\n${text}`).resolves.toBeTruthy();
				expect(() => renderWorkflow(pipeline, workflow, { jobHref: (j) => `/pipelines/corpus/jobs/${j.slug}/` }), `${file} ${workflow.id}`).not.toThrow();
				count++;
			}
		}
		expect(count).toBeGreaterThan(0);
	});
});
