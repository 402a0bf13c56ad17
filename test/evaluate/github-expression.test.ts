import { describe, expect, it } from 'vitest';
import { evaluateGitHubCondition } from '../../src/evaluate/github-expression';

const tag = { event_name: 'push', ref: 'refs/tags/v1.2.0', ref_name: 'v1.2.0', ref_type: 'tag', head_ref: '', base_ref: '' };
const main = { event_name: 'push', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch', head_ref: '', base_ref: '' };
const pr = { event_name: 'pull_request', ref: 'refs/pull/1/merge', ref_name: '1/merge', ref_type: 'branch', head_ref: 'feature/x', base_ref: 'main' };

describe("GitHub `if:` on an event's own values", () => {
	it('decides what the event fixes: the ref, its kind and name, the event', () => {
		expect(evaluateGitHubCondition("github.ref == 'refs/heads/main'", main)).toBe(true);
		expect(evaluateGitHubCondition("github.ref == 'refs/heads/main'", tag)).toBe(false);
		expect(evaluateGitHubCondition("startsWith(github.ref, 'refs/tags/')", tag)).toBe(true);
		expect(evaluateGitHubCondition("github.event_name == 'pull_request' && github.base_ref == 'main'", pr)).toBe(true);
		expect(evaluateGitHubCondition("github.event_name != 'pull_request'", pr)).toBe(false);
		expect(evaluateGitHubCondition('${{ github.ref_type == \'tag\' }}', tag)).toBe(true);
	});

	it('compares strings without regard to case, as GitHub does', () => {
		expect(evaluateGitHubCondition("github.ref_name == 'MAIN'", main)).toBe(true);
		expect(evaluateGitHubCondition("contains(github.head_ref, 'FEATURE')", pr)).toBe(true);
		expect(evaluateGitHubCondition("endsWith(github.ref, '.0')", tag)).toBe(true);
	});

	it('leaves undecided what depends on another context, unless the rest decides', () => {
		// A run started by hand has inputs, and what they are is not known.
		const byHand = { ...main, event_name: 'workflow_dispatch' };
		expect(evaluateGitHubCondition("inputs.environment == 'production'", byHand)).toBe('unknown');
		// The storefront's deploy-production: a tag decides it; a run by hand is left to its inputs.
		const deploy = "startsWith(github.ref, 'refs/tags/v') || inputs.environment == 'production'";
		expect(evaluateGitHubCondition(deploy, tag)).toBe(true);
		expect(evaluateGitHubCondition(deploy, byHand)).toBe('unknown');
		expect(evaluateGitHubCondition("github.ref == 'refs/heads/main' && vars.DEPLOY == 'true'", tag)).toBe(false);
		expect(evaluateGitHubCondition("!(github.ref_type == 'tag') || needs.build.result == 'success'", tag)).toBe('unknown');
		expect(evaluateGitHubCondition('matrix.experimental', main)).toBe('unknown');
		// Whichever side is unknown, the other decides when it can.
		expect(evaluateGitHubCondition("needs.build.result == 'success' && github.ref_type == 'branch'", main)).toBe('unknown');
		expect(evaluateGitHubCondition("needs.build.result == 'success' && github.ref_type == 'branch'", tag)).toBe(false);
		expect(evaluateGitHubCondition("needs.build.result == 'success' || github.ref_type == 'tag'", tag)).toBe(true);
	});

	it('knows a push or a pull request has no inputs: they are null', () => {
		expect(evaluateGitHubCondition("inputs.environment == 'production'", tag)).toBe(false);
		const feature = { ...main, ref: 'refs/heads/feature/x', ref_name: 'feature/x' };
		expect(evaluateGitHubCondition("inputs.force || github.ref == 'refs/heads/main'", feature)).toBe(false);
		expect(evaluateGitHubCondition('inputs.force', pr)).toBe(false);
		expect(evaluateGitHubCondition('!github.event.inputs.skip', main)).toBe(true);
		// An event the values leave unknown (pull_request_target's) knows nothing of them either.
		expect(evaluateGitHubCondition('inputs.force', { head_ref: 'x', base_ref: 'main' })).toBe('unknown');
	});

	it('compares values of two types as GitHub does, as numbers', () => {
		expect(evaluateGitHubCondition('github.head_ref != null', main)).toBe(false);
		expect(evaluateGitHubCondition('github.head_ref != null', pr)).toBe(true);
		expect(evaluateGitHubCondition('true == 1 && false == 0 && null == 0', main)).toBe(true);
		expect(evaluateGitHubCondition("'1' == 1 && 'x' != 1", main)).toBe(true);
	});

	it('reads negation, operators without spaces, dashed names and negative numbers', () => {
		expect(evaluateGitHubCondition("!startsWith(github.ref, 'refs/tags/')", main)).toBe(true);
		expect(evaluateGitHubCondition("github.ref_type!='tag'", tag)).toBe(false);
		expect(evaluateGitHubCondition("needs.build-image.result == 'success'", main)).toBe('unknown');
		expect(evaluateGitHubCondition('-1 == -1', main)).toBe(true);
	});

	it('takes the jobs before as passed', () => {
		expect(evaluateGitHubCondition('success()', main)).toBe(true);
		expect(evaluateGitHubCondition("always() && github.ref_type == 'branch'", main)).toBe(true);
		expect(evaluateGitHubCondition('failure()', main)).toBe(false);
		expect(evaluateGitHubCondition('cancelled() || failure()', main)).toBe(false);
	});

	it('gives up, rather than guess, on what it cannot read', () => {
		expect(evaluateGitHubCondition("fromJSON(inputs.flags).deploy", main)).toBe('unknown');
		expect(evaluateGitHubCondition("github.ref == 'refs/heads/main", main)).toBe('unknown');
		expect(evaluateGitHubCondition('github.event.pull_request.draft == false', pr)).toBe('unknown');
		expect(evaluateGitHubCondition('', main)).toBe('unknown');
		// Only the event's own values, not what every object inherits; a call needs its arguments.
		expect(evaluateGitHubCondition('github.constructor', main)).toBe('unknown');
		expect(evaluateGitHubCondition('toString()', main)).toBe('unknown');
		expect(evaluateGitHubCondition('startsWith(github.ref)', main)).toBe('unknown');
	});
});
