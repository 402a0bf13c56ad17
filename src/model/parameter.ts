import { z } from 'astro/zod';
import { SourceLocation } from './location';

/** A declared parameter (CircleCI pipeline/job/command parameters, workflow_dispatch inputs, GitLab variables with options). */
export const Parameter = z.object({
	name: z.string(),
	type: z.string(),
	description: z.string().optional(),
	/** The default as text (YAML rendered when it is not a scalar). */
	default: z.string().optional(),
	enum: z.array(z.string()).optional(),
	/** Whoever starts or calls the pipeline must give it (GitHub's `required: true`). */
	required: z.boolean().optional(),
	location: SourceLocation,
});
export type Parameter = z.infer<typeof Parameter>;
