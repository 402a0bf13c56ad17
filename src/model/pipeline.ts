import { z } from 'astro/zod';
import { DeployTarget, Promotion } from './deploy';
import { Diagnostic } from './diagnostic';
import { EnvVar } from './env';
import { Trigger } from './filters';
import { Job } from './job';
import { SourceLocation } from './location';
import { Parameter } from './parameter';
import { Workflow } from './workflow';

export const Provider = z.enum(['circleci', 'github-actions', 'gitlab', 'bitbucket', 'heroku', 'unknown']);
export type Provider = z.infer<typeof Provider>;

/** What a file was to the pipeline; `other-ci`: another CI's file, named and not read (see ../ingest/detect.ts). */
export const SourceRole = z.enum(['config', 'include', 'orb', 'action', 'workflow', 'metadata', 'other-ci']);

/** A file the pipeline was read from, relative to its pipeline folder. */
export const Source = z.object({
	path: z.string(),
	role: SourceRole,
});
export type Source = z.infer<typeof Source>;

export const Orb = z.object({
	alias: z.string(),
	/** `namespace/name@version`; absent for inline orbs. */
	ref: z.string().optional(),
	inline: z.boolean(),
	/** Its source was available (inline or vendored under `orbs/`), so its commands and jobs are expanded. */
	expanded: z.boolean(),
	location: SourceLocation,
});
export type Orb = z.infer<typeof Orb>;

/**
 * One CI configuration read into the provider-neutral shape every page, diagram and search
 * works from. A pipeline folder with configs of several CIs yields one pipeline per config.
 */
export const Pipeline = z.object({
	id: z.string(),
	/** The folder under `pipelines/` it came from (a repository), for grouping. */
	group: z.string(),
	title: z.string(),
	description: z.string().optional(),
	provider: Provider,
	/** Config schema version as written (`2.1`), when the CI has one. */
	version: z.string().optional(),
	repositoryUrl: z.string().optional(),
	defaultBranch: z.string().default('main'),
	sources: z.array(Source).default([]),
	triggers: z.array(Trigger).default([]),
	workflows: z.array(Workflow).default([]),
	jobs: z.array(Job).default([]),
	env: z.array(EnvVar).default([]),
	parameters: z.array(Parameter).default([]),
	orbs: z.array(Orb).default([]),
	deployTargets: z.array(DeployTarget).default([]),
	promotions: z.array(Promotion).default([]),
	/** CircleCI `setup: true`: the real pipeline is generated at run time by this config. */
	dynamic: z
		.object({
			/** The continuation config shipped beside it, when present. */
			continuation: z.string().optional(),
		})
		.optional(),
	diagnostics: z.array(Diagnostic).default([]),
});
export type Pipeline = z.infer<typeof Pipeline>;
/** What callers hand to the schema: defaults may be left out. */
export type PipelineInput = z.input<typeof Pipeline>;

/**
 * A pipeline as the content store keeps it: the model as the bytes of its JSON text, and the
 * problems the build reports again when the pipelines are unchanged. Astro serialises its whole
 * store with devalue on every build in which any entry changed (an explanation's edit), and
 * parses it again to render: the model's thousands of small objects took 0.4 s to serialise at
 * 2,000 jobs, and the same as one text 0.3 s (devalue escapes a string one character at a time,
 * in JavaScript); as bytes, which it writes as base64 natively, 30 ms. An ArrayBuffer, not a
 * typed array: after each sync Astro walks every entry's data for references to other entries,
 * and each byte of a typed array is a property to it (0.9 s at 2,000 jobs). `getPipelines`
 * parses each once per build (~70 ms at 2,000 jobs).
 */
export const StoredPipeline = z.object({
	model: z.instanceof(ArrayBuffer),
	/** Its diagnostics that are warnings or errors. */
	problems: z.array(Diagnostic),
});
export type StoredPipeline = z.infer<typeof StoredPipeline>;
