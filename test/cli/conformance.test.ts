import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conformanceOf } from '../../src/cli/conformance';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const available = existsSync(corpus);

describe.skipIf(!available)(`conformance over the real corpus (${available ? corpus : 'skipped: no ../shared/corpus beside the repository'})`, async () => {
	const { rows, unrecognised, explanations } = available
		? await conformanceOf(corpus)
		: { rows: [], unrecognised: [], explanations: { steps: 0, explained: 0, share: 1, unexplained: [] } };
	console.log(rows.map((r) => `${r.provider}: ${r.files} files, ${r.clean} clean, ${r.warnings} with warnings, ${r.rejected} rejected, ${r.crashed} crashed`).join('\n'));

	it.each(['circleci', 'github-actions', 'gitlab'])('%s: nothing crashes and at least 98% parses', (provider) => {
		const row = rows.find((r) => r.provider === provider)!;
		expect(row.files).toBeGreaterThan(30);
		expect(row.crashes).toEqual([]);
		expect((row.clean + row.warnings) / row.files).toBeGreaterThanOrEqual(0.98);
	});

	it('every rejection says where and why', () => {
		for (const line of rows.flatMap((r) => r.rejections)) expect(line).toMatch(/^\S+:\d+:\d+: \S/);
	});

	it('at least 90% of the steps get a built-in explanation', () => {
		console.log(`explanations: ${explanations.explained} of ${explanations.steps} steps (${(100 * explanations.share).toFixed(1)}%)`);
		expect(explanations.steps).toBeGreaterThan(1000);
		expect(explanations.share).toBeGreaterThanOrEqual(0.9);
		for (const row of rows) expect(row.explanations.steps).toBeGreaterThan(0);
	});

	// The corpus holds a few Bitbucket configs: every one is read, none is rejected.
	it('bitbucket: every config of the corpus parses, and nothing crashes', () => {
		const row = rows.find((r) => r.provider === 'bitbucket')!;
		expect(row.files).toBeGreaterThanOrEqual(5);
		expect(row.crashes).toEqual([]);
		expect(row.rejections).toEqual([]);
	});

	it('lists the files it does not recognise instead of dropping them', () => {
		expect(unrecognised.some((f) => f.includes('/azure/'))).toBe(true);
		expect(unrecognised.some((f) => f.includes('bitbucket'))).toBe(false);
	});
});
