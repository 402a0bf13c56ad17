import { fileURLToPath } from 'node:url';
import { Pipeline, type Diagnostic, type Step } from '../../../src/model';
import { parseGitHubWorkflows, type GitHubOptions } from '../../../src/providers/github-actions';
import type { ProviderJob, ProviderOutput } from '../../../src/providers/types';

export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
	const text = String.raw(strings, ...values).replace(/^\n/, '');
	const indent = Math.min(...text.split('\n').filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
	return text
		.split('\n')
		.map((line) => line.slice(indent))
		.join('\n');
}

export function parse(text: string, path = '.github/workflows/ci.yml', options?: GitHubOptions): ProviderOutput {
	return parseGitHubWorkflows([{ path, text }], options);
}

export function job(output: ProviderOutput, id: string): ProviderJob {
	const found = output.jobs.find((j) => j.id === id);
	if (!found) throw new Error(`no job ${id} (have ${output.jobs.map((j) => j.id).join(', ')})`);
	return found;
}

export function steps(output: ProviderOutput, jobId: string): Step[] {
	return (job(output, jobId).steps ?? []) as Step[];
}

export function entries(output: ProviderOutput, workflowId = 'ci') {
	const found = output.workflows?.find((w) => w.id === workflowId);
	if (!found) throw new Error(`no workflow ${workflowId}`);
	return found.entries ?? [];
}

export function diagnostics(output: ProviderOutput, code?: string): Diagnostic[] {
	return (output.diagnostics ?? []).filter((d) => code === undefined || d.code === code);
}

export function errors(output: ProviderOutput): Diagnostic[] {
	return (output.diagnostics ?? []).filter((d) => d.severity === 'error');
}

export function at(located: { location?: { line: number; column: number } | undefined }): string {
	return located.location ? `${located.location.line}:${located.location.column}` : '?';
}

export const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export function schemaIssues(output: ProviderOutput): string[] {
	const result = Pipeline.safeParse({
		...output,
		id: 'p',
		group: 'g',
		title: 't',
		provider: 'github-actions',
		jobs: output.jobs.map((j) => ({ ...j, slug: j.id.replace(/[^\w-]+/g, '-') })),
	});
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
