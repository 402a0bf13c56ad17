import { describe, expect, it } from 'vitest';
import { pipelineParameterReferences, substitute } from '../../../src/providers/circleci/parameters';
import { parseYaml, renderInline, valueOf, type YamlValue } from '../../../src/providers/yaml';

const value = (text: string): YamlValue => parseYaml({ path: 'config.yml', text }).documents[0]!.root!;

describe('substitute', () => {
	const body = value(['steps:', '  - checkout', '  - run: make << parameters.target >>', '  - << parameters.extra >>', 'docker: [{image: node}]', ''].join('\n'));
	const bindings = new Map<string, YamlValue>([
		['target', value('x: test')],
		['extra', value('[{run: lint}]')],
	]);

	it('replaces references in text and takes a value that is one reference whole', () => {
		const result = substitute(body, 'parameters', new Map([['target', valueOf(bindings.get('target'), 'x')!], ['extra', bindings.get('extra')!]]));
		expect(renderInline(result)).toBe('{steps: [checkout, {run: make test}, [{run: lint}]], docker: [{image: node}]}');
	});

	it('copies only what changed: untouched parts are the very same values', () => {
		const result = substitute(body, 'parameters', new Map([['target', valueOf(bindings.get('target'), 'x')!]]));
		const [before, after] = [valueOf(body, 'steps'), valueOf(result, 'steps')];
		expect(result).not.toBe(body);
		expect(after).not.toBe(before);
		expect(valueOf(result, 'docker')).toBe(valueOf(body, 'docker'));
		const items = (v: YamlValue | undefined) => (v?.kind === 'seq' ? v.items : []);
		expect(items(after)).toHaveLength(3);
		expect(items(after)[0]).toBe(items(before)[0]);
		expect(items(after)[1]).not.toBe(items(before)[1]);
		expect(items(after)[2]).toBe(items(before)[2]);
	});

	it('returns the value itself when nothing is bound, reporting each unbound name', () => {
		const unbound: string[] = [];
		expect(substitute(body, 'parameters', new Map(), (name) => unbound.push(name))).toBe(body);
		expect(unbound).toEqual(['target', 'extra']);
	});

	it('keeps references of the other namespace as written', () => {
		const matrix = value('run: make << parameters.target >> << matrix.os >>');
		expect(renderInline(substitute(matrix, 'matrix', new Map([['os', value('linux')], ['target', value('x')]])))).toBe('{run: make << parameters.target >> linux}');
	});
});

describe('pipelineParameterReferences', () => {
	it('finds references in values and keys, and none in text without them', () => {
		const found = pipelineParameterReferences(value('a: << pipeline.parameters.env >>\n<< pipeline.parameters.key >>: 1\nb: [plain, "<< pipeline.git.branch >>"]\n'));
		expect(found.map((f) => [f.name, f.location.line])).toEqual([
			['env', 1],
			['key', 2],
		]);
	});
});
