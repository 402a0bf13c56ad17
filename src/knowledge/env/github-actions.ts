import type { BuiltinCatalog } from './types';

const ACTION_ONLY = 'Only in steps that run an action.';
const PR_ONLY = 'Only for pull_request and pull_request_target events.';

export const GITHUB_ACTIONS_CATALOG: BuiltinCatalog = {
	provider: 'github-actions',
	reference: 'https://docs.github.com/en/actions/reference/variables-reference',
	variables: [
		{ name: 'CI', description: 'Always true, so tools can tell they run in CI.' },
		{
			name: 'GITHUB_ACTION',
			description: 'Name or id of the step or action running now; __run for unnamed run steps.',
		},
		{
			name: 'GITHUB_ACTION_PATH',
			description: 'Folder on the runner that holds the files of the running action.',
			availability: 'Only in composite actions.',
		},
		{
			name: 'GITHUB_ACTION_REPOSITORY',
			description: 'Owner and repository of the action being run, such as actions/checkout.',
			availability: ACTION_ONLY,
		},
		{ name: 'GITHUB_ACTIONS', description: 'Always true while a workflow runs on GitHub Actions.' },
		{ name: 'GITHUB_ACTOR', description: 'Login of the user or app that started the workflow run.' },
		{ name: 'GITHUB_ACTOR_ID', description: 'Numeric account ID of the user or app that started the run.' },
		{ name: 'GITHUB_API_URL', description: 'Base address of the GitHub REST API.' },
		{
			name: 'GITHUB_BASE_REF',
			description: 'Target branch of the pull request that triggered the run.',
			availability: PR_ONLY,
		},
		{
			name: 'GITHUB_ENV',
			description: 'Path to a file; lines written to it become environment variables for later steps.',
		},
		{ name: 'GITHUB_EVENT_NAME', description: 'Name of the event that started the workflow, such as push.' },
		{
			name: 'GITHUB_EVENT_PATH',
			description: 'Path to a JSON file holding the full payload of the triggering event.',
		},
		{ name: 'GITHUB_GRAPHQL_URL', description: 'Address of the GitHub GraphQL API.' },
		{
			name: 'GITHUB_HEAD_REF',
			description: 'Source branch of the pull request that triggered the run.',
			availability: PR_ONLY,
		},
		{ name: 'GITHUB_JOB', description: 'The job_id of the current job, as written in the workflow.' },
		{
			name: 'GITHUB_OUTPUT',
			description: 'Path to a file; name=value lines written to it become outputs of the step.',
		},
		{
			name: 'GITHUB_PATH',
			description: 'Path to a file; folders written to it are added to PATH for later steps.',
		},
		{
			name: 'GITHUB_REF',
			description: 'Full Git ref that triggered the run, such as refs/heads/main or refs/tags/v1.',
		},
		{
			name: 'GITHUB_REF_NAME',
			description: 'Short name of the branch or tag that triggered the run.',
		},
		{
			name: 'GITHUB_REF_PROTECTED',
			description: 'True when branch protection or rulesets apply to the triggering ref.',
		},
		{ name: 'GITHUB_REF_TYPE', description: 'Kind of ref that triggered the run: branch or tag.' },
		{ name: 'GITHUB_REPOSITORY', description: 'Owner and name of the repository, such as octo/app.' },
		{ name: 'GITHUB_REPOSITORY_ID', description: 'Numeric ID of the repository.' },
		{ name: 'GITHUB_REPOSITORY_OWNER', description: 'Login of the user or organization owning the repository.' },
		{ name: 'GITHUB_REPOSITORY_OWNER_ID', description: 'Numeric account ID of the repository owner.' },
		{
			name: 'GITHUB_RETENTION_DAYS',
			description: 'How many days the run keeps its logs and artifacts.',
		},
		{
			name: 'GITHUB_RUN_ATTEMPT',
			description: 'Attempt number of this run, starting at 1 and rising with each re-run.',
		},
		{
			name: 'GITHUB_RUN_ID',
			description: 'Unique number of the workflow run; stays the same across re-runs.',
		},
		{
			name: 'GITHUB_RUN_NUMBER',
			description: 'Counter of runs of this workflow in the repository; stays the same across re-runs.',
		},
		{ name: 'GITHUB_SERVER_URL', description: 'Address of the GitHub server, such as https://github.com.' },
		{ name: 'GITHUB_SHA', description: 'SHA of the commit that triggered the workflow run.' },
		{
			name: 'GITHUB_STEP_SUMMARY',
			description: 'Path to a file; Markdown written to it shows on the run summary page.',
		},
		{
			name: 'GITHUB_TRIGGERING_ACTOR',
			description: 'Login of the user who started this attempt; may differ from the actor on re-runs.',
		},
		{ name: 'GITHUB_WORKFLOW', description: 'Name of the workflow, or its file path if it has no name.' },
		{
			name: 'GITHUB_WORKFLOW_REF',
			description: 'Ref path of the workflow file, including the repository and the Git ref.',
		},
		{ name: 'GITHUB_WORKFLOW_SHA', description: 'Commit SHA of the workflow file that is running.' },
		{
			name: 'GITHUB_WORKSPACE',
			description: 'Default working folder for steps, where actions/checkout puts the repository.',
		},
		{ name: 'RUNNER_ARCH', description: 'CPU architecture of the runner: X86, X64, ARM or ARM64.' },
		{
			name: 'RUNNER_DEBUG',
			description: 'Set to 1 when debug logging is on, so scripts can print more detail.',
			availability: 'Only when debug logging is enabled.',
		},
		{
			name: 'RUNNER_ENVIRONMENT',
			description: 'Whether the runner is github-hosted or self-hosted.',
		},
		{ name: 'RUNNER_NAME', description: 'Name of the runner executing the job.' },
		{ name: 'RUNNER_OS', description: 'Operating system of the runner: Linux, Windows or macOS.' },
		{
			name: 'RUNNER_TEMP',
			description: 'Scratch folder on the runner, emptied at the start and end of each job.',
		},
		{
			name: 'RUNNER_TOOL_CACHE',
			description: 'Folder holding preinstalled tools on GitHub-hosted runners.',
		},
		{
			name: 'GITHUB_TOKEN',
			description: 'Short-lived token for the GitHub API, scoped to the repository of the run.',
			availability: 'Not set automatically; passed in from secrets.GITHUB_TOKEN or github.token.',
			secret: true,
		},
	],
};
