// Node module hooks: `@actions/workflow-parser` imports its JSON schema without
// `with { type: 'json' }`, which Node 22 rejects when the package is not bundled (Astro's
// content sync loads it natively). Supplying the attribute for `.json` files is all it needs.
// Synchronous, for `module.registerHooks`: hooks run in the loading thread. Hooks given to
// `module.register` run in a worker thread that every import of the process then waits on
// (0.5–2.4 s of a build's main thread, measured).
export function load(url, context, nextLoad) {
	if (url.endsWith('.json') && context.importAttributes?.type === undefined) {
		return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
	}
	return nextLoad(url, context);
}
