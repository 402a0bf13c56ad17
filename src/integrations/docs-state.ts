import { existsSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

/**
 * What the docs integration (`./docs-links.ts`) shares with its middleware
 * (`./docs-middleware.ts`), on `globalThis` for the reason `./csp-state.ts` gives: the docs that
 * failed to render in the build in progress, reported with the broken links once every page is built.
 */
export interface DocFailure {
	/** The doc's source, as the team knows it (`content/docs/releasing.mdx`), with `:line:column` where found. */
	at: string;
	message: string;
}

const KEY = Symbol.for('pipeline-atlas.doc-failures');

/** The failures of the build in progress; undefined outside one (the dev server shows its own). */
export function docFailures(): DocFailure[] | undefined {
	return (globalThis as { [KEY]?: DocFailure[] })[KEY];
}

export function startDocsBuild(): void {
	(globalThis as { [KEY]?: DocFailure[] })[KEY] = [];
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
 * Where in the doc an error of its MDX expressions points: for "X is not defined", the first
 * expression (in braces) naming X. Undefined when the error names nothing to look for.
 */
export function errorPosition(source: string, message: string): { line: number; column: number } | undefined {
	const name = /^(\S+) is not defined$/.exec(message)?.[1];
	if (!name) return undefined;
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const match = new RegExp(`\\{[^{}]*?(?<![\\w$.])${escaped}(?![\\w$])`).exec(source);
	if (!match) return undefined;
	const before = source.slice(0, match.index);
	const line = before.split('\n').length;
	return { line, column: match.index - before.lastIndexOf('\n') };
}

/** What the team reads of a doc that failed to render: where, why, and what to do. */
export function docFailure(display: string, source: string | undefined, error: unknown): DocFailure {
	const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
	const position = source === undefined ? undefined : errorPosition(source, message);
	const hint = display.endsWith('.mdx') ? ' In MDX, text in braces ({…}) is a JavaScript expression: fix it, or write \\{ to show a brace as text.' : '';
	return { at: position ? `${display}:${position.line}:${position.column}` : display, message: `could not be rendered: ${message}.${hint}` };
}
