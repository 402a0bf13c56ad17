import { describe, expect, it } from 'vitest';
import { guarded, testInWords } from '../../../src/knowledge/explain/conditions';
import { explainCommand } from './support';

describe('a command guarded by a test', () => {
	it('says when a one-line `if` or `&&` guard lets the command run', () => {
		expect(explainCommand('if [ "$BITBUCKET_EXIT_CODE" != "0" ]; then cat test-results/junit.xml; fi', 'bitbucket')?.summary).toBe(
			'When `$BITBUCKET_EXIT_CODE` is not `0`, prints `test-results/junit.xml` to the log.',
		);
		expect(explainCommand('[ ! -d node_modules ] && npm ci')?.summary).toMatch(/^When `node_modules` does not exist, installs /);
		expect(explainCommand('test -f x && rm x')?.summary).toBe('When `x` exists, deletes `x`.');
	});

	it('puts tests in words, and leaves what it cannot say plainly to the line-by-line reading', () => {
		expect(testInWords('[ "$CI_COMMIT_TAG" = "" ]')).toBe('`$CI_COMMIT_TAG` is empty');
		expect(testInWords('[ ! "$CI_COMMIT_TAG" != "" ]')).toBe('`$CI_COMMIT_TAG` is empty');
		expect(testInWords('[[ -n "$DEPLOY_KEY" ]]')).toBe('`$DEPLOY_KEY` is not empty');
		expect(testInWords('[ $COUNT -gt 3 ]')).toBe('`$COUNT` is greater than `3`');
		expect(testInWords('[ "$A" = x -a "$B" = y ]')).toBeUndefined();
		expect(testInWords('[ -L link ]')).toBeUndefined();
		// Two tests, an `else`: not one guard.
		expect(guarded('if [ "$A" = x ] && [ "$B" = y ]; then make; fi')).toBeUndefined();
		expect(guarded('if [ -f a ]; then make a; else make b; fi')).toBeUndefined();
	});
});
