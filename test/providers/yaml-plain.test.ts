import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { asText, encoder, mutate, mutations } from '../security/support/mutations';
import { MAX_YAML_DEPTH, parseYaml } from '../../src/providers/yaml';
import { coreScalar, oddMarkers, readPlainYaml, readPlainYamlNodes, troubleInBlanks } from '../../src/providers/yaml-plain';

/** GitLab's tag, as its provider reads files. */
const TAGS = ['!reference'];
const quick = (text: string, path = 'ci.yml', customTags: string[] = []) => readPlainYaml(text, path, MAX_YAML_DEPTH, customTags);
const library = (text: string, path = 'ci.yml', customTags: string[] = []) => parseYaml({ path, text }, { quick: false, customTags });

/** Both paths agree on `text`, and the quick one read it. */
function expectSame(text: string, customTags: string[] = []): void {
	const documents = quick(text, 'ci.yml', customTags);
	expect(documents, 'the quick path should read this').toBeDefined();
	const expected = library(text, 'ci.yml', customTags);
	expect(expected.diagnostics).toEqual([]);
	expect(documents).toEqual(expected.documents);
}

describe('readPlainYaml', () => {
	it('locates keys, values, lists and empty values where the yaml library does', () => {
		expectSame('version: 2.1\njobs:\n  build:\n    steps: [checkout, {run: make}]\n    empty:\n    after: # a comment\n    spaced:   \nlast: x\n');
	});

	it('reads block scalars, in lists and maps, and multi-line plain and quoted scalars', () => {
		expectSame('a:\n  b: [1,\n    2]\n  c: "x\n    y"\n');
		expectSame('steps:\n  - |\n    one\n    two\n  - >-\n    folded\n    text\n  - run: |+\n      kept\n\n  - plain\n    on two lines\n  - "quoted\n    on two"\nkey:\n  value on the next line\n');
	});

	it('reads a document that is one flow collection or one scalar, and every document of a stream', () => {
		expectSame('[{run: lint}, b]');
		expectSame('needs: []\nafter: { }\nlast: [ # nothing\n  ]\n');
		expectSame('just text\n');
		expectSame('? explicit\n: key\n');
		expectSame('---\nspec:\n  inputs:\n    stage: {default: test}\n---\njob:\n  script: [echo]\n');
	});

	it('resolves plain scalars as the yaml library does, quoted ones stay text, numbers keep how they were written', () => {
		expectSame('a: [1, -2, +3, 0o17, 0x1F, 1.5, .5, 2., 1e3, -.inf, .NaN, true, False, ~, null, NULL, 0b101, -0x1F, 1_000, "1", \'true\', 2.0, Yes, on]\n');
		const [document] = quick('version: 2.0\n')!;
		expect(document!.root).toMatchObject({ entries: [{ value: { value: 2, source: '2.0' } }] });
	});

	it('agrees with the yaml library on every scalar of a list of tricky ones', () => {
		for (const text of ['0', '-0', '00', '007', '0o8', '0x', '0xG', '1e', '1.2.3', '.', '+', '.inf', '+.INF', '.Inf', 'NaN', 'nan', '~', 'Null', 'nULL', 'TRUE', 'tRUE', 'y', 'n', '12:30', '1_0', '9007199254740993', '1e400']) {
			expect(coreScalar(text), text).toEqual(parseDocument(text).contents?.toJSON() ?? null);
		}
	});

	it('reads anchors, aliases and merge keys as toYamlValue does (explicit keys win, earlier sources win)', () => {
		expectSame('a: &x 1\nb: *x\nc: [*x, &y {k: v}]\nd: *y\n');
		expectSame(['defaults: &defaults', '  image: node', '  dir: ~/app', 'other: &other', '  dir: ~/other', '  cache: yes', 'job:', '  <<: [*defaults, *other]', '  image: python', '  copy: *defaults', 'inline:', '  <<: {b: 2}', '  c: 3', 'again: &defaults [redefined]', 'last: *defaults', ''].join('\n'));
		expectSame('job: &job\n  script: make\nnext:\n  <<: *job\n  when: manual\n');
		// A list item that is an alias, of a map anchored on its own line (CircleCI's `- *restore`).
		expectSame('steps:\n  - &restore\n    restore_cache:\n      key: v1\n  - run: make\n  - *restore # again\n  - *restore\nlast: [*restore]\n');
		const [document] = quick('a: &x {k: 1}\nb: *x\n')!;
		const [a, b] = (document!.root as { entries: { value: unknown }[] }).entries;
		expect(b!.value).toMatchObject({ alias: 'x', kind: 'map' });
		expect((b!.value as { entries: unknown }).entries).toBe((a!.value as { entries: unknown }).entries);
	});

	it('leaves an alias that is a key, and an anchored key, to the yaml library', () => {
		// js-yaml makes a map of each, which the path would have taken for the alias alone.
		expect(quick('x: &a k\nsteps:\n  - *a : *a\n')).toBeUndefined();
		expect(quick('x: &a k\ny:\n  *a :\n')).toBeUndefined();
		// toYamlValue keeps no key's anchor: an alias to one is empty there.
		expect(quick('env:\n  &n NAME: x\n  OTHER: *n\n')).toBeUndefined();
		expect(library('env:\n  &n NAME: x\n  OTHER: *n\n').diagnostics).toEqual([]);
	});

	it('leaves aliases inside anchored values, and more uses of an anchor than the limit, to the yaml library', () => {
		// Inside the node anchored `x`, `*x` is that node (a cycle), not the `x` before it.
		expect(quick('a: &x 1\nb: &x [*x]\n')).toBeUndefined();
		expect(quick('a: &a [x]\nb: &b [*a, *a]\nc: [*b, *b]\n')).toBeUndefined();
		expect(quick('a: &a [*a]\n')).toBeUndefined();
		const many = `a: &a [x]\nb: [${Array.from({ length: 5 }, () => '*a').join(', ')}]\n`;
		expect(readPlainYaml(many, 'ci.yml', MAX_YAML_DEPTH, [], 5)).toBeDefined();
		expect(readPlainYaml(many, 'ci.yml', MAX_YAML_DEPTH, [], 4)).toBeUndefined();
		expect(parseYaml({ path: 'ci.yml', text: many }, { maxAliasCount: 4 }).diagnostics.map((d) => d.code)).toEqual(['yaml-alias-limit']);
	});

	it('leaves merges of anything but maps, tags, directives, pairs in lists and empty items to the yaml library', () => {
		for (const text of [
			'a: &x 1\nb:\n  <<: *x\n',
			'job:\n  script: !reference [.setup, script]\n',
			'a: !!str 1\n',
			'%YAML 1.1\n---\na: yes\n',
			'[a: 1]\n',
			'- \n- b\n',
		]) {
			expect(quick(text), text).toBeUndefined();
		}
	});

	it("reads the CI's own sequence tags (GitLab's `!reference`), recorded and located as the yaml library does", () => {
		expectSame('job:\n  script: !reference [.setup, script]\n  after:\n    - !reference [.a, b]\n    - echo\n  before: !reference\n    [x, y]\n', TAGS);
		const [document] = quick('a: !reference [x, y]\n', 'ci.yml', TAGS)!;
		expect(document!.root).toMatchObject({ entries: [{ value: { kind: 'seq', tag: '!reference', location: { column: 15 } } }] });
		// Only on a sequence, as GitLab defines it, and only when asked for.
		expect(quick('a: !reference x\n', 'ci.yml', TAGS)).toBeUndefined();
		expect(quick('a: !reference [x]\n')).toBeUndefined();
	});

	it('leaves a repeated key (a warning there) to the yaml library', () => {
		expect(quick('a: 1\na: 2\n')).toBeUndefined();
		expect(library('a: 1\na: 2\n').diagnostics.map((d) => d.code)).toEqual(['yaml-duplicate-key']);
		expect(quick('1.0: a\n1.0: b\n')).toBeUndefined();
	});

	it('names keys as written, as the CIs do (a branch `1.0`, a job `010`), the same as the yaml library', () => {
		const text = '1: a\n1.0: b\n010: c\n0x1F: d\ntrue: e\n~: f\n"2.50": g\n';
		expectSame(text);
		expect((quick(text)![0]!.root as { entries: { key: string }[] }).entries.map((e) => e.key)).toEqual(['1', '1.0', '010', '0x1F', 'true', '~', '2.50']);
	});

	it('leaves every file with a problem to the yaml library, so its diagnostics are given', () => {
		// js-yaml reads the last four: an anchor named `x:` (the yaml library warns of it), a key
		// longer than YAML allows, a key after a long blank stretch that the yaml library counts
		// into it, a blank line with a tab after an empty value.
		for (const text of ['a: b: c\n', 'a:\n\t- b\n', 'a: "open\n', 'a: [1, 2\n', 'key: value\n  nested: x\n', 'a: 1\n b: 2\n', 'a: &x: 1\n', `${'k'.repeat(1100)}: v\n`, `a:\n  m:\n    os:${'\n'.repeat(1100)}  b: 2\n`, 'on:\n\t\njobs: 1\n']) {
			expect(quick(text), text).toBeUndefined();
			expect(library(text).diagnostics.length, text).toBeGreaterThan(0);
		}
	});

	it('reads flow lists and quoted text on several lines only where the yaml library accepts their indentation', () => {
		const cases = ['a:\n  b: [\n    1,\n  ]\n', 'a:\n  b: [\n  1,\n  ]\n', 'a:\n  b: [1,\n  2]\n', 'a:\n  b: [\n    1,\n ]\n', 'a:\n  b: [\n    1\n  , 2]\n', 'a:\n  b: {\n    x: 1\n  }\n', 'a:\n  b: "x\n  y"\n', 'a:\n  b: "x\n   y"\n', '- [\n  1\n]\n', 'a: [\n1\n]\n', 'a: [\n 1\n]\n', 'a: "x\ny"\n', 'a:\n  - [1,\n   2]\n', 'a:\n  - [1,\n  2]\n', 'a:\n  - [1,\n  ]\n'];
		const accepted = cases.map((text) => library(text).diagnostics.length === 0);
		expect(accepted.filter(Boolean).length).toBeGreaterThan(4);
		expect(accepted.filter((ok) => !ok).length).toBeGreaterThan(4);
		// js-yaml is stricter (a closing bracket level with its key is refused): those go to the
		// library too. What the quick path reads, it reads as the library does.
		let read = 0;
		for (const [i, text] of cases.entries()) {
			const documents = quick(text);
			if (!accepted[i]) expect(documents, text).toBeUndefined();
			else if (documents !== undefined) {
				expect(documents, text).toEqual(library(text).documents);
				read++;
			}
		}
		expect(read).toBeGreaterThan(1);
	});

	it('pairs each key with its own value when an explicit key has none, or leaves the map to the yaml library', () => {
		// js-yaml makes no frame for a missing value, and the one it opens looking for another key
		// (at `---`) evened the count: `a` was given `b` for its value, or `a` came twice.
		for (const text of ['? a\n? b\n: a\n---\n', '? a\n? b\n: c\n---\n', '? a\n? b\n: c\n---\nx: 1\n', 'm:\n  ? a\n  ? b\n  : c\nn: 1\n', '? a\nb: 2\n']) {
			const documents = quick(text);
			const expected = library(text);
			if (documents !== undefined) expect(documents, text).toEqual(expected.documents);
			else expect(expected.documents.length, text).toBeGreaterThan(0);
		}
		expectSame('? a\n: 1\n? b\n: 2\n');
	});

	it('reads what js-yaml 5 and the yaml library read apart only as the library does, or leaves it', () => {
		// Found by a review's fuzzing: each was read into a tree other than the library's.
		for (const text of [
			'a: &x 1\n---\nb: *x\n', // an alias to an anchor of the document before
			'{a:b}\n', // a flow key with no `:` after it: its empty value is where the key is
			'{a}\n',
			'{x, y: 1}\n',
			'?\n  a\n:\nb: 1\n', // `?` alone on its line
			'x:\n  <<: {a: 1}\n  <<: {b: 2}\n', // two merge keys: one repeated key for the library
			'x:\n  <<: {a: 1}\n  "<<": 2\n',
			'a: |2\n    x\n   \n', // an indentation indicator
			'|2\n   x\n',
			' --- a\n', // a document marker after blanks, text after `...`, a tab at a line's start
			'a: 1\n ---\n',
			'...\ta\n',
			'\ta\n',
		]) {
			const documents = quick(text);
			if (documents !== undefined) expect(documents, JSON.stringify(text)).toEqual(library(text).documents);
		}
		// GitHub's parser refuses a stream of several documents, an empty one too: the library reads it.
		expect(readPlainYamlNodes('on: push\njobs: {}\n---\n', 'ci.yml', MAX_YAML_DEPTH)).toBeUndefined();
		expect(readPlainYamlNodes('on: push\njobs: {}\n', 'ci.yml', MAX_YAML_DEPTH)).toBeDefined();
	});

	it('finds odd document markers and tabs as a look at every line start does', () => {
		// The definition, as a multi-line pattern (3% of config parsing at M, so not the code).
		const definition = /^[ \t]+(?:---|\.\.\.)(?:[ \t]|$)|^\.\.\.[ \t]+[^\s#]|^\t/m;
		const piece = fc.constantFrom(' ', '\t', '\n', '-', '.', '#', 'a', '---', '...');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
				const text = pieces.join('');
				expect(oddMarkers(text), JSON.stringify(text)).toBe(definition.test(text));
			}),
			{ seed: 7, numRuns: 5000 },
		);
		expect(oddMarkers('a: 1\n  --- \n')).toBe(true);
		expect(oddMarkers('script: echo ---\n... # end\n')).toBe(false);
	});

	it('finds the blanks the yaml library may refuse: a blank line with a tab, a thousand blanks in a row', () => {
		for (const text of ['a:\n\t\nb: 1\n', 'a:\n  \t \nb: 1\n', 'a: 1\n\t', `a:${'\n'.repeat(1000)}b: 1`, `a: ${' '.repeat(500)}\n${' '.repeat(499)}b`]) {
			expect(troubleInBlanks(text), JSON.stringify(text.slice(0, 12))).toBe(true);
		}
		for (const text of ['a:\n  b: 1\n', 'a: "x\ty"\n', 'run: |\n  \tmake\n', `a:${'\n'.repeat(998)}b: 1`, `a: ${' '.repeat(900)}x${' '.repeat(900)}\n`]) {
			expect(troubleInBlanks(text), JSON.stringify(text.slice(0, 12))).toBe(false);
		}
	});

	it('finds those blanks wherever they are, as a look at every character does', () => {
		// The plain definition, character by character, against the quick one on texts made of
		// runs of blanks around a thousand long, tabs and line breaks, at every alignment.
		const slow = (text: string) => {
			let run = 0;
			let blankLine = true;
			let tab = false;
			for (const ch of text) {
				if (ch === '\n') {
					if (blankLine && tab) return true;
					[blankLine, tab] = [true, false];
					run++;
				} else if (ch === ' ' || ch === '\t') {
					tab ||= ch === '\t';
					run++;
				} else [blankLine, run] = [false, 0];
				if (run >= 1000) return true;
			}
			return blankLine && tab;
		};
		let seed = 7;
		// The high bits: a power-of-two modulus leaves the low ones short cycles.
		const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
		const pieces = [() => 'x', () => 'a: b', () => '\n', () => '\r', () => ' '.repeat(next(40)), () => '\t', () => ' '.repeat(990 + next(20)), () => '\n'.repeat(next(3)) + ' '.repeat(next(1200))];
		let found = 0;
		for (let i = 0; i < 400; i++) {
			let text = '';
			for (let n = next(12); n >= 0; n--) text += pieces[next(pieces.length)]!();
			expect(troubleInBlanks(text), JSON.stringify(text.slice(0, 40))).toBe(slow(text));
			if (slow(text)) found++;
		}
		expect(found).toBeGreaterThan(40);
		expect(found).toBeLessThan(360);
		for (let at = 0; at < 2100; at += 7) {
			expect(troubleInBlanks(`${'x'.repeat(at)}${' '.repeat(1000)}x`), `1000 blanks at ${at}`).toBe(true);
			expect(troubleInBlanks(`${'x'.repeat(at)}${' \n'.repeat(499)} x`), `999 blanks at ${at}`).toBe(false);
		}
	});

	it('leaves documents nested deeper than the limit to the yaml library', () => {
		const deep = `${'['.repeat(MAX_YAML_DEPTH + 5)}${']'.repeat(MAX_YAML_DEPTH + 5)}\n`;
		expect(quick(deep)).toBeUndefined();
		expect(library(deep).diagnostics.map((d) => d.code)).toContain('yaml-too-deep');
	});

	it('is what parseYaml gives for a plain file, and not for a file it needs the library for', () => {
		const text = 'a: 1\nb: [x]\n';
		expect(parseYaml({ path: 'ci.yml', text }).documents).toEqual(quick(text));
		expect(parseYaml({ path: 'ci.yml', text: 'a: 1\na: 2\n' }).diagnostics.map((d) => d.code)).toEqual(['yaml-duplicate-key']);
	});
});

function yamlFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((f) => /\.ya?ml$/.test(f) && !f.split(/[\\/]/).includes('node_modules'))
		.map((f) => join(dir, f))
		.sort();
}

const repository = fileURLToPath(new URL('../../', import.meta.url));
const corpus = fileURLToPath(new URL('../../../shared/', import.meta.url));

describe.each([
	{ name: "the repository's example pipelines and test fixtures", files: [...yamlFiles(join(repository, 'pipelines')), ...yamlFiles(join(repository, 'test'))], least: 0.5 },
	{ name: 'the real corpus and seed systems', files: [...yamlFiles(join(corpus, 'corpus')), ...yamlFiles(join(corpus, 'seed-systems'))], least: 0.7 },
])('both paths over $name', ({ files, least }) => {
	it.skipIf(files.length === 0)(`give the same trees (${files.length} files)`, () => {
		let read = 0;
		for (const file of files) {
			const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
			const documents = quick(text, file, TAGS);
			if (!documents) continue;
			read++;
			const expected = library(text, file, TAGS);
			expect(expected.diagnostics, file).toEqual([]);
			expect(documents, file).toEqual(expected.documents);
		}
		// Most files are plain: a quick path that gave up on everything would pass the rest.
		expect(read / files.length).toBeGreaterThanOrEqual(least);
	});
});

describe('both paths over damaged files', () => {
	const files = [...yamlFiles(join(repository, 'pipelines')), ...yamlFiles(join(corpus, 'corpus', 'gitlab')).slice(0, 20), ...yamlFiles(join(corpus, 'corpus', 'circleci')).slice(0, 20)];
	it(`agree wherever the quick path reads one (${files.length} files, mutated)`, () => {
		const texts = files.map((file) => readFileSync(file, 'utf8'));
		let read = 0;
		fc.assert(
			fc.property(fc.nat({ max: texts.length - 1 }), mutations, (i, steps) => {
				const text = asText(mutate(encoder.encode(texts[i]!), steps)).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
				const documents = quick(text, 'ci.yml', TAGS);
				if (!documents) return;
				read++;
				const expected = library(text, 'ci.yml', TAGS);
				expect(expected.diagnostics).toEqual([]);
				expect(documents).toEqual(expected.documents);
			}),
			{ seed: 42, numRuns: 300 },
		);
		// Some damage leaves a file well-formed (a value retyped, a line cut at its end): compared.
		expect(read).toBeGreaterThan(10);
		// 300 files parsed twice: 3.6 s alone, over Vitest's 5 s beside the other unit files on 2 cores.
	}, 30_000);
});
