import { parseGitHubWorkflows, type GitHubOptions } from '../../../src/providers/github-actions';
import type { ProviderOutput } from '../../../src/providers/types';
import { schemaIssuesAs } from '../support';

export * from '../support';

export function parse(text: string, path = '.github/workflows/ci.yml', options?: GitHubOptions): ProviderOutput {
	return parseGitHubWorkflows([{ path, text }], options);
}

export function entries(output: ProviderOutput, workflowId = 'ci') {
	const found = output.workflows?.find((w) => w.id === workflowId);
	if (!found) throw new Error(`no workflow ${workflowId}`);
	return found.entries ?? [];
}

/** Checks an output against the model's schema, as the assembler will. Empty when valid. */
export function schemaIssues(output: ProviderOutput): string[] {
	return schemaIssuesAs(output, 'github-actions');
}
