import { describe, expect, it } from 'vitest';
import { parseRunFolder, type RunFile } from '../../src/runs/parse';
import { file, gh, json, zip } from './helpers';

describe('a run folder', () => {
	it('detects formats by content, whatever the file names and the pipeline’s CI say', () => {
		const { runs } = parseRunFolder(
			[
				file('a.txt', `section_start:1:get_sources\r\x1b[0KGetting sources\nsection_end:2:get_sources\r\x1b[0K\nJob succeeded\n`),
				file('b.json.txt', [gh(0, 'Complete job name: b'), gh(1, 'Cleaning up orphan processes')].join('\n')),
				json('c.log', { build_num: 3, status: 'success', steps: [{ name: 'Build', actions: [{ name: 'Build', status: 'success', index: 0 }] }] }),
			],
			'gitlab',
		);
		expect(runs.map((r) => r.format).sort()).toEqual(['circleci-api', 'github-log', 'gitlab-trace']);
	});

	it('breaks the tie of plain numbered step files with the pipeline’s CI', () => {
		const steps = [file('build/1_Set up job.txt', 'Preparing\n'), file('build/2_Compile.txt', 'cc main.c\n')];
		const github = parseRunFolder(steps, 'github-actions').runs;
		expect(github.map((r) => [r.format, r.job, r.steps!.length])).toEqual([['github-archive', 'build', 2]]);
		const circleci = parseRunFolder(steps, 'circleci').runs;
		expect(circleci.map((r) => [r.format, r.job, r.steps!.map((s) => s.name)])).toEqual([['circleci-text', 'build', ['Set up job', 'Compile']]]);
		// Another CI's pipeline: plain text, one run per file.
		expect(parseRunFolder(steps, 'gitlab').runs.map((r) => r.format)).toEqual(['text', 'text']);
		// A CircleCI build JSON in the folder outweighs the hint.
		const withBuild = parseRunFolder([...steps, json('build/build.json', { build_num: 1, steps: [] })], 'github-actions').runs;
		expect(withBuild.map((r) => r.format)).toEqual(['circleci-api', 'circleci-text']);
	});

	it('reports a binary file and reads the rest', () => {
		const binary: RunFile = { path: 'screenshot.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]) };
		const { runs, problems } = parseRunFolder([binary, file('log.txt', 'hello\n')]);
		expect(runs).toHaveLength(1);
		expect(problems).toEqual([
			expect.objectContaining({ file: 'screenshot.png', message: expect.stringMatching(/^Not a text file: .*; left out$/) }),
			expect.objectContaining({ file: 'log.txt', message: 'Not a CI log this reader knows; shown as plain text' }),
		]);
	});

	it('reads UTF-16 with a byte order mark, and marks a few broken UTF-8 bytes', () => {
		const text = [gh(0, 'Complete job name: win'), gh(1, 'Cleaning up orphan processes')].join('\r\n');
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
		expect(parseRunFolder([{ path: 'win.txt', bytes: utf16 }]).runs[0]).toMatchObject({ format: 'github-log', job: 'win' });
		const broken = new TextEncoder().encode('x'.repeat(500) + '\n');
		broken[10] = 0xff;
		const { runs, problems } = parseRunFolder([{ path: 'broken.txt', bytes: broken }]);
		expect(runs[0]!.steps![0]!.lines![0]![10]).toBe('\uFFFD');
		expect(problems.map((p) => p.message)).toContain('Some bytes are not valid UTF-8; they are shown as �');
	});

	it('shows JSON that does not parse as text, with the line of the error when JSON.parse gives it', () => {
		const { runs, problems } = parseRunFolder([file('build.json', '\n\n{"build_num": 1 "steps": []}\n'), file('cut.json', '{"steps": [')]);
		expect(runs.map((r) => r.format)).toEqual(['text', 'text']);
		expect(problems.map((p) => [p.file, p.line, p.message])).toEqual([
			['build.json', 3, 'Not valid JSON (cut short or edited?); shown as plain text'],
			['cut.json', undefined, 'Not valid JSON (cut short or edited?); shown as plain text'],
		]);
	});

	it('leaves out empty files, Mac junk and zip directories', () => {
		const { runs, problems } = parseRunFolder([
			file('empty.txt', '  \n'),
			file('.DS_Store', 'x'),
			file('__MACOSX/._log.txt', 'x'),
			zip('logs.zip', { 'job/': new Uint8Array(0), 'job/1_Build.txt': 'make\n', '__MACOSX/job/._1_Build.txt': 'junk' }),
		]);
		expect(problems).toEqual([{ file: 'empty.txt', message: 'Empty file; left out' }]);
		expect(runs.map((r) => [r.job, r.steps!.map((s) => s.name)])).toEqual([['job', ['Build']]]);
	});

	it('gives the same runs in the same order whatever order the files come in', () => {
		const files = [
			file('b/1_x.txt', 'b\n'),
			file('a.log', 'plain\n'),
			file('c.txt', [gh(0, 'Complete job name: c'), gh(1, 'Cleaning up orphan processes')].join('\n')),
			file('b/2_y.txt', 'y\n'),
		];
		const forward = parseRunFolder(files, 'github-actions');
		const backward = parseRunFolder([...files].reverse(), 'github-actions');
		expect(backward).toEqual(forward);
		expect(forward.runs.map((r) => r.job)).toEqual(['b', 'c', 'a']);
		expect(forward.files).toEqual([['b/1_x.txt', 'b/2_y.txt'], ['c.txt'], ['a.log']]);
	});

	it('never throws, whatever it is given', () => {
		let seed = 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const pieces = ['##[group]Run x', '##[endgroup]', '##[error]Process completed with exit code 9.', 'section_start:1:a\r\x1b[0K', 'section_end:2:a\r\x1b[0K', 'section_end:0:zz', 'travis_fold:start:q\r', 'travis_fold:end:q', '--- ', '^^^ +++', '\x1b[', '\x1b]', '\r', '\n', '\t', '{"steps":[{"actions":[{}]}]}', '[{"message":1}]', 'job\tstep\t', '2024-01-01T00:00:00.0000000Z ', '2024-01-01T00:00:00.000000Z 00O+', 'Post job cleanup.', '[Pipeline] }', '\uFEFF', '😀'];
		for (let round = 0; round < 300; round++) {
			const files: RunFile[] = [];
			const count = 1 + Math.floor(random() * 3);
			for (let f = 0; f < count; f++) {
				let text = '';
				const length = Math.floor(random() * 40);
				for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
				const names = ['x.txt', 'job/1_a.txt', 'output-0-0.json', 'system.txt', '01-step.txt', 'build.json'];
				files.push(file(names[Math.floor(random() * names.length)]!, text));
			}
			if (round % 10 === 0) files.push({ path: 'garbage.zip', bytes: Uint8Array.from({ length: 64 }, (_, i) => (i < 4 ? [0x50, 0x4b, 3, 4][i]! : Math.floor(random() * 256))) });
			expect(() => parseRunFolder(files, random() < 0.5 ? 'circleci' : undefined)).not.toThrow();
		}
		expect(() => parseRunFolder([{ path: undefined as unknown as string, bytes: undefined as unknown as Uint8Array }])).not.toThrow();
		expect(() => parseRunFolder(json('x.json', { steps: [{ actions: [{ name: 5, index: 'x', start_time: 3 }] }], build_num: 'q' }) as unknown as RunFile[])).not.toThrow();
	});
});
