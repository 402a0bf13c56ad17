import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile, securedPage } from '../security/csp';
import { htmlFiles } from './html-files';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The `.astro` source of Starlight and of our own components and pages: where every inline script the site may run is written. */
async function trustedSource(): Promise<string> {
	// Its exports map hides package.json; its entry sits at the package root.
	const starlight = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
	const texts: string[] = [];
	for (const dir of [starlight, join(projectRoot, 'src')]) {
		for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
			if (entry.isFile() && entry.name.endsWith('.astro')) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
		}
	}
	return texts.join('\n');
}

/**
 * Gives every page a Content Security Policy in a `<meta>` element and writes `_headers` with
 * the same policy (plus what only a header can say) for hosts that read one. Runs last: the
 * pages are final. An inline script that no component wrote is left out of the policy, so the
 * browser blocks it, and reported: it can only have come from the input.
 */
export function csp(): AstroIntegration {
	let base = '/';
	return {
		name: 'pipeline-atlas-csp',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base;
			},
			'astro:build:done': async ({ dir, logger }) => {
				const root = fileURLToPath(dir);
				const source = await trustedSource();
				const trusted = (body: string) => body.trim().length > 0 && source.includes(body);
				const all = new Set<string>();
				for (const file of await htmlFiles(root, ['pagefind'])) {
					const { hashes, untrusted, pieces } = securedPage(await readFile(file), trusted);
					for (const hash of hashes) all.add(hash);
					const page = relative(root, file).split(sep).join('/');
					for (const body of untrusted) logger.warn(`${page}: an inline script no component wrote is blocked by the Content Security Policy: ${JSON.stringify(body.slice(0, 80))}`);
					await writeFile(file, pieces);
				}
				await writeFile(join(root, '_headers'), headersFile(base, [...all].sort()));
				logger.info(`content security policy: ${all.size} inline script hashes, _headers written`);
			},
		},
	};
}
