import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../src/evaluate/gitlab-expression';
import { gitlabVariables } from '../../src/evaluate/runs';

const main = gitlabVariables('main', { kind: 'branch', name: 'main' });
const feature = gitlabVariables('main', { kind: 'branch', name: 'feature/x' });
const tag = gitlabVariables('main', { kind: 'tag', name: 'v1.2.0' });
const mr = gitlabVariables('main', { kind: 'pull_request', branch: 'feature/x' });

describe('GitLab rules:if expressions', () => {
	it('compares the branch with the default branch', () => {
		const e = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';
		expect([evaluateExpression(e, main), evaluateExpression(e, feature), evaluateExpression(e, tag)]).toEqual([true, false, false]);
	});
	it('tests a variable for presence', () => {
		expect([evaluateExpression('$CI_COMMIT_TAG', tag), evaluateExpression('$CI_COMMIT_TAG', main)]).toEqual([true, false]);
	});
	it('matches regexes and combines with && and || and parentheses', () => {
		expect(evaluateExpression('$CI_COMMIT_TAG =~ /^v\\d+\\.\\d+/', tag)).toBe(true);
		expect(evaluateExpression('$CI_COMMIT_REF_NAME !~ /^feature\\//', feature)).toBe(false);
		expect(evaluateExpression('$CI_PIPELINE_SOURCE == "merge_request_event" || ($CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH == "main")', mr)).toBe(true);
		expect(evaluateExpression("$CI_PIPELINE_SOURCE == 'merge_request_event' && $CI_COMMIT_BRANCH", mr)).toBe(false);
	});
	it('stays unknown for the project’s own variables, unless the other side decides', () => {
		expect(evaluateExpression('$DEPLOY_ENABLED == "true"', main)).toBe('unknown');
		expect(evaluateExpression('$DEPLOY_ENABLED == "true" && $CI_COMMIT_TAG', main)).toBe(false);
		expect(evaluateExpression('$DEPLOY_ENABLED || $CI_COMMIT_TAG', tag)).toBe(true);
	});
	it('is unknown, never a crash, on what it cannot parse', () => {
		for (const e of ['$A ==', '((', '$A == "x', '$A =~ /[/', '']) expect(evaluateExpression(e, main)).toBe('unknown');
	});
});
