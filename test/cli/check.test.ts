import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeRegExp, hasSeeds, repoRoot, runCli, seedCircleCiConfigs, seeds, seedsLabel, transcript } from './support/cli';

const taggedDeploy = `${seeds}/titus/circleci-config.tagged-deploy.yml`;
const brokenYaml = `${seeds}/orange-county-lettings/circleci-config.broken-yaml.yml`;

/** `file:line:col: severity: message` lines of `check`'s stdout. */
function diagnosticLines(stdout: string, file: string, severity: string): { line: number; column: number; message: string }[] {
	const pattern = new RegExp(`^${escapeRegExp(file)}:(\\d+):(\\d+): ${severity}: (.+)$`);
	return stdout.split('\n').flatMap((text) => {
		const m = pattern.exec(text);
		return m ? [{ line: Number(m[1]), column: Number(m[2]), message: m[3]! }] : [];
	});
}

describe.skipIf(!hasSeeds)(`check on the seed systems (${seedsLabel})`, () => {
	it('warns about the misspelt docker_layer_catching at its real line and exits 0', async () => {
		const lines = readFileSync(join(repoRoot, taggedDeploy), 'utf8').split(/\r?\n/);
		const at = lines.flatMap((text, i) => (text.includes('docker_layer_catching') ? [i] : []));
		expect(at, 'the seed file should misspell docker_layer_caching exactly once').toHaveLength(1);
		const expected = { line: at[0]! + 1, column: lines[at[0]!]!.indexOf('docker_layer_catching') + 1 };

		const args = ['check', taggedDeploy];
		const r = await runCli(args);
		expect(r.status, transcript(args, r)).toBe(0);
		const warnings = diagnosticLines(r.stdout, taggedDeploy, 'warning').filter((w) => /docker_layer_catching.*docker_layer_caching/.test(w.message));
		expect(warnings, transcript(args, r)).toHaveLength(1);
		expect({ line: warnings[0]!.line, column: warnings[0]!.column }).toEqual(expected);
	});

	it('reports the broken YAML as an error at line 7 or 8 with a column, and exits 1', async () => {
		const args = ['check', brokenYaml];
		const r = await runCli(args);
		expect(r.status, transcript(args, r)).toBe(1);
		const errors = diagnosticLines(r.stdout, brokenYaml, 'error');
		expect(errors.length, transcript(args, r)).toBeGreaterThan(0);
		expect([7, 8], transcript(args, r)).toContain(errors[0]!.line);
		expect(errors[0]!.column).toBeGreaterThan(0);
		expect(r.stderr).toMatch(/1 pipeline checked: [1-9]\d* errors?/);
	});

	const others = seedCircleCiConfigs().filter((f) => f !== brokenYaml);

	it('finds the seed CircleCI configs to check', () => {
		expect(others).toContain(taggedDeploy);
		expect(others.length).toBeGreaterThanOrEqual(4);
	});

	// `it.each` needs a row even when the seeds are missing (the block is skipped then).
	it.each(others.length > 0 ? others : ['(no seed configs)'])('exits 0 without errors on %s', async (file) => {
		const args = ['check', file];
		const r = await runCli(args);
		expect(r.status, transcript(args, r)).toBe(0);
		expect(r.stdout, transcript(args, r)).not.toMatch(/^\S+:\d+:\d+: error: /m);
		expect(r.stderr).toMatch(/1 pipeline checked: 0 errors/);
	});
});

describe('usage errors exit 2', () => {
	const missing = join(tmpdir(), `pipeline-atlas-no-such-path-${process.pid}`, 'config.yml');

	it('with no command, printing the usage', async () => {
		const r = await runCli([]);
		expect(r.status, transcript([], r)).toBe(2);
		expect(r.stderr).toContain('Usage: pipeline-atlas <command>');
	});

	it.each([
		{ name: 'an unknown command', args: ['frobnicate'], message: /unknown command "frobnicate"/ },
		{ name: 'check without a file or folder', args: ['check'], message: /check needs at least one file or folder/ },
		{ name: 'model without --json', args: ['model', 'x'], message: /--json/ },
		{ name: 'check of a missing path', args: ['check', missing], message: new RegExp(`no such file or folder: ${escapeRegExp(missing)}`) },
		{ name: 'model of a missing path', args: ['model', missing, '--json'], message: new RegExp(`no such file or folder: ${escapeRegExp(missing)}`) },
		{ name: 'check of a folder without CI files', args: ['check', 'content'], message: /no CI configuration found under content/ },
		{ name: 'build given a file as the pipelines folder', args: ['build', '--pipelines', 'package.json'], message: /no pipelines folder at/ },
		{ name: 'build writing into its own input', args: ['build', '--pipelines', 'pipelines', '--out', 'pipelines/site'], message: /overlaps the pipelines folder/ },
		{ name: 'build writing over the project', args: ['build', '--out', '..'], message: /overlaps the pipelines folder|would hold Pipeline Atlas itself/ },
		{ name: 'build asked for a PNG scale it does not draw', args: ['build', '--png-scale', '3'], message: /--png-scale must be 1 or 2, not "3"/ },
	])('with $name', async ({ args, message }) => {
		const r = await runCli(args);
		expect(r.status, transcript(args, r)).toBe(2);
		expect(r.stderr, transcript(args, r)).toMatch(message);
		expect(r.stderr).toContain('Usage: pipeline-atlas <command>');
		expect(r.stdout, 'a usage error prints nothing on stdout').toBe('');
	});
});
