import { describe, expect, it } from 'vitest';
import { runWorkflowParser } from '../../../src/providers/github-actions/parser';
import { parseYaml } from '../../../src/providers/yaml';

const workflows: Record<string, string> = {
	'schema errors, a graph error and lenient `on:`': [
		'on:',
		'  push:',
		'    branches:',
		'  create:',
		'    tags: [v*]',
		'jobs:',
		'  build:',
		'    runs-on: ubuntu-latest',
		'    needs: [nope]',
		'    timeout-minutes: soon',
		'    steps:',
		'      - run: make',
		'        shell: 5',
		'',
	].join('\n'),
	'block scalars, expressions and anchors': [
		'on: [push]',
		'env: &env',
		'  STAGE: ${{ github.ref_name }}',
		'jobs:',
		'  test:',
		'    runs-on: ${{ matrix.os }}',
		'    strategy: {matrix: {os: [ubuntu-latest, macos-latest]}}',
		'    env: *env',
		'    if: ${{ github.event_name == \'push\' }}',
		'    steps:',
		'      - run: |-',
		'          echo "${{ secrets.TOKEN }}"',
		'          make test',
		'      - uses: actions/checkout@v4',
		'        with: {fetch-depth: 0}',
		'',
	].join('\n'),
	'a cycle in needs': 'on: push\njobs:\n  a: {runs-on: x, needs: b, steps: [{run: a}]}\n  b: {runs-on: x, needs: a, steps: [{run: b}]}\n',
	// An alias is the last node before it with its anchor: b's is a's (not a number), d's is c's (one).
	'an anchor given twice, and aliases to each': [
		'on: push',
		'jobs:',
		'  a: {runs-on: x, timeout-minutes: &t soon, steps: [{run: a}]}',
		'  b: {runs-on: x, timeout-minutes: *t, steps: [{run: b}]}',
		'  c: {runs-on: x, timeout-minutes: &t 5, steps: [{run: c}]}',
		'  d: {runs-on: x, timeout-minutes: *t, steps: [{run: d}]}',
		'',
	].join('\n'),
};

describe("GitHub's workflow parser over our document", () => {
	for (const [name, text] of Object.entries(workflows)) {
		it(`finds what it finds in the text: ${name}`, () => {
			const parsed = parseYaml({ path: 'ci.yml', text }, { keepComposed: true, quick: false });
			expect(parsed.composed).toBeDefined();
			const fromText = runWorkflowParser('ci.yml', text);
			// The text handed over beside the document is empty: the findings can only come from the document.
			expect(runWorkflowParser('ci.yml', '', { composed: parsed.composed! })).toEqual(fromText);
		});
	}

	it('has findings to compare (the comparison above is not between two empty lists)', () => {
		const counts = Object.values(workflows).map((text) => runWorkflowParser('ci.yml', text).length);
		expect(counts[0]).toBeGreaterThan(2);
		expect(counts[2]).toBeGreaterThan(0);
		expect(runWorkflowParser('ci.yml', workflows['an anchor given twice, and aliases to each']!).map((f) => `${f.severity} ${f.location.line}:${f.location.column}`)).toEqual(['error 3:39', 'error 3:39']);
	});

	it('tells problems inside `on:` (warnings) from those on the next key, after comment lines (errors)', () => {
		const text = ['on:', '  push:', '    branches:', '  workflow_dispatch:', '    # the yaml library ends `on:` after this line', '', 'permissions: lots', 'jobs:', '  a: {runs-on: x, steps: [{run: a}]}', ''].join('\n');
		const findings = runWorkflowParser('ci.yml', text).map((f) => `${f.severity} ${f.location.line}`);
		expect(findings).toEqual(['warning 3', 'error 7']);
	});

	it('parses the text when no document is given', () => {
		expect(runWorkflowParser('ci.yml', '')).not.toEqual(runWorkflowParser('ci.yml', workflows['a cycle in needs']!));
	});
});
