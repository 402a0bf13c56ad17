import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseCircleCiConfig } from '../../../src/providers/circleci';
import { schemaIssues, shared } from './helpers';

const corpus = join(shared, 'corpus', 'circleci');
const available = existsSync(corpus);

it.skipIf(!available)(`reads every real config of the corpus (${available ? corpus : 'needs ../shared/corpus/circleci beside the repository'})`, () => {
	const files = readdirSync(corpus).filter((name) => /\.ya?ml$/.test(name)).sort();
	expect(files.length).toBeGreaterThan(0);
	let clean = 0;
	let warnings = 0;
	let errors = 0;
	for (const name of files) {
		const started = performance.now();
		const output = parseCircleCiConfig({ path: name, text: readFileSync(join(corpus, name), 'utf8') });
		expect(performance.now() - started, `${name} took too long`).toBeLessThan(2000);
		expect(schemaIssues(output), name).toEqual([]);
		const found = output.diagnostics ?? [];
		for (const diagnostic of found.filter((d) => d.severity === 'error')) {
			expect(diagnostic.location.line, `${name}: ${diagnostic.message}`).toBeGreaterThanOrEqual(1);
			expect(diagnostic.location.file).toBe(name);
		}
		const fileErrors = found.filter((d) => d.severity === 'error').length;
		const fileWarnings = found.filter((d) => d.severity === 'warning').length;
		errors += fileErrors;
		warnings += fileWarnings;
		if (fileErrors + fileWarnings === 0) clean++;
	}
	console.log(`circleci corpus: ${files.length} files, ${clean} clean, ${warnings} warnings, ${errors} errors`);
});
