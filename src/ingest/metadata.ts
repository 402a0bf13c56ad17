import { z } from 'astro/zod';
import { DeployTier } from '../model';

/** `pipelines/<id>/pipeline.yml`: what the team says about a pipeline that no config says. */
export const PipelineMetadata = z
	.object({
		title: z.string().optional(),
		description: z.string().optional(),
		repository: z.url({ protocol: /^https?$/ }).optional(),
		defaultBranch: z.string().optional(),
		deployTargets: z
			.array(
				z.strictObject({
					id: z.string(),
					name: z.string(),
					tier: DeployTier.default('other'),
					platform: z.string().optional(),
					url: z.url({ protocol: /^https?$/ }).optional(),
					jobs: z.array(z.string()).default([]),
				}),
			)
			.default([]),
		promotions: z
			.array(z.strictObject({ from: z.string(), to: z.string(), description: z.string().optional() }))
			.default([]),
	})
	.strict();
export type PipelineMetadata = z.infer<typeof PipelineMetadata>;
