import { describe, expect, it } from 'vitest';
import { at, diagnostics, errors, job, parse, schemaIssues, yaml } from './helpers';

describe('keys the provider does not model', () => {
	const output = parse(yaml`
		version: 2.1
		aliases:
		  - &image cimg/base:stable
		workflow:
		  main: {jobs: [a]}
		jobs:
		  a:
		    docker:
		      - image: *image
		        user: root
		    circleci_ip_ranges: true
		    colour: blue
		    steps: [checkout]
		workflows:
		  main:
		    max_auto_reruns: 2
		    jobs:
		      - a:
		          override-with: local/a
	`);

	it('reports valid CircleCI keys it does not model as info, at the key', () => {
		const infos = diagnostics(output, 'not-modelled');
		expect(infos.map((d) => [d.severity, at(d)])).toEqual([
			['info', '2:1'],
			['info', '11:5'],
			['info', '19:11'],
		]);
		expect(infos[1]!.message).toBe('`circleci_ip_ranges` is not modelled by Pipeline Atlas yet; it is kept out of the pages');
	});

	it('warns about misspelt and unknown keys where CircleCI expects known ones', () => {
		expect(diagnostics(output, 'misspelt-key')).toMatchObject([{ severity: 'warning', location: { line: 4, column: 1 } }]);
		expect(diagnostics(output, 'misspelt-key')[0]!.message).toContain('`workflows`');
		expect(diagnostics(output, 'unknown-key')).toMatchObject([{ severity: 'warning', location: { line: 12, column: 5 } }]);
		expect(job(output, 'a').executor.images).toEqual([{ image: 'cimg/base:stable', user: 'root' }]);
		expect(errors(output)).toEqual([]);
	});
});

