import type { BuiltinCatalog, BuiltinVar } from './types';

const PR = 'Pull request pipelines only.';
const TAG = 'Only in pipelines for tags.';
const DEPLOY = 'Only in steps with a deployment.';
const PARALLEL = 'Only in steps of a parallel group.';

function v(name: string, description: string, extra: Omit<BuiltinVar, 'name' | 'description'> = {}): BuiltinVar {
	return { name, description, ...extra };
}

/** Bitbucket Pipelines' default variables, as its "Variables and secrets" page lists them. */
export const BITBUCKET_CATALOG: BuiltinCatalog = {
	provider: 'bitbucket',
	reference: 'https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/',
	variables: [
		v('CI', 'Always true inside a Bitbucket Pipelines step.'),
		v('BITBUCKET_BUILD_NUMBER', 'Unique number of the pipeline run, counting up within the repository.'),
		v('BITBUCKET_CLONE_DIR', 'Absolute path of the folder the repository is cloned into, the step’s working directory.'),
		v('BITBUCKET_COMMIT', 'Hash of the commit the pipeline runs for.'),
		v('BITBUCKET_WORKSPACE', 'Name of the workspace the repository belongs to.'),
		v('BITBUCKET_REPO_SLUG', 'URL-friendly name of the repository.'),
		v('BITBUCKET_REPO_UUID', 'UUID of the repository.'),
		v('BITBUCKET_REPO_FULL_NAME', 'Full name of the repository, workspace/repository.'),
		v('BITBUCKET_REPO_OWNER', 'Name of the account that owns the repository (older name of the workspace).'),
		v('BITBUCKET_REPO_OWNER_UUID', 'UUID of the account that owns the repository.'),
		v('BITBUCKET_REPO_IS_PRIVATE', 'true when the repository is private, false when it is public.'),
		v('BITBUCKET_BRANCH', 'Branch the pipeline runs for (for a pull request, the branch it comes from).', { availability: 'Not in pipelines for tags.' }),
		v('BITBUCKET_TAG', 'Tag the pipeline runs for.', { availability: TAG }),
		v('BITBUCKET_BOOKMARK', 'Mercurial bookmark the pipeline ran for (Mercurial repositories, no longer hosted).', { availability: 'Mercurial repositories only.' }),
		v('BITBUCKET_PARALLEL_STEP', 'Position of this step in its parallel group, starting at 0.', { availability: PARALLEL }),
		v('BITBUCKET_PARALLEL_STEP_COUNT', 'Number of steps in this step’s parallel group.', { availability: PARALLEL }),
		v('BITBUCKET_PR_ID', 'Number of the pull request the pipeline runs for.', { availability: PR }),
		v('BITBUCKET_PR_DESTINATION_BRANCH', 'Branch the pull request merges into.', { availability: PR }),
		v('BITBUCKET_PR_DESTINATION_COMMIT', 'Commit of the branch the pull request merges into.', { availability: PR }),
		v('BITBUCKET_GIT_HTTP_ORIGIN', 'HTTP address of the repository on bitbucket.org.'),
		v('BITBUCKET_GIT_SSH_ORIGIN', 'SSH address of the repository on bitbucket.org.'),
		v('BITBUCKET_EXIT_CODE', 'Exit code of the step’s script: 0 when it passed, 1 when it failed.', { availability: 'Meant for after-script.' }),
		v('BITBUCKET_STEP_UUID', 'UUID of the step.'),
		v('BITBUCKET_PIPELINE_UUID', 'UUID of the pipeline run.'),
		v('BITBUCKET_STEP_RUN_NUMBER', 'How many times this step has run: 1, then higher when it is run again.'),
		v('BITBUCKET_DEPLOYMENT_ENVIRONMENT', 'URL-friendly name of the environment the step deploys to.', { availability: DEPLOY }),
		v('BITBUCKET_DEPLOYMENT_ENVIRONMENT_UUID', 'UUID of the environment the step deploys to.', { availability: DEPLOY }),
		v('BITBUCKET_PROJECT_KEY', 'Key of the project the repository belongs to.'),
		v('BITBUCKET_PROJECT_UUID', 'UUID of the project the repository belongs to.'),
		v('BITBUCKET_STEP_TRIGGERER_UUID', 'UUID of whoever started the step: who pushed, merged or ran it (for a schedule, Bitbucket itself).'),
		v('BITBUCKET_STEP_OIDC_TOKEN', 'OpenID Connect token of the step, for logging in to cloud providers without stored keys.', { availability: 'Only in steps with oidc: true.', secret: true }),
		v('BITBUCKET_SSH_KEY_FILE', 'Path of the private SSH key the repository’s pipelines use.', { availability: 'On Bitbucket’s own runners and Linux Docker runners.' }),
		v('BITBUCKET_DOCKER_HOST_INTERNAL', 'Address of the host, for reaching services from containers the step starts itself.'),
		v('BITBUCKET_PIPELINES_VARIABLES_PATH', 'File a step writes NAME=value lines to, for the variables it shares with later steps (output-variables).'),
	],
};
