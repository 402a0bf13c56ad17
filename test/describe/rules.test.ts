import { describe, expect, it } from 'vitest';
import { describeJobWhen, describeRules, glossOf, saidByTriggers } from '../../src/describe/rules';
import { describeFilters, describeTrigger } from '../../src/describe/filters';
import { parseGitLabConfig } from '../../src/providers/gitlab';
import { Workflow } from '../../src/model';

/** The first workflow of a GitLab config, through the parser. */
function pipeline(lines: string[]) {
	return Workflow.parse(parseGitLabConfig({ path: '.gitlab-ci.yml', text: lines.join('\n') }).workflows![0]);
}
const job = (lines: string[], id = 'deploy') => pipeline(lines).entries.find((e) => e.id === id)!;

describe('GitLab rules in words', () => {
	it('says the usual rules as the conditions they ask, without our own one-line notation', () => {
		const entry = job(['deploy:', '  script: ./deploy', '  rules:', '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', '    - if: $CI_COMMIT_TAG']);
		const words = describeFilters(entry.filters, 'gitlab');
		expect(words).toBe('Runs only when `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH` (the default branch), or when `$CI_COMMIT_TAG` (a tag).');
		expect(words).not.toMatch(/->|on_success/);
	});

	it('says rules that decide differently one by one, the first match deciding, and what follows when none matches', () => {
		const entry = job([
			'deploy:',
			'  script: ./deploy',
			'  rules:',
			'    - if: $CI_PIPELINE_SOURCE == "schedule"',
			'      when: never',
			'    - if: $CI_COMMIT_TAG =~ /^v\\d+/',
			'      when: manual',
			'      variables: {CHANNEL: stable, DEPLOY_TOKEN: s3cr3t-value}',
			'    - changes: [charts/**]',
			'      when: delayed',
			'      start_in: 30 minutes',
		]);
		expect(describeFilters(entry.filters, 'gitlab')).toBe(
			'The first rule that matches decides: when `$CI_PIPELINE_SOURCE == "schedule"` (a schedule), it does not run; when `$CI_COMMIT_TAG =~ /^v\\d+/` (a tag the pattern matches), someone can start it by hand (setting `CHANNEL=stable`, `DEPLOY_TOKEN`); when a changed file matches `charts/**`, it runs after a delay of 30 minutes; otherwise, it does not run.',
		);
	});

	it('says what a last rule without a condition does, and how every rule runs the job when they agree', () => {
		const always = job(['cleanup:', '  script: ./clean', '  rules:', '    - if: $CI_MERGE_REQUEST_IID', '      when: always'], 'cleanup');
		expect(describeFilters(always.filters, 'gitlab')).toBe('Runs only when `$CI_MERGE_REQUEST_IID` (a merge request), even after a failure in an earlier stage.');
		const otherwise = job(['deploy:', '  script: ./deploy', '  rules:', '    - if: $CI_COMMIT_TAG', '      when: never', '    - when: on_success']);
		expect(describeFilters(otherwise.filters, 'gitlab')).toBe('The first rule that matches decides: when `$CI_COMMIT_TAG` (a tag), it does not run; otherwise, it runs.');
		const never = job(['deploy:', '  script: ./deploy', '  rules:', '    - when: never']);
		expect(describeFilters(never.filters, 'gitlab')).toBe('Never runs: its rules keep it out of every pipeline.');
		// Said by the rules alone: no condition beside them ("Only when `never (…)`", "Only when `always`").
		expect(never.condition).toBeUndefined();
		expect(always.condition).toBeUndefined();
	});

	it('says nothing of the rules after one that always matches: GitLab never reaches them', () => {
		const entry = job(['deploy:', '  script: ./deploy', '  rules:', '    - if: $CI_COMMIT_TAG', '      when: never', '    - when: manual', '    - if: $CI_COMMIT_BRANCH']);
		expect(describeFilters(entry.filters, 'gitlab')).toBe('The first rule that matches decides: when `$CI_COMMIT_TAG` (a tag), it does not run; otherwise, someone can start it by hand.');
	});

	it('says what a rule needs, exists and interruptible change', () => {
		const entry = job([
			'deploy:',
			'  script: ./deploy',
			'  rules:',
			'    - exists: [Dockerfile]',
			'      needs: []',
			'      interruptible: false',
			'    - if: $CI_COMMIT_TAG',
			'      when: on_failure',
		]);
		expect(describeFilters(entry.filters, 'gitlab')).toBe(
			'The first rule that matches decides: when the repository has a file matching `Dockerfile`, it runs (without waiting for other jobs; a newer pipeline for the same branch does not cancel it once it runs); when `$CI_COMMIT_TAG` (a tag), it runs only after a failure in an earlier stage; otherwise, it does not run.',
		);
	});

	it('says workflow:rules as whether a pipeline runs, and each trigger they give by the condition it asks', () => {
		const workflow = pipeline([
			'workflow:',
			'  rules:',
			"    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'",
			'    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
			'      when: never',
			'    - if: $CI_COMMIT_BRANCH',
			'      auto_cancel: {on_new_commit: none}',
			'build:',
			'  script: make',
		]);
		expect(describeRules(workflow.rules!, 'pipeline')).toBe(
			"The first rule that matches decides: when `$CI_PIPELINE_SOURCE == 'merge_request_event'` (a merge request), a pipeline runs; when `$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS` (a branch with a merge request open), no pipeline runs; when `$CI_COMMIT_BRANCH` (a branch pipeline), a pipeline runs (a newer pipeline for the same branch never cancels this one); otherwise, no pipeline runs.",
		);
		expect(workflow.triggers.map((t) => describeTrigger(t, 'gitlab'))).toEqual([
			"Starts on a merge request (merge_request_event) — when `$CI_PIPELINE_SOURCE == 'merge_request_event'`.",
			'Starts on a push — when `$CI_COMMIT_BRANCH`.',
		]);
		expect(saidByTriggers(workflow.rules!)).toBe(false);
		const simple = pipeline(['workflow:', '  rules:', '    - if: $CI_COMMIT_TAG', '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', 'build:', '  script: make']);
		expect(describeRules(simple.rules!, 'pipeline')).toBe('A pipeline runs only when `$CI_COMMIT_TAG` (a tag), or when `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH` (the default branch).');
		// The triggers read from these rules say as much: the page shows them, not this sentence.
		expect(saidByTriggers(simple.rules!)).toBe(true);
	});

	it('says a job’s own when, without rules, in words', () => {
		const entry = (lines: string[]) => job(['later:', '  script: ./l', ...lines], 'later');
		expect(describeJobWhen(entry(['  when: delayed', '  start_in: 30 minutes']).condition!)).toBe('It runs after a delay of 30 minutes, once the stages before it end.');
		expect(describeJobWhen(entry(['  when: always']).condition!)).toBe('It runs even after a failure in an earlier stage.');
		expect(describeJobWhen(entry(['  when: on_failure']).condition!)).toBe('It runs only after a failure in an earlier stage.');
		expect(describeJobWhen(entry(['  when: never']).condition!)).toBe('It never runs (`when: never`).');
		expect(describeJobWhen('$CI_COMMIT_TAG')).toBeUndefined();
	});

	it('says what the usual conditions are for, written either way, and nothing of others', () => {
		expect(glossOf("$CI_PIPELINE_SOURCE == 'merge_request_event'")).toBe('a merge request');
		expect(glossOf('${CI_COMMIT_BRANCH}  ==  $CI_DEFAULT_BRANCH')).toBe('the default branch');
		expect(glossOf('$CI_COMMIT_TAG =~ /^v\\d+/')).toBe('a tag the pattern matches');
		expect(glossOf("$CI_COMMIT_BRANCH == 'release'")).toBe('the branch release');
		expect(glossOf('$CI_COMMIT_TAG && $DEPLOY')).toBeUndefined();
		expect(glossOf('$DEPLOY == "true"')).toBeUndefined();
	});
});
