import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { entryOf, parseYaml, renderInline, renderText, scalarText, valueOf, withPlainEnv, type YamlValue } from '../../src/providers/yaml';

const read = (text: string, path = 'ci.yml') => parseYaml({ path, text });
const root = (text: string): YamlValue => {
	const parsed = read(text);
	expect(parsed.diagnostics).toEqual([]);
	return parsed.documents[0]!.root!;
};

describe('parseYaml', () => {
	it('locates keys and values (1-based line and column)', () => {
		const value = root('version: 2.1\njobs:\n  build:\n    steps: [checkout]\n');
		const build = entryOf(valueOf(value, 'jobs'), 'build')!;
		expect(build.keyLocation).toEqual({ file: 'ci.yml', line: 3, column: 3 });
		expect(valueOf(build.value, 'steps')!.location).toMatchObject({ line: 4, column: 12 });
	});

	it('keeps numbers as parsed and remembers how they were written', () => {
		const version = valueOf(root('version: 2.0\n'), 'version')!;
		expect(version).toMatchObject({ kind: 'scalar', value: 2, source: '2.0' });
	});

	it('reads CRLF files and a BOM with the same lines and columns', () => {
		const plain = root('a:\n  b: 1\n');
		const windows = root('\uFEFFa:\r\n  b: 1\r\n');
		expect(entryOf(valueOf(windows, 'a'), 'b')!.keyLocation).toEqual(entryOf(valueOf(plain, 'a'), 'b')!.keyLocation);
		expect(entryOf(windows, 'a')!.keyLocation).toMatchObject({ line: 1, column: 1 });
	});

	it('keeps block scalars free of carriage returns', () => {
		const command = valueOf(root('run: |\r\n  one\r\n  two\r\n'), 'run');
		expect(scalarText(command)).toBe('one\ntwo\n');
	});

	it('resolves aliases and applies merge keys (explicit keys win, location of the anchor kept)', () => {
		const value = root(['defaults: &defaults', '  image: node', '  dir: ~/app', 'job:', '  <<: *defaults', '  dir: ~/other', '  copy: *defaults', ''].join('\n'));
		const job = valueOf(value, 'job')!;
		expect(job.kind === 'map' && job.entries.map((e) => e.key)).toEqual(['image', 'dir', 'copy']);
		expect(scalarText(valueOf(job, 'image'))).toBe('node');
		expect(scalarText(valueOf(job, 'dir'))).toBe('~/other');
		expect(entryOf(job, 'image')!.keyLocation).toMatchObject({ line: 2, column: 3 });
		expect(valueOf(job, 'copy')!.alias).toBe('defaults');
	});

	it('merges a list of sources, earlier sources winning', () => {
		const value = root(['a: &a {x: 1}', 'b: &b {x: 2, y: 2}', 'c:', '  <<: [*a, *b]', ''].join('\n'));
		expect(renderInline(valueOf(value, 'c')!)).toBe('{x: 1, y: 2}');
	});

	it('reports duplicate keys as a warning and keeps the later value', () => {
		const parsed = read('a: 1\na: 2\n');
		expect(parsed.diagnostics).toMatchObject([{ severity: 'warning', code: 'yaml-duplicate-key', location: { line: 2, column: 1 } }]);
		expect(scalarText(valueOf(parsed.documents[0]!.root, 'a'))).toBe('2');
	});

	it('returns every non-empty document of a stream', () => {
		const parsed = read('# header\n---\na: 1\n---\nb: 2\n---\n');
		expect(parsed.documents).toHaveLength(2);
		expect(parsed.documents[1]!.location).toMatchObject({ line: 5, column: 1 });
	});

	it('reports a syntax error once, at the line to fix, with a hint', () => {
		const parsed = read('jobs:\n  build: build it\n    docker:\n      - image: x\n');
		expect(parsed.diagnostics).toHaveLength(1);
		const [error] = parsed.diagnostics;
		expect(error).toMatchObject({ severity: 'error', code: 'yaml-syntax', location: { line: 2, column: 10 } });
		expect(error!.message).toContain('line 2');
		expect(error!.message).toContain('line 3');
		expect(error!.message).toContain('`build:`');
		expect(error!.hint).toContain('build it');
		expect(parsed.documents[0]!.broken).toBe(true);
	});

	it('gives other syntax errors a one-line message and a location', () => {
		const parsed = read('a: "unterminated\nb: 1\n');
		const [error] = parsed.diagnostics;
		expect(error).toMatchObject({ severity: 'error', code: 'yaml-syntax' });
		expect(error!.message).not.toContain('\n');
		expect(error!.location.line).toBeGreaterThanOrEqual(1);
		expect(error!.hint).toBeTruthy();
	});

	it('refuses an alias bomb quickly, with a located error', () => {
		const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
		for (let i = 1; i < 10; i++) {
			const name = String.fromCharCode(97 + i);
			const prev = String.fromCharCode(96 + i);
			lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
		}
		const started = performance.now();
		const parsed = read(lines.join('\n'));
		expect(performance.now() - started).toBeLessThan(2000);
		expect(parsed.diagnostics).toMatchObject([{ severity: 'error', code: 'yaml-alias-limit', location: { line: 2 } }]);
		expect(parsed.documents[0]!.root).toBeUndefined();
	});

	it('refuses a merge key whose source is not a map, in a document without aliases', () => {
		const parsed = read('job:\n  <<: 5\n  image: node\n');
		expect(parsed.diagnostics).toMatchObject([{ severity: 'error', code: 'yaml-syntax', message: 'Invalid YAML: Merge sources must be maps or map aliases' }]);
		expect(parsed.documents[0]!.broken).toBe(true);
	});

	it('converts an anchored value once: every alias of it shares its entries', () => {
		const value = root('a: &x {k: v, l: [1, 2]}\nb: *x\nc: *x\n');
		const [a, b, c] = [valueOf(value, 'a')!, valueOf(value, 'b')!, valueOf(value, 'c')!];
		expect(b.kind === 'map' && c.kind === 'map' && a.kind === 'map' && b.entries === a.entries && c.entries === a.entries).toBe(true);
		expect([a.alias, b.alias, c.alias]).toEqual([undefined, 'x', 'x']);
	});

	it('reads an alias inside its own anchor as an empty value', () => {
		const list = valueOf(root('a: &a [1, *a]\n'), 'a')!;
		expect(list.kind === 'seq' && list.items.map((item) => (item.kind === 'scalar' ? item.value : item.kind))).toEqual([1, null]);
	});

	it('keeps the library’s document for another reader only when its own parseDocument would build the same', () => {
		const text = 'on: push\njobs:\n  build:\n    steps:\n      - run: |\n          make\n';
		// A plain file is read by the quick path, which keeps its own nodes for that reader instead.
		const quick = parseYaml({ path: 'ci.yml', text }, { keepComposed: true });
		expect(quick.composed).toBeUndefined();
		expect(quick.plain?.nodes.map((n) => n.kind)).toEqual(['map']);
		const parsed = parseYaml({ path: 'ci.yml', text }, { keepComposed: true, quick: false });
		expect(parsed.composed!.document.toJS()).toEqual(parseDocument(text).toJS());
		expect(parsed.composed!.lineCounter.linePos(text.indexOf('make'))).toEqual({ line: 6, col: 11 });
		// Source tokens are what GitHub's reader takes block scalar headers from.
		const run = parsed.composed!.document.getIn(['jobs', 'build', 'steps', 0, 'run'], true) as { srcToken?: { type: string } };
		expect(run.srcToken?.type).toBe('block-scalar');
		expect(parseYaml({ path: 'ci.yml', text }).composed).toBeUndefined();
		const refused = {
			'merge key': 'a: &a {x: 1}\nb:\n  <<: *a\n',
			'two documents': 'a: 1\n---\nb: 2\n',
			'syntax error': 'a: "open\n',
		};
		for (const [name, other] of Object.entries(refused)) expect(parseYaml({ path: 'x.yml', text: other }, { keepComposed: true }).composed, name).toBeUndefined();
		expect(parseYaml({ path: 'x.yml', text: 'a: !reference [b, c]\n' }, { keepComposed: true, customTags: ['!reference'] }).composed).toBeUndefined();
		// Anchors and aliases the quick path reads too; the library's document, when it is asked for.
		expect(parseYaml({ path: 'x.yml', text: 'a: &a {x: 1}\nb: *a\n' }, { keepComposed: true }).plain).toBeDefined();
		expect(parseYaml({ path: 'x.yml', text: 'a: &a {x: 1}\nb: *a\n' }, { keepComposed: true, quick: false }).composed).toBeDefined();
	});
});

