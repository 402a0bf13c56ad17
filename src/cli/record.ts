import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { recordRun, safeMessage, type RecordIo } from '../record/record';
import { defaultPipelineId, describeTarget, parseTarget, type Target } from '../record/targets';
import { UsageError } from './errors';

interface RecordOptions {
	pipelines?: string | undefined;
	pipeline?: string | undefined;
	api?: string | undefined;
	force?: boolean | undefined;
}

/**
 * `record <ci> <project> <run>`: fetches a finished run into `<pipelines>/<pipeline>/runs/`.
 * Every failure after the arguments are checked exits 1 with a message the token is redacted from;
 * a detail recorded without (CircleCI's workflow) is a note, and the run is saved.
 */
export async function record(positionals: readonly string[], options: RecordOptions, io: RecordIo = { env: process.env }): Promise<number> {
	if (positionals.length !== 3) throw new UsageError('record needs a CI (circleci, github or gitlab), a project and a run: see below');
	const [ci, project, run] = positionals as [string, string, string];
	const parsed = parseTarget(ci, project, run);
	if ('error' in parsed) throw new UsageError(parsed.error);
	const { target } = parsed;
	const pipelineDir = await pipelineFolder(target, options);
	try {
		const recorded = await recordRun({ target, pipelineDir, api: options.api, force: options.force ?? false }, io);
		console.log(`recorded ${describeTarget(target)} into ${display(recorded.folder)} (${recorded.files.length} file${recorded.files.length === 1 ? '' : 's'}, secrets redacted)`);
		for (const note of recorded.notes) console.log(`note: ${note}`);
		return 0;
	} catch (error) {
		console.error(`pipeline-atlas record: ${safeMessage(error, io.env, target)}`);
		return 1;
	}
}

/** `<pipelines>/<pipeline>`, which must exist: a mistyped id must not start a new pipeline folder. */
async function pipelineFolder(target: Target, options: RecordOptions): Promise<string> {
	const pipelines = resolve(options.pipelines ?? 'pipelines');
	if (!(await stat(pipelines).catch(() => undefined))?.isDirectory()) throw new UsageError(`no pipelines folder at ${pipelines}`);
	const id = options.pipeline ?? defaultPipelineId(target);
	const existing = (await readdir(pipelines, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
	const choices = existing.length > 0 ? `one of: ${existing.sort().join(', ')}` : 'create its folder first';
	if (id === undefined) throw new UsageError(`name the pipeline folder the run belongs to with --pipeline (${choices})`);
	if (id === '' || id === '.' || id === '..' || /[/\\\x00]/.test(id)) throw new UsageError(`--pipeline takes a folder name under ${pipelines}, not "${id}"`);
	if (!existing.includes(id)) {
		const how = options.pipeline === undefined ? `no pipeline folder named after the repository, "${id}": pass --pipeline` : `no pipeline folder "${id}"`;
		throw new UsageError(`${how} (${choices}) under ${pipelines}`);
	}
	return join(pipelines, id);
}

function display(path: string): string {
	const rel = relative(process.cwd(), path);
	return rel && !rel.startsWith('..') ? rel : path;
}

