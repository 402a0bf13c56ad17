import { describe, expect, it } from 'vitest';
import { formatDuration, jobImageName, stageImageName } from '../../src/images';

describe('stageImageName', () => {
	it('joins pipeline, run, two-digit index and step slug', () => {
		expect(stageImageName('atlas', '1234', { index: 3, name: 'Run npm test -- --coverage' }, 'png')).toBe('atlas-1234-03-run-npm-test-coverage.png');
		expect(stageImageName('atlas', '1234', { index: 12, name: 'Build' }, '.SVG')).toBe('atlas-1234-12-build.svg');
		expect(stageImageName('atlas', '1234', { index: 123, name: 'x' }, 'png')).toBe('atlas-1234-123-x.png');
	});

	it('slugs to lowercase a-z0-9 and dashes, accents folded, at most 60 characters, never empty', () => {
		const name = stageImageName('Mon Pipeline/ci', 'run:7', { index: 1, name: 'Déploiement — «prod» 🚀 / eu-west-1' }, 'png');
		expect(name).toBe('mon-pipeline-ci-run-7-01-deploiement-prod-eu-west-1.png');
		const long = stageImageName('p', 'r', { index: 1, name: `${'word '.repeat(40)}end` }, 'png');
		const slug = long.slice('p-r-01-'.length, -'.png'.length);
		expect(slug.length).toBeLessThanOrEqual(60);
		expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(stageImageName('', '', { index: 1, name: '🚀 ✅' }, 'png')).toBe('pipeline-run-01-step.png');
		expect(stageImageName('p', 'r', { index: 1, name: '../../etc/passwd' }, 'png')).toBe('p-r-01-etc-passwd.png');
	});

	it('keeps parallel containers of one step apart', () => {
		expect(stageImageName('p', 'r', { index: 2, name: 'test', container: 0 }, 'png')).toBe('p-r-02-test.png');
		expect(stageImageName('p', 'r', { index: 2, name: 'test', container: 3 }, 'png')).toBe('p-r-02-test-c3.png');
	});

	it('refuses an extension that is not one', () => {
		expect(() => stageImageName('p', 'r', { index: 1, name: 'x' }, 'png/../x')).toThrow();
		expect(() => stageImageName('p', 'r', { index: 1, name: 'x' }, '')).toThrow();
	});

	it('names the job image so it sorts before the stages', () => {
		expect(jobImageName('atlas', '1234', 'test (ubuntu-latest, 20)', 'png')).toBe('atlas-1234-00-job-test-ubuntu-latest-20.png');
	});
});

describe('formatDuration', () => {
	it('prints durations as job pages do', () => {
		expect(formatDuration(undefined)).toBeUndefined();
		expect(formatDuration(0)).toBe('0s');
		expect(formatDuration(400)).toBe('<1s');
		expect(formatDuration(42_000)).toBe('42s');
		expect(formatDuration(64_000)).toBe('1m 04s');
		expect(formatDuration(59_600)).toBe('1m 00s');
		expect(formatDuration(7_387_000)).toBe('2h 03m 07s');
	});
});
