import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Pipeline } from '../model';
import { createRedactor, redactInPlace, type Redactor } from '../redact/redact';
import { assembleFolder, type FolderFile, type PipelineFolder } from './assemble';
import { detectFile, otherCi } from './detect';
import { uniqueSlugs } from './slug';
import { MAX_CONFIG_BYTES } from './limits';
import { byCodePoint } from './order';

/** Files a provider may read, and other CIs' (reported as not modelled); logs and other data are read by their own loaders. */
const CANDIDATE = /(\.ya?ml|^app\.json|^Procfile|^Jenkinsfile)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'runs', 'dist']);
export { MAX_CONFIG_BYTES };

/**
 * Every pipeline under a `pipelines/` folder (or a single repository checkout), sorted by id.
 * `display` is how file paths start in diagnostics and pages: relative to the working directory
 * by default (for the terminal); the site passes the folder's own name, so pages never show
 * where the build machine keeps its files.
 */
export async function readPipelines(dir: string, display?: string): Promise<Pipeline[]> {
	const folders = await readFolders(dir, display);
	// Credentials written straight into a config (a password in a URL, a token in a command)
	// are masked like those in run logs: a config's text reaches pages and the search index.
	const redactor = remembering(createRedactor());
	// A model is a tree (see redactInPlace), and this redactor is given no values.
	const pipelines = folders.flatMap(assembleFolder).map((p) => redactInPlace(p, redactor, 'tree'));
	// Ids are URL segments: folder names may hold spaces or `#`, and two folders may yield the same id.
	const ids = uniqueSlugs(pipelines.map((p) => p.id));
	return pipelines.map((p, i) => (p.id === ids[i] ? p : renamed(p, ids[i]!))).sort((a, b) => byCodePoint(a.id, b.id));
}

/**
 * A redactor that answers each distinct text once. A model repeats the same strings thousands
 * of times (every location's file path, every object key, a command expanded into many jobs),
 * and redacting one is scanning it for every token shape. Only for a redactor whose answer
 * depends on the text alone, as one made without `values` is; lines stay with the original,
 * as they are redacted together.
 */
export function remembering(redactor: Redactor): Redactor {
	const known = new Map<string, string>();
	return {
		shortest: redactor.shortest,
		redact(text) {
			// Most of a model's texts (keys, names, `true`): no lookup, which costs more than this.
			if (text.length < redactor.shortest) return text;
			let redacted = known.get(text);
			if (redacted === undefined) {
				redacted = redactor.redact(text);
				known.set(text, redacted);
			}
			return redacted;
		},
		redactLines: (lines) => redactor.redactLines(lines),
	};
}

function renamed(pipeline: Pipeline, id: string): Pipeline {
	return {
		...pipeline,
		id,
		diagnostics: [
			...pipeline.diagnostics,
			{
				severity: 'info',
				code: 'renamed',
				message: `pipeline "${pipeline.id}" is published as "${id}": its name is not URL-safe or another pipeline has it`,
				location: pipeline.diagnostics[0]?.location ?? { file: pipeline.sources[0]?.path ?? pipeline.group, line: 1, column: 1 },
			},
		],
	};
}

/**
 * A folder whose own files include CI configuration is one repository (a checkout); otherwise
 * each sub-folder is one.
 */
export async function readFolders(dir: string, display = displayPath(dir)): Promise<PipelineFolder[]> {
	const own = readTree(dir);
	const isCheckout = own.some((f) => {
		if (f.path.startsWith('.circleci/') || f.path.startsWith('.github/') || otherCi(f.path)) return true;
		const role = f.path.includes('/') ? undefined : detectFile(f.path, f.text)?.role;
		return role === 'config' || role === 'workflow' || role === 'heroku' || role === 'other';
	});
	if (isCheckout) {
		return [{ group: basename(dir) || 'pipeline', displayPrefix: display, files: own }];
	}
	const groups = new Map<string, FolderFile[]>();
	// Loose files at the top (a `renovate.yml`) belong to no pipeline folder.
	for (const file of own.filter((f) => f.path.includes('/'))) {
		const [group, ...rest] = file.path.split('/');
		const list = groups.get(group!) ?? [];
		list.push({ ...file, path: rest.join('/') });
		groups.set(group!, list);
	}
	return [...groups].map(([group, files]) => ({ group, displayPrefix: `${display}${group}/`, files }));
}

/**
 * A single file checked on its own. Its folder's other files come along for what it includes
 * (GitLab `include: local`, vendored orbs), but only the file itself becomes a pipeline.
 */
export async function readSingleFile(path: string): Promise<PipelineFolder> {
	const size = (await stat(path)).size;
	const text = size > MAX_CONFIG_BYTES ? '' : await readFile(path, 'utf8');
	const dir = dirname(path);
	const siblings = readTree(dir).filter((f) => f.path !== basename(path));
	return {
		group: basename(path).replace(/\.[^.]+$/, ''),
		displayPrefix: dir === '.' ? '' : `${dir}/`,
		files: [{ path: basename(path), text, ...(size > MAX_CONFIG_BYTES ? { tooLarge: size } : {}) }, ...siblings],
		only: [basename(path)],
	};
}

function readTree(root: string): FolderFile[] {
	// One file after another, without the thread pool: config files are small and few (M's 315
	// are 2.9 MB), and read through the pool, four trips each (open, stat, read, close), they
	// took 9–12 ms and their folders' listing 2–5 ms, against 3–5 and 2–3 ms here. The thread
	// that parses them waits for them either way.
	return candidatesUnder(root).map((full) => readCandidate(root, full));
}

/** Paths of the files a provider may read, in code-point order of their names at each level. */
function candidatesUnder(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name))) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name)) out.push(...candidatesUnder(full));
		} else if (entry.isFile() && CANDIDATE.test(entry.name)) out.push(full);
	}
	return out;
}

function readCandidate(root: string, full: string): FolderFile {
	const rel = relative(root, full).split(sep).join('/');
	const size = statSync(full).size;
	if (size > MAX_CONFIG_BYTES) return { path: rel, text: '', tooLarge: size };
	return { path: rel, text: readFileSync(full, 'utf8') };
}

function displayPath(dir: string): string {
	const rel = relative(process.cwd(), dir);
	const shown = rel && !rel.startsWith('..') ? rel : dir;
	return shown.endsWith('/') ? shown : `${shown.split(sep).join('/')}/`;
}
