import type { BuiltinCatalog, BuiltinVar } from './types';

const FORKED_PR = 'Only in jobs for pull requests opened from a fork.';
const OAUTH_ONLY = 'GitHub OAuth and Bitbucket Cloud projects only.';
/** Each pipeline value says how a config writes it: `<< pipeline.git.branch >>`. */
const pipelineValue = (name: string) => `Pipeline value, written as \`<< ${name} >>\` in config; not an environment variable.`;

/** Environment variables CircleCI sets inside every job. */
export const CIRCLECI_JOB_VARIABLES: BuiltinVar[] = [
	{ name: 'CI', description: 'Set to true to signal that the job runs in a CI environment.' },
	{ name: 'CIRCLECI', description: 'Set to true to signal that the job runs on CircleCI.' },
	{ name: 'CIRCLE_BRANCH', description: 'Name of the Git branch being built.' },
	{ name: 'CIRCLE_BUILD_NUM', description: 'Number of the current job, unique within the project.' },
	{ name: 'CIRCLE_BUILD_URL', description: 'Link to the current job in the CircleCI web app.' },
	{ name: 'CIRCLE_JOB', description: 'Name of the job that is running.' },
	{
		name: 'CIRCLE_NODE_INDEX',
		description: 'Zero-based index of this copy of the job when parallelism is used.',
	},
	{
		name: 'CIRCLE_NODE_TOTAL',
		description: 'How many parallel copies of the job run (the parallelism setting).',
	},
	{
		name: 'CIRCLE_PR_NUMBER',
		description: 'Number of the pull request that triggered the job.',
		availability: FORKED_PR,
	},
	{
		name: 'CIRCLE_PR_REPONAME',
		description: 'Name of the repository in which the forked pull request was opened.',
		availability: FORKED_PR,
	},
	{
		name: 'CIRCLE_PR_USERNAME',
		description: 'Username of the person who opened the forked pull request.',
		availability: FORKED_PR,
	},
	{
		name: 'CIRCLE_PULL_REQUEST',
		description: 'Link to the pull request linked to this build; the first one if there are several.',
		availability: OAUTH_ONLY,
	},
	{
		name: 'CIRCLE_PULL_REQUESTS',
		description: 'Comma-separated links to every pull request linked to this build.',
		availability: OAUTH_ONLY,
	},
	{
		name: 'CIRCLE_PREVIOUS_BUILD_NUM',
		description: 'Number of the last job run earlier on the same branch, if there was one.',
		availability: OAUTH_ONLY,
	},
	{ name: 'CIRCLE_PROJECT_REPONAME', description: 'Name of the repository being built.' },
	{
		name: 'CIRCLE_PROJECT_USERNAME',
		description: 'Owner (user or organization) of the repository being built.',
	},
	{ name: 'CIRCLE_REPOSITORY_URL', description: 'Git clone URL of the repository being built.' },
	{ name: 'CIRCLE_SHA1', description: 'Full SHA of the last commit of the build.' },
	{
		name: 'CIRCLE_TAG',
		description: 'Name of the Git tag being built.',
		availability: 'Only when the pipeline was started by a tag.',
	},
	{
		name: 'CIRCLE_USERNAME',
		description: 'CircleCI username of the person who started the pipeline.',
	},
	{
		name: 'CIRCLE_WORKFLOW_ID',
		description: 'Unique ID of the workflow this job belongs to, shared by all its jobs.',
	},
	{ name: 'CIRCLE_WORKFLOW_JOB_ID', description: 'Unique ID of this job inside its workflow.' },
	{
		name: 'CIRCLE_WORKFLOW_WORKSPACE_ID',
		description: 'ID of the workspace shared by the workflow; kept when failed jobs are rerun.',
	},
	{
		name: 'CIRCLE_WORKING_DIRECTORY',
		description: 'Value of the working_directory key for the job, where the checkout lands.',
	},
	{
		name: 'CIRCLE_INTERNAL_TASK_DATA',
		description: 'Internal folder where CircleCI keeps job data; its layout may change.',
	},
	{
		name: 'CIRCLE_COMPARE_URL',
		description: 'Deprecated link for comparing the commits of the build.',
		availability: OAUTH_ONLY,
	},
	{
		name: 'CIRCLE_OIDC_TOKEN',
		description: 'Signed OpenID Connect token for logging in to cloud providers without stored keys.',
		secret: true,
	},
	{
		name: 'CIRCLE_OIDC_TOKEN_V2',
		description: 'Newer OpenID Connect token with richer claims, used like CIRCLE_OIDC_TOKEN.',
		secret: true,
	},
	{ name: 'HOME', description: 'Home directory of the user that runs the job.' },
	{
		name: 'BASH_ENV',
		description: 'File that every run step sources before its command: append `export X=…` lines to it to pass a variable to the steps after.',
	},
];

