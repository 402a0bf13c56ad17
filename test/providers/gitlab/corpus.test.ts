import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseGitLabConfig } from '../../../src/providers/gitlab';
import { schemaIssues, shared } from './helpers';

const corpus = join(shared, 'corpus', 'gitlab');
const available = existsSync(corpus);

it.skipIf(!available)(`reads every real config of the corpus (${available ? corpus : 'needs ../shared/corpus/gitlab beside the repository'})`, () => {
	const files = readdirSync(corpus).filter((name) => /\.ya?ml$/.test(name)).sort();
	expect(files.length).toBeGreaterThan(0);
	let withoutErrors = 0;
	let clean = 0;
	let warnings = 0;
	let errors = 0;
	const failing: string[] = [];
	for (const name of files) {
		const started = performance.now();
		let output!: ReturnType<typeof parseGitLabConfig>;
		expect(() => (output = parseGitLabConfig({ path: name, text: readFileSync(join(corpus, name), 'utf8') })), name).not.toThrow();
		expect(performance.now() - started, `${name} took too long`).toBeLessThan(2000);
		expect(schemaIssues(output), name).toEqual([]);
		const found = output.diagnostics ?? [];
		const fileErrors = found.filter((d) => d.severity === 'error');
		for (const diagnostic of fileErrors) {
			expect(diagnostic.location.line, `${name}: ${diagnostic.message}`).toBeGreaterThanOrEqual(1);
			expect(diagnostic.location.file).toBe(name);
		}
		const fileWarnings = found.filter((d) => d.severity === 'warning').length;
		errors += fileErrors.length;
		warnings += fileWarnings;
		if (fileErrors.length === 0) withoutErrors++;
		else failing.push(`${name}: ${fileErrors.map((d) => `${d.location.line}:${d.location.column} ${d.message}`).join(' | ')}`);
		if (fileErrors.length + fileWarnings === 0) clean++;
	}
	console.log(`gitlab corpus: ${files.length} files, ${withoutErrors} without errors, ${clean} clean, ${warnings} warnings, ${errors} errors${failing.length ? `\n  ${failing.join('\n  ')}` : ''}`);
	expect(withoutErrors / files.length).toBeGreaterThanOrEqual(0.98);
});
