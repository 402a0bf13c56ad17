import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { ExplanationMatch } from '../explain/authored';
import { scaffoldStubs } from '../explain/scaffold';
import { readPipelines } from '../ingest/read';
import { explainStep } from '../knowledge/explain';
import { UsageError } from './errors';

interface ScaffoldOptions {
	pipelines?: string | undefined;
	content?: string | undefined;
	all?: boolean | undefined;
}

/** The explanations a content folder already has, by their `match:` (unreadable ones are skipped: the build reports them). */
export async function existingExplanations(dir: string): Promise<{ id: string; match: ExplanationMatch }[]> {
	const found: { id: string; match: ExplanationMatch }[] = [];
	async function walk(folder: string): Promise<void> {
		let entries;
		try {
			entries = await readdir(folder, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const full = join(folder, entry.name);
			if (entry.isDirectory()) await walk(full);
			else if (/\.mdx?$/.test(entry.name)) {
				const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(await readFile(full, 'utf8'));
				const match = ExplanationMatch.safeParse((front ? (parse(front[1]!) as { match?: unknown } | null) : null)?.match);
				if (match.success) found.push({ id: relative(dir, full).split(sep).join('/'), match: match.data });
			}
		}
	}
	await walk(dir);
	return found;
}

/** `scaffold [pipeline]`: stub explanation files for steps without one; existing files are never touched. */
export async function scaffold(pipelineIds: readonly string[], options: ScaffoldOptions, log: (line: string) => void = console.log): Promise<number> {
	const pipelinesDir = options.pipelines ?? 'pipelines';
	const contentDir = options.content ?? 'content';
	const all = await readPipelines(pipelinesDir);
	const chosen = pipelineIds.length === 0 ? all : all.filter((p) => pipelineIds.includes(p.id));
	const unknown = pipelineIds.filter((id) => !all.some((p) => p.id === id));
	if (unknown.length > 0) throw new UsageError(`no pipeline ${unknown.join(', ')} (have ${all.map((p) => p.id).join(', ')})`);
	const existing = await existingExplanations(join(contentDir, 'explanations'));
	const stubs = scaffoldStubs(chosen, existing, { all: options.all ?? false, hasBuiltin: (step, job, pipeline) => explainStep(step, { provider: pipeline.provider, job, pipeline }) !== undefined });
	let written = 0;
	let kept = 0;
	for (const stub of stubs) {
		const path = join(contentDir, stub.path);
		await mkdir(dirname(path), { recursive: true });
		try {
			// `wx`: fails when the file exists, so a stub never replaces what someone wrote.
			await writeFile(path, stub.text, { flag: 'wx' });
			written++;
			log(`wrote ${path}`);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			kept++;
		}
	}
	log(`${written} stub${written === 1 ? '' : 's'} written, ${kept} existing file${kept === 1 ? '' : 's'} left untouched, ${existing.length} explanation${existing.length === 1 ? '' : 's'} already matched.`);
	return 0;
}
