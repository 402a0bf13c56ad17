import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runWorkflowParser } from '../../../src/providers/github-actions/parser';
import { parseYaml } from '../../../src/providers/yaml';

/**
 * GitHub's parser over the quick path's nodes, and over the text (its own `yaml` reading); and
 * the quick path's tree, which must be the `yaml` library's wherever the path read the file.
 */
function bothReaders(text: string, path = 'ci.yml') {
	const parsed = parseYaml({ path, text }, { keepComposed: true });
	if (parsed.plain) expect(parsed.documents, path).toEqual(parseYaml({ path, text }, { keepComposed: true, quick: false }).documents);
	return { plain: parsed.plain, fromNodes: parsed.plain && runWorkflowParser(path, '', { plain: parsed.plain }), fromText: runWorkflowParser(path, text) };
}

const workflows: Record<string, string> = {
	'schema errors in and right after `on:`, a graph error': [
		'on:',
		'  push:',
		'    branches:',
		'  create:',
		'    tags: [v*]',
		'  workflow_dispatch:',
		'    # a comment line that the yaml library counts into `on:`',
		'',
		'permissions: lots',
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
	'expressions in block scalars, quoted and multi-line strings, located inside them': [
		'on: push',
		'jobs:',
		'  test:',
		'    runs-on: "${{ matrix.os( }}"',
		"    if: '${{ github.event_name == }}'",
		'    steps:',
		'      - run: |-',
		'          echo fine',
		'          echo "${{ secrets.TOKEN ) }}"',
		'      - run: >',
		'          folded ${{ 1 +',
		'          }} text',
		'      - name: plain',
		'          ${{ oops( }} on two lines',
		'        run: x',
		'      - run: "two ${{ a.b }}',
		'          lines ${{ c[ }}"',
		'',
	].join('\n'),
	'an empty value ending `on:`, before comment lines': 'name: cut short\non:\n  push:\n    branches:\n      - main\n    tags:\n      # a comment\n      # another\n',
	'keys that are not text, empty values, flow collections': 'on: {push: {branches: [main, "v*"]}}\njobs:\n  1:\n    runs-on:\n    steps: [{run: a}, {uses: ""}]\n  true: {runs-on: x, steps: [{run: b}]}\n',
	// GitHub's reader gives an alias as the node it names: errors inside are where the anchor is.
	'anchors and aliases: errors inside an anchored value, found through each alias': [
		'on: push',
		'env: &env',
		'  STAGE: prod',
		'jobs:',
		'  a:',
		'    runs-on: x',
		'    timeout-minutes: &t soon',
		'    env: *env',
		'    steps: &steps',
		'      - &make',
		'        run: make',
		'        timeout-minutes: later',
		'  b:',
		'    runs-on: x',
		'    timeout-minutes: *t # the same',
		'    steps: *steps',
		'  c:',
		'    runs-on: x',
		'    steps:',
		'      - run: first',
		'      - *make',
		'',
	].join('\n'),
	// `on:` ends where its last item, an alias, is written, not where the anchored value is: the
	// problem in `create` is inside `on:` (a warning), the one after it an error.
	'an alias ending `on:`': [
		'on:',
		'  push:',
		'    branches: &b [main]',
		'  create:',
		'    tags: [v*]',
		'  pull_request:',
		'    branches: *b',
		'permissions: lots',
		'jobs:',
		'  a: {runs-on: x, steps: [{run: a}]}',
		'',
	].join('\n'),
};

describe("GitHub's workflow parser over the quick path's nodes", () => {
	for (const [name, text] of Object.entries(workflows)) {
		it(`finds what it finds in the text: ${name}`, () => {
			const { plain, fromNodes, fromText } = bothReaders(text);
			expect(plain, 'the quick path should read this').toBeDefined();
			expect(fromText.length).toBeGreaterThan(0);
			expect(fromNodes).toEqual(fromText);
		});
	}

	it('locates an expression error inside a block scalar on its own line', () => {
		const { fromNodes } = bothReaders(workflows['expressions in block scalars, quoted and multi-line strings, located inside them']!);
		expect(fromNodes!.map((f) => f.location.line)).toContain(9);
	});

	it('locates an error inside an anchored value at the anchor, for each alias, a list item too', () => {
		const { fromNodes } = bothReaders(workflows['anchors and aliases: errors inside an anchored value, found through each alias']!);
		expect(fromNodes!.map((f) => `${f.location.line}:${f.location.column}`)).toEqual(['7:25', '12:26', '7:25', '12:26', '12:26']);
	});

	it('says where `on:` ends when its last item is an alias', () => {
		const { fromNodes } = bothReaders(workflows['an alias ending `on:`']!);
		expect(fromNodes!.map((f) => `${f.severity} ${f.location.line}`)).toEqual(['warning 5', 'error 8']);
	});

	it('leaves a file with an alias inside an anchored value to the yaml library', () => {
		expect(bothReaders('on: push\nenv: &e {A: &a one, B: *a}\njobs:\n  a: {runs-on: x, env: *e, steps: [{run: a}]}\n').plain).toBeUndefined();
	});
});

function workflowFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((f) => /\.ya?ml$/.test(f) && (f.includes('workflows') || dir.endsWith('github-actions')))
		.map((f) => join(dir, f))
		.sort();
}

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));

describe.each([
	{ name: "the repository's example pipelines and fixtures", files: [...workflowFiles(join(repository, 'pipelines')), ...workflowFiles(join(repository, 'test'))] },
	{ name: 'the real corpus and seed systems', files: [...workflowFiles(join(shared, 'corpus', 'github-actions')), ...workflowFiles(join(shared, 'seed-systems'))] },
])('both readers over $name', ({ files }) => {
	it.skipIf(files.length === 0)(`find the same (${files.length} files)`, () => {
		let read = 0;
		let findings = 0;
		for (const file of files) {
			const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
			const { fromNodes, fromText } = bothReaders(text, file);
			if (!fromNodes) continue;
			read++;
			findings += fromText.length;
			expect(fromNodes, file).toEqual(fromText);
		}
		expect(read).toBeGreaterThan(files.length / 2);
		if (files.length > 100) expect(findings).toBeGreaterThan(0);
	});
});
