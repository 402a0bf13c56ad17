/** Helpers shared by the providers' unit tests. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Pipeline, type Diagnostic, type Provider, type Step } from '../../src/model';
import type { ProviderJob, ProviderOutput, SourceFile } from '../../src/providers/types';

/** Strips the indentation common to all lines, so configs can be indented in test code. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
	const text = String.raw(strings, ...values).replace(/^\n/, '');
	const indent = Math.min(...text.split('\n').filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
	return text
		.split('\n')
		.map((line) => line.slice(indent))
		.join('\n');
}

export function job(output: ProviderOutput, id: string): ProviderJob {
	const found = output.jobs.find((j) => j.id === id);
	if (!found) throw new Error(`no job ${id} (have ${output.jobs.map((j) => j.id).join(', ')})`);
	return found;
}

export function steps(output: ProviderOutput, jobId: string): Step[] {
	return (job(output, jobId).steps ?? []) as Step[];
}

export function workflow(output: ProviderOutput, id: string) {
	const found = output.workflows?.find((w) => w.id === id);
	if (!found) throw new Error(`no workflow ${id}`);
	return found;
}

export function entry(output: ProviderOutput, workflowId: string, entryId: string) {
	const found = workflow(output, workflowId).entries?.find((e) => e.id === entryId);
	if (!found) throw new Error(`no entry ${entryId} in ${workflowId}`);
	return found;
}

export function diagnostics(output: ProviderOutput, code?: string): Diagnostic[] {
	return (output.diagnostics ?? []).filter((d) => code === undefined || d.code === code);
}

export function errors(output: ProviderOutput): Diagnostic[] {
	return (output.diagnostics ?? []).filter((d) => d.severity === 'error');
}

/** `line:column` of a diagnostic or model object, for compact assertions. */
export function at(located: { location?: { line: number; column: number } | undefined }): string {
	return located.location ? `${located.location.line}:${located.location.column}` : '?';
}

/** The shared data folder beside the repository (absent in a fresh clone). */
export const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const hasShared = existsSync(shared);

export function source(path: string, text: string): SourceFile {
	return { path, text };
}

/**
 * Checks an output against the model's schema, as the assembler will (it adds identity and
 * job slugs). Returns the issues, empty when valid.
 */
export function schemaIssuesAs(output: ProviderOutput, provider: Provider): string[] {
	const result = Pipeline.safeParse({
		...output,
		id: 'p',
		group: 'g',
		title: 't',
		provider,
		jobs: output.jobs.map((j) => ({ ...j, slug: j.id.replace(/[^\w-]+/g, '-') })),
	});
	return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