/** Pipeline values, usable anywhere in config as `<< pipeline.x >>`. */
export const CIRCLECI_PIPELINE_VALUES: BuiltinVar[] = [
	{ name: 'pipeline.id', description: 'Globally unique ID of the pipeline.' },
	{ name: 'pipeline.number', description: 'Pipeline number, counting up within the project.' },
	{
		name: 'pipeline.project.git_url',
		description: 'Web address where the project repository is hosted.',
	},
	{
		name: 'pipeline.project.type',
		description: 'Lower-case name of the code host, such as github or bitbucket.',
	},
	{
		name: 'pipeline.git.tag',
		description: 'Tag pushed to start the pipeline; empty when no tag triggered it.',
	},
	{
		name: 'pipeline.git.branch',
		description: 'Branch the pipeline was started for.',
	},
	{ name: 'pipeline.git.revision', description: 'Full 40-character SHA of the commit being built.' },
	{
		name: 'pipeline.git.base_revision',
		description: 'Full SHA of the commit built by the previous pipeline on this branch, when known.',
	},
	{
		name: 'pipeline.git.branch.is_default',
		description: 'True when the pipeline runs on the default branch of the repository.',
	},
	{
		name: 'pipeline.trigger_source',
		description: 'What started the pipeline, for example webhook, api or scheduled_pipeline.',
	},
	{
		name: 'pipeline.schedule.name',
		description: 'Name of the schedule that started the pipeline; empty for other triggers.',
	},
	{
		name: 'pipeline.schedule.id',
		description: 'ID of the schedule that started the pipeline; empty for other triggers.',
	},
	{
		name: 'pipeline.trigger_parameters.circleci.trigger_type',
		description: 'Kind of trigger, for example gitlab or api, for GitLab and GitHub App pipelines.',
	},
	{
		name: 'pipeline.trigger_parameters.circleci.event_time',
		description: 'Time at which CircleCI received the triggering event.',
	},
	{
		name: 'pipeline.trigger_parameters.circleci.event_type',
		description: 'Type of the triggering event, such as push or merge request.',
	},
	{
		name: 'pipeline.trigger_parameters.circleci.project_id',
		description: 'CircleCI ID of the project the pipeline belongs to.',
	},
	{
		name: 'pipeline.trigger_parameters.circleci.actor_id',
		description: 'CircleCI ID of the user who caused the pipeline to run.',
	},
	{
		name: 'pipeline.trigger_parameters.gitlab.branch',
		description: 'Branch name reported by the GitLab webhook that started the pipeline.',
	},
	{
		name: 'pipeline.trigger_parameters.gitlab.commit_sha',
		description: 'Commit SHA reported by the GitLab webhook that started the pipeline.',
	},
	{
		name: 'pipeline.event.name',
		description: 'Name of the event that started the pipeline, for example push.',
	},
	{
		name: 'pipeline.event.action',
		description: 'Action of the triggering event, such as opened for a pull request.',
	},
	{
		name: 'pipeline.event.github.pull_request.number',
		description: 'Number of the pull request that started the pipeline, for GitHub App projects.',
	},
].map((v) => ({ ...v, availability: pipelineValue(v.name) }));

export const CIRCLECI_CATALOG: BuiltinCatalog = {
	provider: 'circleci',
	reference: 'https://circleci.com/docs/reference/variables/',
	variables: [...CIRCLECI_JOB_VARIABLES, ...CIRCLECI_PIPELINE_VALUES],
};
