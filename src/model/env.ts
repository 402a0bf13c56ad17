import { z } from 'astro/zod';
import { SourceLocation } from './location';

export const EnvScope = z.enum([
	'builtin',
	'pipeline',
	'workflow',
	'job',
	'executor',
	'step',
	'context',
	'project',
	'secret',
]);
export type EnvScope = z.infer<typeof EnvScope>;

/**
 * An environment variable as a config defines or uses it. A secret never carries a value:
 * providers drop it on the way in, so nothing downstream can leak it.
 */
export const EnvVar = z
	.object({
		name: z.string(),
		value: z.string().optional(),
		/**
		 * A secret's value as written when it only names other variables (`$TEST_DB_PASSWORD`,
		 * `${{ secrets.NPM_TOKEN }}`): names, never a value, so it is shown and counted as a read of
		 * them. Only where the CI expands such a value (see src/providers/env-value.ts).
		 */
		valueFrom: z.string().optional(),
		/** GitLab's `expand: false`: a `$` in the value is taken as written, not as a variable. */
		literal: z.boolean().optional(),
		secret: z.boolean(),
		scope: EnvScope,
		/** Where it is defined; absent for built-ins and variables only set outside the config. */
		definedAt: SourceLocation.optional(),
		/** Ids of the steps (`<jobId>#<stepId>`) that read it. */
		usedBy: z.array(z.string()).default([]),
	})
	.refine((v) => !(v.secret && v.value !== undefined), {
		message: 'a secret environment variable must not carry a value',
	});
export type EnvVar = z.infer<typeof EnvVar>;
