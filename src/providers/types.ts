import type { z } from 'astro/zod';
import type { Job, PipelineInput } from '../model';

/** A text file handed to a provider. `path` is what diagnostics print (as the user named it). */
export interface SourceFile {
	path: string;
	text: string;
}

/** A job as a provider produces it: the page slug is assigned when the pipeline is assembled. */
export type ProviderJob = Omit<z.input<typeof Job>, 'slug'>;

/**
 * What a provider returns: the provider-specific part of a pipeline. Identity and metadata
 * (id, group, title, repository, promotions) are added by the assembler from the folder and
 * `pipeline.yml`. Providers are pure: no I/O, every file they may read is handed in.
 */
export type ProviderOutput = Omit<PipelineInput, 'id' | 'group' | 'title' | 'provider' | 'jobs'> & {
	jobs: ProviderJob[];
};
