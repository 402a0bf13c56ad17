/** Helpers shared by the run parsers' tests. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { expect } from 'vitest';
import { Run, type ParsedRun, type RunStepInput } from '../../src/model';
import type { RunFile } from '../../src/runs/parse';

export const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const corpusAvailable = existsSync(corpus);

const encoder = new TextEncoder();

export function file(path: string, text: string): RunFile {
	return { path, bytes: encoder.encode(text) };
}

export function json(path: string, value: unknown): RunFile {
	return file(path, JSON.stringify(value));
}

export function zip(path: string, entries: Record<string, string | Uint8Array>): RunFile {
	const data: Record<string, Uint8Array> = {};
	for (const [name, content] of Object.entries(entries)) data[name] = typeof content === 'string' ? encoder.encode(content) : content;
	return { path, bytes: zipSync(data) };
}

/** GitHub's line prefix: 7 fractional digits, as the runner writes them. */
export function gh(seconds: number, text: string): string {
	const ms = Date.UTC(2024, 0, 1, 0, 0, 0) + seconds * 1000;
	return `${new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')} ${text}`;
}

/** The run is what the site's schema accepts once the loader gives it an identity. */
export function expectValid(run: ParsedRun): void {
	const result = Run.safeParse({ ...run, id: 'run', group: 'group', pipelineId: 'pipeline' });
	expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))).toBe(true);
}

export function step(run: ParsedRun | undefined, name: string): RunStepInput {
	const found = run?.steps?.find((s) => s.name === name);
	if (!found) throw new Error(`no step ${name} (have ${run?.steps?.map((s) => s.name).join(', ')})`);
	return found;
}

export function names(run: ParsedRun | undefined): string[] {
	return (run?.steps ?? []).map((s) => s.name);
}
