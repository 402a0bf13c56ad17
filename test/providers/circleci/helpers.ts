import { parseCircleCiConfig, type CircleCiOptions } from '../../../src/providers/circleci';
import type { ProviderOutput } from '../../../src/providers/types';
import { schemaIssuesAs } from '../support';

export * from '../support';

export function parse(text: string, options?: CircleCiOptions, path = '.circleci/config.yml'): ProviderOutput {
	return parseCircleCiConfig({ path, text }, options);
}

/** Checks an output against the model's schema, as the assembler will. Empty when valid. */
export function schemaIssues(output: ProviderOutput): string[] {
	return schemaIssuesAs(output, 'circleci');
}
