import { z } from 'astro/zod';
import { SourceLocation } from './location';

/**
 * One name pattern as the CI wrote it. `regex` is CircleCI's `/.../` (must match the whole name),
 * `glob` is GitHub's `*`/`**` syntax, `exact` a plain name.
 */
export const Pattern = z.object({
	kind: z.enum(['exact', 'regex', 'glob']),
	value: z.string(),
});
export type Pattern = z.infer<typeof Pattern>;

/** `only` absent means "every name"; `ignore` wins over `only`, as every CI applies them. */
export const RefFilter = z.object({
	only: z.array(Pattern).optional(),
	ignore: z.array(Pattern).optional(),
});
export type RefFilter = z.infer<typeof RefFilter>;

export const Filters = z.object({
	branches: RefFilter.optional(),
	tags: RefFilter.optional(),
	paths: RefFilter.optional(),
	/** Expression-form filters and conditions kept verbatim (CircleCI `pipeline.git.branch == "main"`, GitLab `rules:if`). */
	expression: z.string().optional(),
	/** GitLab `rules`, in order: the first that matches decides (`when: never` keeps the job out). */
	rules: z
		.array(
			z.object({
				if: z.string().optional(),
				/** The rule also depends on the files changed or present (`changes`/`exists`). */
				files: z.boolean(),
				when: z.string(),
			}),
		)
		.optional(),
	location: SourceLocation,
});
export type Filters = z.infer<typeof Filters>;

export const TriggerEvent = z.enum([
	'push',
	'pull_request',
	'tag',
	'schedule',
	'manual',
	'api',
	'workflow_call',
	'pipeline',
	'other',
]);
export type TriggerEvent = z.infer<typeof TriggerEvent>;

/** What starts a workflow: an event plus the filters that narrow it. */
export const Trigger = z.object({
	event: TriggerEvent,
	/** The CI's own name for the event when it has one (`workflow_dispatch`, `merge_request_event`). */
	name: z.string().optional(),
	filters: Filters.optional(),
	cron: z.string().optional(),
	/** Only these activities of the event start it (GitHub's `types: [opened, synchronize]`). */
	types: z.array(z.string()).optional(),
	/** The workflows whose runs start this one (GitHub's `workflow_run: {workflows: [...]}`). */
	afterWorkflows: z.array(z.string()).optional(),
	location: SourceLocation,
});
export type Trigger = z.infer<typeof Trigger>;
