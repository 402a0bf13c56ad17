import type { Provider } from '../model';

/**
 * A workflow as its CI calls it, for headings and captions: GitHub's and CircleCI's workflows,
 * Bitbucket's and GitLab's pipelines (GitLab's one, unnamed, is "the pipeline": "Workflow
 * pipeline" read as a slip), Heroku's by their own names ("Review apps"). `name` is shown as
 * code after `noun`; `text` is the whole label as plain text.
 */
export function workflowLabel(provider: Provider, name: string): { noun: string; name?: string; text: string } {
	if (provider === 'heroku') return { noun: name, text: name };
	if (provider === 'gitlab' && name === 'pipeline') return { noun: 'The pipeline', text: 'The pipeline' };
	const noun = workflowWord(provider) === 'pipeline' ? 'Pipeline' : 'Workflow';
	return { noun, name, text: `${noun} ${name}` };
}

/** A workflow's name in a list of them: its own, or GitLab's one pipeline as "The pipeline". */
export function workflowListName(provider: Provider, name: string): string {
	const label = workflowLabel(provider, name);
	return label.name ?? label.noun;
}

/** What a CI calls the run its jobs belong to: GitLab, Bitbucket and Heroku run pipelines. */
export function workflowWord(provider: Provider): 'workflow' | 'pipeline' {
	return provider === 'gitlab' || provider === 'bitbucket' || provider === 'heroku' ? 'pipeline' : 'workflow';
}
