import { describe, expect, it } from 'vitest';
import { workflowLabel, workflowListName } from '../../src/describe/workflow';

describe('workflowLabel', () => {
	it('names a workflow as its CI does', () => {
		expect(workflowLabel('circleci', 'build')).toEqual({ noun: 'Workflow', name: 'build', text: 'Workflow build' });
		expect(workflowLabel('bitbucket', 'branches: main').text).toBe('Pipeline branches: main');
		expect(workflowLabel('gitlab', 'Main pipeline').text).toBe('Pipeline Main pipeline');
		// GitLab's one unnamed pipeline, and Heroku's flows by their own names.
		expect(workflowLabel('gitlab', 'pipeline')).toEqual({ noun: 'The pipeline', text: 'The pipeline' });
		expect(workflowLabel('heroku', 'Review apps')).toEqual({ noun: 'Review apps', text: 'Review apps' });
	});
});

describe('workflowListName', () => {
	it('names each workflow as written, and GitLab\'s one pipeline as the pipeline pages call it', () => {
		expect(workflowListName('circleci', 'build')).toBe('build');
		expect(workflowListName('bitbucket', 'branches: main')).toBe('branches: main');
		expect(workflowListName('heroku', 'Heroku pipeline')).toBe('Heroku pipeline');
		expect(workflowListName('gitlab', 'pipeline')).toBe('The pipeline');
	});
});
