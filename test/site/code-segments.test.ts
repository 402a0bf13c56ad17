import { describe, expect, it } from 'vitest';
import { codeSegments } from '../../src/site/code-segments';

describe('codeSegments', () => {
	it('cuts text that marks code with backticks into text and code', () => {
		expect(codeSegments('Input of a manual run (`workflow_dispatch`) of `ci.yml`')).toEqual([{ text: 'Input of a manual run (' }, { code: 'workflow_dispatch' }, { text: ') of ' }, { code: 'ci.yml' }]);
	});

	it('leaves a lone backtick and an empty pair as text', () => {
		expect(codeSegments('it`s')).toEqual([{ text: 'it`s' }]);
		expect(codeSegments('an empty `` pair')).toEqual([{ text: 'an empty `` pair' }]);
		expect(codeSegments('a ` b `c`')).toEqual([{ text: 'a ' }, { code: ' b ' }, { text: 'c`' }]);
	});

	it('keeps markup as text for the page to escape', () => {
		expect(codeSegments('`<script>` & <b>')).toEqual([{ code: '<script>' }, { text: ' & <b>' }]);
	});
});