describe('configs CircleCI would reject', () => {
	it('reports invalid YAML with its line and column and models nothing', () => {
		const output = parse('version: 2.1\njobs:\n  build:\n    docker: [{image: x}\n    steps: [checkout]\n');
		const [error] = errors(output);
		expect(error).toMatchObject({ code: 'yaml-syntax', location: { file: '.circleci/config.yml' } });
		expect(error!.location.line).toBeGreaterThanOrEqual(4);
		expect(error!.hint).toBeTruthy();
		expect(output.jobs).toEqual([]);
	});

	it('refuses an alias bomb with a located error', () => {
		const lines = ['version: 2.1', 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]'];
		for (let i = 1; i < 12; i++) lines.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]`);
		const started = performance.now();
		const output = parse(lines.join('\n'));
		expect(performance.now() - started).toBeLessThan(2000);
		expect(errors(output)).toMatchObject([{ code: 'yaml-alias-limit', location: { line: 3 } }]);
	});

	it('requires a known version', () => {
		expect(diagnostics(parse('jobs: {}\nworkflows: {}\n'), 'missing-version')).toMatchObject([{ severity: 'error', location: { line: 1, column: 1 } }]);
		expect(diagnostics(parse('version: 3\n'), 'unsupported-version')).toMatchObject([{ severity: 'error', location: { line: 1, column: 10 } }]);
		expect(parse('version: 2.0\njobs:\n  build:\n    docker: [{image: a}]\n    steps: [checkout]\n').version).toBe('2.0');
	});

	it('rejects 2.1 features in a 2.0 config', () => {
		const output = parse(yaml`
			version: 2
			commands:
			  hi: {steps: [checkout]}
			jobs:
			  build:
			    docker: [{image: a}]
			    steps: [hi]
		`);
		expect(diagnostics(output, 'version-feature').map(at)).toEqual(['2:1', '7:13']);
	});

	it('keeps the other jobs when one is broken', () => {
		const output = parse(yaml`
			version: 2.1
			jobs:
			  broken: 5
			  fine:
			    docker: [{image: a}]
			    steps: [checkout]
			  no-executor:
			    steps: [checkout]
			workflows:
			  main: {jobs: [broken, fine, no-executor]}
		`);
		expect(output.jobs.map((j) => j.id)).toEqual(['broken', 'fine', 'no-executor']);
		expect(job(output, 'fine').steps).toHaveLength(1);
		expect(errors(output).map((e) => [e.code, at(e)])).toEqual([
			['invalid-type', '3:11'],
			['missing-executor', '8:5'],
		]);
	});

	it('reports a config that is not a map, an empty config and extra documents', () => {
		expect(errors(parse('- a\n- b\n'))).toMatchObject([{ code: 'invalid-type', location: { line: 1, column: 1 } }]);
		expect(errors(parse('# nothing\n'))).toMatchObject([{ code: 'empty-config' }]);
		const twoDocs = parse('version: 2.1\njobs:\n  build:\n    docker: [{image: a}]\n    steps: [checkout]\n---\nfoo: bar\n');
		expect(diagnostics(twoDocs, 'multiple-documents')).toMatchObject([{ severity: 'warning', location: { line: 7, column: 1 } }]);
	});
});

describe('robustness', () => {
	const oddInputs = [
		'',
		'---',
		'[]',
		'42',
		'~',
		'version: 2.1\njobs: 5\nworkflows: 7\n',
		'version: 2.1\njobs:\n  a: [1, 2]\nworkflows:\n  w:\n    jobs: [{a: 1, b: 2}, [x], ~]\n',
		'version: 2.1\nworkflows:\n  w:\n    jobs:\n      - a:\n          matrix: {parameters: {x: 5}, exclude: 3}\n          requires: {a: b}\n          filters: [1]\n',
		'version: 2.1\ncommands: {c: {steps: 5}}\nexecutors: {e: 3}\norbs: {o: 5, p: {commands: 1}}\njobs:\n  a:\n    executor: e\n    steps: [c, o/x, p/y, {when: 5}, {unless: {condition: ~}}]\n',
		'version: 2.1\nparameters: {p: 5, q: {type: nope}}\njobs:\n  a:\n    parameters: [1]\n    docker: 5\n    environment: 7\n    steps: [{run: {command: [1]}}, {save_cache: 5}, {restore_cache: {keys: {a: 1}}}]\n',
		'\u0000\u0001\u0002 binary: [',
		'a: &a\n  b: *a\n',
		'<<: *missing\n',
	];

	it.each(oddInputs.map((text) => [JSON.stringify(text).slice(0, 60), text]))('never throws and stays within the schema: %s', (_, text) => {
		const output = parse(text);
		expect(schemaIssues(output)).toEqual([]);
		for (const diagnostic of output.diagnostics ?? []) expect(diagnostic.location.line).toBeGreaterThanOrEqual(1);
	});

	it('is deterministic', () => {
		const text = oddInputs.join('\n# ---\n');
		expect(parse(oddInputs[8]!)).toEqual(parse(oddInputs[8]!));
		expect(parse(text)).toEqual(parse(text));
	});

	it('turns an internal failure into a located error', () => {
		class BrokenFiles extends Map<string, string> {
			override keys(): never {
				throw new Error('boom');
			}
		}
		const files = new BrokenFiles([['.circleci/continue_config.yml', '']]);
		const output = parse('version: 2.1\nsetup: true\nworkflows:\n  w: {jobs: [a]}\njobs:\n  a: {docker: [{image: x}], steps: [checkout]}\n', { files });
		expect(errors(output)).toMatchObject([{ code: 'internal-error', location: { file: '.circleci/config.yml', line: 1, column: 1 } }]);
		expect(errors(output)[0]!.message).toContain('boom');
	});
});

describe('numbers the model cannot hold', () => {
	it('refuses a `parallelism` past 2^53 or under 1, located (found by fuzzing: the pipeline was replaced by an internal error)', () => {
		const output = parse(yaml`
			version: 2.1
			jobs:
			  a:
			    docker: [{image: cimg/base:stable}]
			    parallelism: 9007199254740992
			    steps: [checkout]
			  b:
			    docker: [{image: cimg/base:stable}]
			    parallelism: 0
			    steps: [checkout]
			workflows:
			  main:
			    jobs: [a, b]
		`);
		expect(errors(output).map((d) => [d.code, at(d)])).toEqual([
			['invalid-type', '5:18'],
			['invalid-type', '9:18'],
		]);
		expect(job(output, 'a').parallelism).toBeUndefined();
		expect(schemaIssues(output)).toEqual([]);
	});
});
