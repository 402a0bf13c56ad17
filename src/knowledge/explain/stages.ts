/**
 * The stages a CI runs itself, around the configured steps (CircleCI's "Spin up environment",
 * GitHub's "Set up job", GitLab's "Preparing the executor"), per provider where they differ.
 */
import type { BuiltinStage, Provider } from '../../model';
import { explanation, type Explanation } from './explanation';

interface StageText {
	summary: string;
	details?: string[];
	reference?: string;
}

const CIRCLECI_JOBS = 'https://circleci.com/docs/guides/orchestrate/jobs-steps/';
const GITHUB_JOBS = 'https://docs.github.com/actions/concepts/runners/about-github-hosted-runners';
const GITLAB_JOBS = 'https://docs.gitlab.com/ci/jobs/';

/** Wording shared by every provider, used when a provider has nothing of its own for a stage. */
const GENERIC: Record<BuiltinStage, StageText> = {
	'spin-up': { summary: 'The CI starts the machine or container the job runs in and pulls its images.' },
	environment: { summary: 'The CI sets the job’s environment variables: its own built-in ones, then the project’s and the configuration’s.' },
	'set-up-job': { summary: 'The CI prepares the job: it reads the runner’s details, downloads what the steps need and creates the working folders.' },
	'prepare-executor': { summary: 'The CI prepares the executor that runs the job: it pulls the job’s image and starts its services.' },
	'get-sources': { summary: 'The CI fetches the repository’s code at the commit being built.' },
	'restore-cache': { summary: 'The CI restores files cached by earlier runs, when a matching cache exists.' },
	'save-cache': { summary: 'The CI saves the files the job caches, for later runs to restore.' },
	'download-artifacts': { summary: 'The CI downloads the artifacts that earlier jobs of the pipeline uploaded.' },
	'upload-artifacts': { summary: 'The CI uploads the files the job keeps as artifacts.' },
	'post-job': { summary: 'The CI runs the clean-up parts of the steps, in reverse order.' },
	'complete-job': { summary: 'The CI finishes the job: it stops leftover processes and reports the result.' },
	cleanup: { summary: 'The CI removes the job’s working files and temporary variables.' },
};

const BY_PROVIDER: Partial<Record<Provider, Partial<Record<BuiltinStage, StageText>>>> = {
	circleci: {
		'spin-up': {
			summary: 'CircleCI starts the job’s executor: for Docker it pulls the images (primary first, then services) and starts the containers; for a machine executor it boots the virtual machine.',
			details: ['A long spin-up usually means large or uncached images; CircleCI’s convenience images (`cimg/…`) are cached on its hosts.'],
			reference: CIRCLECI_JOBS,
		},
		environment: {
			summary: 'CircleCI sets the job’s environment variables: the built-in `CIRCLE_*` ones, then those of the project settings and contexts, then the configuration’s.',
			details: ['Values of project and context variables are masked in the log; the step lists their names only.'],
			reference: 'https://circleci.com/docs/guides/security/env-vars/',
		},
		'restore-cache': { summary: 'CircleCI restores a cache saved by an earlier run (a `restore_cache` step).', reference: 'https://circleci.com/docs/guides/optimize/caching/' },
		'upload-artifacts': { summary: 'CircleCI uploads the files of a `store_artifacts` step to the job’s Artifacts tab.', reference: 'https://circleci.com/docs/guides/optimize/artifacts/' },
		'complete-job': { summary: 'CircleCI ends the job and records its result.', reference: CIRCLECI_JOBS },
	},
	'github-actions': {
		'set-up-job': {
			summary: 'GitHub prepares the runner: it logs the runner’s image and version, the token’s permissions, and downloads every action the job uses before the first step.',
			details: ['A failure here usually means an action or version that cannot be found.'],
			reference: GITHUB_JOBS,
		},
		'spin-up': { summary: 'GitHub starts the job’s service containers and its `container:` image, when the job has any.', reference: 'https://docs.github.com/actions/tutorials/use-containerized-services/use-docker-service-containers' },
		'post-job': {
			summary: 'GitHub runs the clean-up part of actions that have one, in reverse order: for example `actions/cache` saves its cache here and `actions/checkout` removes its credentials.',
			reference: 'https://docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#runspost',
		},
		'complete-job': {
			summary: 'GitHub finishes the job: it stops processes the steps left running, cleans up and reports the result.',
			details: ['Messages such as “Cleaning up orphan processes” are normal here.'],
			reference: GITHUB_JOBS,
		},
	},
	gitlab: {
		'prepare-executor': {
			summary: 'The GitLab runner prepares its executor: with Docker it pulls the job’s image and starts the `services` containers.',
			details: ['“Using docker executor with image …” names the image; pull errors and service health checks show up here.'],
			reference: 'https://docs.gitlab.com/runner/executors/',
		},
		environment: { summary: 'The GitLab runner prepares the environment the job runs in and its variables.', reference: 'https://docs.gitlab.com/ci/variables/' },
		'get-sources': {
			summary: 'The GitLab runner fetches the repository at the pipeline’s commit, only the latest commits by default (the project’s shallow-clone depth, or `GIT_DEPTH`), reusing an earlier copy when `GIT_STRATEGY` is `fetch`.',
			reference: 'https://docs.gitlab.com/ci/runners/configure_runners/#git-strategy',
		},
		'restore-cache': { summary: 'The GitLab runner restores the job’s `cache`, if one exists under its key or a fallback key.', reference: 'https://docs.gitlab.com/ci/caching/' },
		'save-cache': {
			summary: 'The GitLab runner saves the job’s `cache` under its key, after a successful script (or a failed one, with `cache:when`).',
			details: ['“Not uploading cache … due to policy” means the cache’s `policy` is `pull`, or an unchanged cache was found.'],
			reference: 'https://docs.gitlab.com/ci/caching/',
		},
		'download-artifacts': { summary: 'The GitLab runner downloads the artifacts of the jobs this one depends on (earlier stages, or `needs`/`dependencies`).', reference: 'https://docs.gitlab.com/ci/jobs/job_artifacts/' },
		'upload-artifacts': { summary: 'The GitLab runner uploads the job’s `artifacts` and reports to GitLab.', reference: 'https://docs.gitlab.com/ci/jobs/job_artifacts/' },
		cleanup: { summary: 'The GitLab runner removes the project folder and the files that held file-type variables.', reference: GITLAB_JOBS },
		'complete-job': { summary: 'The GitLab job ends and reports its status.', reference: GITLAB_JOBS },
	},
	heroku: {
		'spin-up': { summary: 'Heroku starts a dyno (a container) for the build or test run.', reference: 'https://devcenter.heroku.com/articles/dynos' },
	},
};

/** What one of the CI's own stages does, for the given CI (generic wording when it has none of its own). */
export function explainStage(stage: BuiltinStage, provider: Provider): Explanation {
	const own = BY_PROVIDER[provider]?.[stage];
	const text = own ?? GENERIC[stage];
	const out = explanation({ summary: text.summary, details: text.details ?? [], topic: `stage:${own ? `${provider}:` : ''}${stage}` });
	if (text.reference) out.reference = text.reference;
	return out;
}
