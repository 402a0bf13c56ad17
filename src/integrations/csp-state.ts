/**
 * What the CSP integration (`./csp.ts`) shares with its middleware (`./csp-middleware.ts`).
 * Vite bundles the middleware apart from the integration, into the code that renders pages in
 * the same process: a module of their own would be two modules, so they meet on `globalThis`.
 */
export interface CspBuild {
	/** Whether an inline script's text is written out in a component (and may run). */
	trusted: (body: string) => boolean;
	/** Page (its path under the base, no slashes around it) -> its inline scripts no component wrote, for every page rendered in this build. */
	rendered: Map<string, string[]>;
	/** Page (as in `rendered`) -> the script hashes of the policy it was given, for every page rendered in this build. */
	hashes: Map<string, string[]>;
}

const KEY = Symbol.for('pipeline-atlas.csp-build');

/** The build in progress, or undefined outside one (the dev server: pages get no policy there). */
export function cspBuild(): CspBuild | undefined {
	return (globalThis as { [KEY]?: CspBuild })[KEY];
}

export function startCspBuild(build: CspBuild | undefined): void {
	(globalThis as { [KEY]?: CspBuild })[KEY] = build;
}

/** The page a built file is, as pageKeyOf names it: `a/b/index.html` and `a/b.html` are `a/b`. */
export function pageKeyOfFile(file: string): string {
	return file.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '');
}

/** A page path as the build's `pages` list gives it: under the base, without slashes around it. */
export function pageKeyOf(pathname: string, base = '/'): string {
	const under = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
	return under.replace(/^\/+|\/+$/g, '');
}
