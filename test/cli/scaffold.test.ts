import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffold } from '../../src/cli/scaffold';
import { tempDir } from '../support/temp';

const config = `version: 2.1
jobs:
  build:
    docker: [{ image: cimg/base:2024.02 }]
    steps:
      - checkout
      - run:
          name: Frobnicate the widgets
          command: frobnicate --all
      - run:
          name: Polish
          command: polish-widgets
workflows:
  main:
    jobs: [build]
`;

function project() {
	const root = tempDir('atlas-scaffold-');
	mkdirSync(join(root, 'pipelines/shop/.circleci'), { recursive: true });
	writeFileSync(join(root, 'pipelines/shop/.circleci/config.yml'), config);
	mkdirSync(join(root, 'content/explanations'), { recursive: true });
	return root;
}
const quiet = () => {};

describe('scaffold', () => {
	it('writes a stub per step without an explanation, in a folder per pipeline and job', async () => {
		const root = project();
		expect(await scaffold([], { pipelines: join(root, 'pipelines'), content: join(root, 'content') }, quiet)).toBe(0);
		const files = readdirSync(join(root, 'content/explanations/shop/build')).sort();
		// `checkout` has a built-in explanation; the two unknown commands get stubs.
		expect(files).toEqual(['02-frobnicate-the-widgets.md', '03-polish.md']);
		const stub = readFileSync(join(root, 'content/explanations/shop/build/02-frobnicate-the-widgets.md'), 'utf8');
		expect(stub).toMatch(/^---\ntitle: "Why: Frobnicate the widgets"\nmatch:\n  pipeline: shop\n  job: build\n  step: Frobnicate the widgets\n---\n/);
	});
	it('never overwrites a file, and skips steps an existing explanation already covers', async () => {
		const root = project();
		writeFileSync(join(root, 'content/explanations/polish.md'), '---\nmatch:\n  step: Polish\n---\nOurs.\n');
		mkdirSync(join(root, 'content/explanations/shop/build'), { recursive: true });
		const mine = join(root, 'content/explanations/shop/build/02-frobnicate-the-widgets.md');
		writeFileSync(mine, 'hand-written, not a stub\n');
		const lines: string[] = [];
		await scaffold(['shop'], { pipelines: join(root, 'pipelines'), content: join(root, 'content') }, (l) => lines.push(l));
		expect(readFileSync(mine, 'utf8')).toBe('hand-written, not a stub\n');
		expect(readdirSync(join(root, 'content/explanations/shop/build'))).toEqual(['02-frobnicate-the-widgets.md']);
		expect(lines.at(-1)).toBe('0 stubs written, 1 existing file left untouched, 1 explanation already matched.');
	});
	it('with --all also stubs steps that have a built-in explanation', async () => {
		const root = project();
		await scaffold([], { pipelines: join(root, 'pipelines'), content: join(root, 'content'), all: true }, quiet);
		expect(readdirSync(join(root, 'content/explanations/shop/build'))).toContain('01-checkout-code.md');
	});
	it('names the pipelines it knows when asked for one it does not', async () => {
		const root = project();
		await expect(scaffold(['nope'], { pipelines: join(root, 'pipelines'), content: join(root, 'content') }, quiet)).rejects.toThrow(/no pipeline nope \(have shop\)/);
	});
});
