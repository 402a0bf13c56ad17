import { docsSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { contentDir, pipelinesDir } from './config/paths';
import { pipelinesLoader } from './loaders/pipelines';
import { runsLoader } from './loaders/runs';
import { Pipeline, Run } from './model';

export const collections = {
	// Onboarding docs live in `content/docs/` (not Starlight's `src/content/docs/`): the team's
	// content stays beside `pipelines/`, and `build --content DIR` can point elsewhere.
	docs: defineCollection({
		loader: glob({ base: contentDir, pattern: 'docs/**/[^_]*.{md,mdx}' }),
		schema: docsSchema(),
	}),
	pipelines: defineCollection({
		loader: pipelinesLoader({ dir: pipelinesDir }),
		schema: Pipeline,
	}),
	runs: defineCollection({
		loader: runsLoader({ dir: pipelinesDir }),
		schema: Run,
	}),
};
