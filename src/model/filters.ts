import { z } from 'astro/zod';
import { AutoCancel } from './limits';
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

/**
 * One GitLab rule (`rules:` of a job or of `workflow:`): what it asks, and what follows when it
 * matches. The first rule that matches decides; none matching keeps the job (or the pipeline) out.
 */
export const Rule = z.object({
	/** The `if:` expression, as written. */
	if: z.string().optional(),
	/** `changes:` globs: a changed file must match one. */
	changes: z.array(z.string()).optional(),
	/** `exists:` globs: a file of the repository must match one. */
	exists: z.array(z.string()).optional(),
	/** `on_success`, `always`, `on_failure`, `manual`, `delayed` or `never`. */
	when: z.string(),
	/** `start_in` of a delayed rule, as written (`30 minutes`). */
	startIn: z.string().optional(),
	/** Variables the rule sets when it matches: values as written, none for a name that looks secret. */
	variables: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
	/** Jobs it needs instead of the job's own `needs` when it matches. */
	needs: z.array(z.string()).optional(),
	/** A job rule's `interruptible`, over the job's own when it matches. */
	interruptible: z.boolean().optional(),
	/** A `workflow:rules` rule's `auto_cancel`, over the workflow's when it matches. */
	autoCancel: AutoCancel.optional(),
});
export type Rule = z.infer<typeof Rule>;

export const Filters = z.object({
	branches: RefFilter.optional(),
	tags: RefFilter.optional(),
	paths: RefFilter.optional(),
	/** Expression-form filters and conditions kept verbatim (CircleCI `pipeline.git.branch == "main"`, GitLab `rules:if`). */
	expression: z.string().optional(),
	/** GitLab `rules`, in order: the first that matches decides (`when: never` keeps the job out). */
	rules: z.array(Rule).optional(),
	/**
	 * GitLab `only`/`except` keywords of pipeline sources (`schedules`, `merge_requests`, `pushes`,
	 * `web`...): `only` lets a job into a pipeline of one it names, or of a ref it names; `except`
	 * keeps it out of a pipeline of one it names.
	 */
	sources: z.object({ only: z.array(z.string()).optional(), except: z.array(z.string()).optional() }).optional(),
	/** GitLab `only:variables`/`except:variables`: any expression holding lets the job in (keeps it out). */
	variables: z.object({ only: z.array(z.string()).optional(), except: z.array(z.string()).optional() }).optional(),
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
