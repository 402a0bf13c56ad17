import { DefinitionInfo } from '@actions/workflow-parser/templates/schema/definition-info';
import { WORKFLOW_ROOT } from '@actions/workflow-parser/workflows/workflow-constants';
import { getWorkflowSchema } from '@actions/workflow-parser/workflows/workflow-schema';
import { describe, expect, it } from 'vitest';
import { runWorkflowParser } from '../../../src/providers/github-actions/parser';

/**
 * `patches/@actions+workflow-parser+0.3.61.patch` (applied by `npm install`): a node's allowed
 * contexts are made once per parent list and definition, and shared. The library copied and
 * upper-cased them for every node whose definition adds some (5.5% of `readPipelines` at M).
 */

/** The library's own rule, as it was before the patch: the parent's contexts, then the definition's unseen ones. */
function reference(parent: readonly string[], readerContext: readonly string[]): string[] {
	const out = [...parent];
	const seen = new Set(parent.map((c) => c.toUpperCase()));
	for (const context of readerContext) {
		if (seen.has(context.toUpperCase())) continue;
		out.push(context);
		seen.add(context.toUpperCase());
	}
	return out;
}

const schema = getWorkflowSchema();
const names = Object.keys(schema.definitions).sort();

describe('DefinitionInfo (patched)', () => {
	// Holds a wrong memo (one keyed by the definition alone, say) to the library's rule.
	it('gives every definition under every other the contexts the library gave', () => {
		const root = new DefinitionInfo(schema, WORKFLOW_ROOT);
		let withContexts = 0;
		for (const outer of names) {
			const parent = new DefinitionInfo(root, outer);
			expect(parent.allowedContext, outer).toEqual(parent.definition.readerContext.length > 0 ? reference(root.allowedContext, parent.definition.readerContext) : root.allowedContext);
			for (const inner of names) {
				const child = new DefinitionInfo(parent, inner);
				const expected = child.definition.readerContext.length > 0 ? reference(parent.allowedContext, child.definition.readerContext) : parent.allowedContext;
				expect(child.allowedContext, `${outer} > ${inner}`).toEqual(expected);
				if (child.definition.readerContext.length > 0) withContexts++;
			}
		}
		// The comparison above covers the copying case, not only the shared parent's list.
		expect(withContexts).toBeGreaterThan(100);
	});

	it('makes a node’s contexts once per parent list and definition', () => {
		const root = new DefinitionInfo(schema, WORKFLOW_ROOT);
		const name = names.find((n) => schema.getDefinition(n).readerContext.length > 0)!;
		const a = new DefinitionInfo(root, name);
		const b = new DefinitionInfo(new DefinitionInfo(schema, WORKFLOW_ROOT), name);
		expect(a.allowedContext.length).toBeGreaterThan(0);
		// Without the patch, each node had a copy of its own.
		expect(b.allowedContext).toBe(a.allowedContext);
		// Shared, so frozen: a change to one node's list would be every such node's.
		expect(Object.isFrozen(a.allowedContext)).toBe(true);
	});

	// The parser's own use of the lists, end to end (it passes with or without the patch).
	it('still refuses a context where GitHub does not offer it', () => {
		const text = [
			'on: push',
			'env:',
			'  A: ${{ matrix.os }}',
			'jobs:',
			'  build:',
			'    runs-on: ubuntu-latest',
			'    strategy:',
			'      matrix:',
			'        os: [a]',
			'    env:',
			'      B: ${{ matrix.os }}',
			'    steps:',
			'      - run: echo ${{ steps.x.outputs.y }} ${{ jobs.z }}',
			'',
		].join('\n');
		expect(runWorkflowParser('ci.yml', text).map((f) => [f.message, f.location.line])).toEqual([
			["Unrecognized named-value: 'matrix'", 3],
			["Unrecognized named-value: 'jobs'", 13],
		]);
	});
});
