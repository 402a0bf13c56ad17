import { z } from 'astro/zod';
import { SourceLocation } from './location';

export const DeployTier = z.enum(['production', 'preproduction', 'staging', 'review', 'development', 'other']);
export type DeployTier = z.infer<typeof DeployTier>;

/** Somewhere a pipeline releases to. */
export const DeployTarget = z.object({
	id: z.string(),
	name: z.string(),
	tier: DeployTier,
	/** How it is deployed (`heroku`, `helm`, `kubernetes`, `render`...), when recognisable. */
	platform: z.string().optional(),
	url: z.string().optional(),
	/** Jobs that deploy to it. */
	jobs: z.array(z.string()).default([]),
	location: SourceLocation.optional(),
});
export type DeployTarget = z.infer<typeof DeployTarget>;

/** A release moved between targets without a rebuild (Heroku pipeline promotion). */
export const Promotion = z.object({
	from: z.string(),
	to: z.string(),
	description: z.string().optional(),
});
export type Promotion = z.infer<typeof Promotion>;