describe('withPlainEnv', () => {
	it('answers the yaml switches and every other variable as the environment does, and puts the real one back', () => {
		const real = process.env;
		process.env.ATLAS_TEST_VARIABLE = 'kept';
		try {
			const seen = withPlainEnv(() => [process.env !== real, process.env.ATLAS_TEST_VARIABLE, process.env.LOG_TOKENS, process.env.PATH === real.PATH]);
			expect(seen).toEqual([true, 'kept', real.LOG_TOKENS, true]);
			expect(process.env).toBe(real);
			expect(() => withPlainEnv(() => { throw new Error('boom'); })).toThrow('boom');
			expect(process.env).toBe(real);
		} finally {
			delete process.env.ATLAS_TEST_VARIABLE;
		}
	});

	it('never writes through to the real environment', () => {
		withPlainEnv(() => {
			process.env.LOG_STREAM = 'x';
		});
		expect(process.env.LOG_STREAM).toBeUndefined();
	});
});

describe('rendering', () => {
	it('renders values inline and as text', () => {
		const value = root('a: [1, {b: c}]\nd: {e: [f]}\n');
		expect(renderInline(valueOf(value, 'a')!)).toBe('[1, {b: c}]');
		expect(renderText(valueOf(value, 'd')!)).toBe('e:\n  - f');
	});
});
