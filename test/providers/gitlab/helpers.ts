import { parseGitLabConfig, type GitLabOptions } from '../../../src/providers/gitlab';
import type { ProviderOutput } from '../../../src/providers/types';
import { schemaIssuesAs } from '../support';

export * from '../support';

export function parse(text: string, options?: GitLabOptions, path = '.gitlab-ci.yml'): ProviderOutput {
	return parseGitLabConfig({ path, text }, options);
}

/** Checks an output against the model's schema, as the assembler will. Empty when valid. */
export function schemaIssues(output: ProviderOutput): string[] {
	return schemaIssuesAs(output, 'gitlab');
}
