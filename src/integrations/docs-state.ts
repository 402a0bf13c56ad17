import { existsSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/**
 * What the docs integration (`./docs-links.ts`) shares with its middleware
 * (`./docs-middleware.ts`), on `globalThis` for the reason `./csp-state.ts` gives: the content
 * folder, and the docs that failed to render in the build in progress, reported with the broken
 * links once every page is built.
 */
export interface DocsBuild {
	contentDir: string;
	failures: DocFailure[];
}

export interface DocFailure {
	/** The doc's source, as the team knows it (`content/docs/releasing.mdx`), with `:line:column` where found. */
	at: string;
	message: string;
}

const KEY = Symbol.for('pipeline-atlas.docs-build');

/**
 * The page a doc that failed to render gets until the build fails: marked, so a link to one of
 * its headings is not reported too (the doc's own failure is).
 */
export const NOT_RENDERED_PAGE = '<!doctype html><html data-atlas-not-rendered><title>Not rendered</title><p>This doc could not be rendered.</p></html>';

/** The build in progress; undefined outside one (the dev server shows its own errors). */
export function docsBuild(): DocsBuild | undefined {
	return (globalThis as { [KEY]?: DocsBuild })[KEY];
}

export function startDocsBuild(contentDir: string): void {
	(globalThis as { [KEY]?: DocsBuild })[KEY] = { contentDir, failures: [] };
}

/** A doc's source file for its page's path under the site (`docs/releasing`), if there is one. */
export function docSource(contentDir: string, slug: string): string | undefined {
	return ['.md', '.mdx', '/index.md', '/index.mdx'].map((ext) => join(contentDir, `${slug}${ext}`)).find((f) => existsSync(f));
}

/** A source file as the team knows it: under the content folder's name (`content/docs/releasing.md`). */
export function docDisplayPath(contentDir: string, source: string): string {
	return `${basename(contentDir)}/${relative(contentDir, source).split(sep).join('/')}`;
}

/**
 * The doc's text with what MDX does not evaluate blanked out (front matter, fenced code, inline
 * code), lines and columns kept: a `{…}` in a code example is text, not the expression that failed.
 */
function evaluated(source: string): string {
	const blank = (text: string) => text.replace(/[^\n]/g, ' ');
	return source
		.replace(/^---\n[\s\S]*?\n---(?=\n|$)/, blank)
		.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1\2[`~]*[ \t]*(?=\n|$)|$)/gm, blank)
		.replace(/(`+)[^`\n][\s\S]*?\1/g, blank);
}

/** 1-based line and column of `index` in `text`. */
function positionAt(text: string, index: number): { line: number; column: number } {
	const before = text.slice(0, index);
	return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What MDX says when a doc fails, the place in the doc it points to, and what to do: an
 * expression naming what is not defined (`{missing.value}`), or a component used without its
 * import (`<Aside>`). Undefined for any other error, which is reported as Astro gave it.
 */
export function explainedFailure(source: string, message: string): { line: number; column: number; hint: string } | undefined {
	const text = evaluated(source);
	const name = /^(\S+) is not defined$/.exec(message)?.[1];
	if (name) {
		const match = new RegExp(`\\{[^{}]*?(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`).exec(text);
		return match ? { ...positionAt(text, match.index), hint: 'In MDX, text in braces ({…}) is a JavaScript expression: fix it, or write \\{ to show a brace as text.' } : undefined;
	}
	const component = /^Expected component `([^`]+)` to be defined/.exec(message)?.[1];
	if (component) {
		const match = new RegExp(`<${escapeRegExp(component)}(?![\\w.-])`).exec(text);
		return match ? { ...positionAt(text, match.index), hint: `Import ${component} at the top of the doc (Starlight's: import { ${component} } from '@astrojs/starlight/components';), or remove it.` } : undefined;
	}
	return undefined;
}

/** What the team reads of a doc that failed to render: where, why, and what to do where that is known. */
export function docFailure(display: string, source: string | undefined, error: unknown): DocFailure {
	const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
	const explained = source === undefined ? undefined : explainedFailure(source, message);
	return { at: explained ? `${display}:${explained.line}:${explained.column}` : display, message: `could not be rendered: ${message}.${explained ? ` ${explained.hint}` : ''}` };
}
