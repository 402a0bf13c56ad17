import { i18nSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsSchemaShared } from './config/docs-schema';
import { contentDir, pipelinesDir } from './config/paths';
import { pipelinesLoader } from './loaders/pipelines';
import { runsLoader } from './loaders/runs';
import { ExplanationMatch } from './explain/authored';
import { StoredPipeline, StoredRun } from './model';

export const collections = {
	// Onboarding docs live in `content/docs/` (not Starlight's `src/content/docs/`): the team's
	// content stays beside `pipelines/`, and `build --content DIR` can point elsewhere.
	docs: defineCollection({
		loader: glob({ base: contentDir, pattern: 'docs/**/[^_]*.{md,mdx}' }),
		schema: docsSchemaShared(),
	}),
	pipelines: defineCollection({
		loader: pipelinesLoader({ dir: pipelinesDir }),
		schema: StoredPipeline,
	}),
	// Explanations the team writes, attached to pipelines, jobs, steps or CI stages by `match:`.
	explanations: defineCollection({
		loader: glob({ base: contentDir, pattern: 'explanations/**/[^_]*.{md,mdx}' }),
		schema: ({ image }) =>
			z.object({
				title: z.string().optional(),
				match: ExplanationMatch,
				/** A screenshot of the stage as the team sees it in the CI, shown and downloadable beside the generated one. */
				screenshot: image().optional(),
				screenshotAlt: z.string().optional(),
			}),
	}),
	runs: defineCollection({
		loader: runsLoader({ dir: pipelinesDir }),
		schema: StoredRun,
	}),
	// Starlight looks its UI strings' overrides up in an `i18n` collection, and Astro warns on
	// every build when it has none: one entry, overriding nothing.
	i18n: defineCollection({
		loader: () => [{ id: 'en' }],
		schema: i18nSchema(),
	}),
};
