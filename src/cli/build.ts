import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface BuildOptions {
	pipelines?: string | undefined;
	content?: string | undefined;
	out?: string | undefined;
	base?: string | undefined;
	/** Where the content folder is edited online, e.g. `https://github.com/org/docs/edit/main/content/`. */
	editUrl?: string | undefined;
}

/**
 * Builds the site from any folders. Astro runs in a child process from the project root, so a
 * user can point it at a repository checkout without copying files into `pipelines/`.
 */
export async function build(options: BuildOptions): Promise<number> {
	const pipelines = resolve(options.pipelines ?? 'pipelines');
	// The bundled docs describe the bundled example pipelines: other pipelines get no docs
	// rather than docs whose links all point at pipelines that are not there.
	const content = options.content || !options.pipelines ? resolve(options.content ?? 'content') : emptyContent();
	const out = resolve(options.out ?? 'dist');
	if (!isDirectory(pipelines)) throw new UsageError(`no pipelines folder at ${pipelines}`);
	if (options.editUrl && !/^https?:\/\//.test(options.editUrl)) throw new UsageError(`--edit-url must be an http(s) address, not ${options.editUrl}`);
	if (options.content && !isDirectory(content)) throw new UsageError(`no content folder at ${content}`);
	// Astro's CLI entry is its package `bin`, which its exports map does not expose.
	// Astro empties and fills the output folder: it must not hold, or sit in, what the build reads.
	for (const [name, dir] of [['pipelines', pipelines], ['content', content]] as const) {
		if (inside(out, dir) || inside(dir, out)) throw new UsageError(`--out ${out} overlaps the ${name} folder ${dir}; choose an output folder outside it`);
	}
	if (inside(projectRoot, out)) throw new UsageError(`--out ${out} would hold Pipeline Atlas itself; choose a folder of its own`);
	const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
	const astro = join(dirname(astroPackage), 'bin/astro.mjs');
	const args = [astro, 'build', '--root', projectRoot, ...(options.base ? ['--base', options.base] : [])];
	// Built beside the output and swapped in at the end: a failed build leaves the previous site whole.
	const staging = `${out}.partial-${process.pid}`;
	rmSync(staging, { recursive: true, force: true });
	const child = spawn(process.execPath, args, {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ATLAS_PIPELINES_DIR: pipelines, ATLAS_CONTENT_DIR: content, ATLAS_OUT_DIR: staging, ...(options.editUrl ? { ATLAS_EDIT_URL: options.editUrl } : {}) },
	});
	const code = await new Promise<number>((done) => child.on('close', (status) => done(status ?? 1)));
	if (code !== 0) {
		rmSync(staging, { recursive: true, force: true });
		if (isDirectory(out)) console.error(`The build failed; the previous site in ${out} is left as it was.`);
		return code;
	}
	rmSync(out, { recursive: true, force: true });
	renameSync(staging, out);
	return 0;
}

function emptyContent(): string {
	const dir = mkdtempSync(join(tmpdir(), 'pipeline-atlas-content-'));
	mkdirSync(join(dir, 'docs'));
	console.log(`No --content given with --pipelines: building without onboarding docs (write them in a folder and pass --content DIR).`);
	return dir;
}

function isDirectory(path: string): boolean {
	return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** `x` is `y` or inside it. */
function inside(x: string, y: string): boolean {
	const rel = relative(y, x);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
