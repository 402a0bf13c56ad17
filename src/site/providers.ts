import type { Provider } from '../model';

export const PROVIDER_NAMES: Record<Provider, string> = {
	circleci: 'CircleCI',
	'github-actions': 'GitHub Actions',
	gitlab: 'GitLab CI',
	bitbucket: 'Bitbucket Pipelines',
	heroku: 'Heroku',
	unknown: 'Unrecognised',
};
