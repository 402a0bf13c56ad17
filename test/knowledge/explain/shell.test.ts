import { describe, expect, it } from 'vitest';
import { scriptLines, splitLine } from '../../../src/knowledge/explain/shell';

describe('scriptLines', () => {
	it('joins continuations, drops comments and blank lines, attaches heredoc bodies', () => {
		const lines = scriptLines(['# setup', 'docker build \\', '  -t app .', '', 'cat > f <<-EOF', '\tsome text # not a comment', 'EOF', 'echo "a # b" # c'].join('\n'));
		expect(lines).toEqual([
			{ text: 'docker build  -t app .', line: 2 },
			{ text: 'cat > f <<-EOF', line: 5, heredoc: '\tsome text # not a comment' },
			{ text: 'echo "a # b"', line: 8 },
		]);
	});

	it('keeps a quote opened on one line open across the next ones', () => {
		expect(scriptLines('python -c "\nimport sys\nprint(1)\n"\nls').map((l) => l.text)).toEqual(['python -c "\nimport sys\nprint(1)\n"', 'ls']);
	});

	it('does not mistake CircleCI parameters for a heredoc', () => {
		expect(scriptLines('echo << parameters.name >>\nls')).toEqual([
			{ text: 'echo << parameters.name >>', line: 1 },
			{ text: 'ls', line: 2 },
		]);
	});
});

describe('splitLine', () => {
	it('cuts at && || ; and pipes, undoing quotes and keeping expansions whole', () => {
		const pipelines = splitLine('FOO=1 npm run "build:prod" -- --x="$(date +%s)" && echo $A | tee log.txt; make 2>&1 &');
		expect(pipelines.map((p) => p.map((c) => c.words))).toEqual([[['npm', 'run', 'build:prod', '--', '--x=$(date +%s)']], [['echo', '$A'], ['tee', 'log.txt']], [['make']]]);
		expect(pipelines[0]![0]!.assignments).toEqual(['FOO=1']);
		expect(pipelines[1]![0]!.pipe).toEqual({ index: 0, length: 2 });
		expect(pipelines[2]![0]!.redirects).toEqual([{ op: '>&', fd: '2', target: '1' }]);
		expect(pipelines[2]![0]!.background).toBe(true);
	});

	it('keeps GitHub expressions and process substitutions as single words', () => {
		expect(splitLine('node-gyp --target=${{ matrix.node }} && bash <(curl -s https://x.io/a)').map((p) => p[0]!.words)).toEqual([
			['node-gyp', '--target=${{ matrix.node }}'],
			['bash', '<(curl -s https://x.io/a)'],
		]);
	});

	it('keeps Windows paths as written', () => {
		expect(splitLine('C:\\msys64\\usr\\bin\\pacman -Syu "C:\\tools\\x"')[0]![0]!.words).toEqual(['C:\\msys64\\usr\\bin\\pacman', '-Syu', 'C:\\tools\\x']);
	});
});
