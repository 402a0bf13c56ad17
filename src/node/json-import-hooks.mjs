// Node module hooks: `@actions/workflow-parser` imports its JSON schema without
// `with { type: 'json' }`, which Node 22 rejects when the package is not bundled (Astro's
// content sync loads it natively). Supplying the attribute for `.json` files is all it needs.
export async function load(url, context, nextLoad) {
	if (url.endsWith('.json') && context.importAttributes?.type === undefined) {
		return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
	}
	return nextLoad(url, context);
}
