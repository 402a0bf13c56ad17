import type { CiMasks } from '../redact/redact';

export type Ci = 'circleci' | 'github' | 'gitlab';
export const CIS: readonly Ci[] = ['circleci', 'github', 'gitlab'];

/** How to reach one CI's API and what to tell a user whose token it refuses. */
export interface CiApi {
	name: string;
	tokenEnv: string;
	defaultBase: string;
	authHeaders(token: string): Record<string, string>;
	/** Where to get a token and what it needs, for error messages. */
	tokenHelp: string;
	ciMasks: CiMasks;
}

export const CI_APIS: Record<Ci, CiApi> = {
	circleci: {
		name: 'CircleCI',
		tokenEnv: 'CIRCLECI_TOKEN',
		defaultBase: 'https://circleci.com',
		authHeaders: (token) => ({ 'Circle-Token': token }),
		tokenHelp: 'create a personal API token at https://app.circleci.com/settings/user/tokens and export it as CIRCLECI_TOKEN',
		ciMasks: 'circleci',
	},
	github: {
		name: 'GitHub',
		tokenEnv: 'GITHUB_TOKEN',
		defaultBase: 'https://api.github.com',
		authHeaders: (token) => ({ Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' }),
		tokenHelp:
			'export GITHUB_TOKEN with a token that can read the repository\'s Actions (fine-grained: "Actions: read"; classic: "repo" for private repositories), e.g. GITHUB_TOKEN=$(gh auth token)',
		ciMasks: 'github',
	},
	gitlab: {
		name: 'GitLab',
		tokenEnv: 'GITLAB_TOKEN',
		defaultBase: 'https://gitlab.com',
		authHeaders: (token) => ({ 'PRIVATE-TOKEN': token }),
		tokenHelp: 'create a personal, project or group access token with the read_api scope and export it as GITLAB_TOKEN',
		ciMasks: 'gitlab',
	},
};

export type Target =
	| { ci: 'circleci'; vcs: string; org: string; repo: string; job: string }
	| { ci: 'github'; owner: string; repo: string; run: string }
	/** `project` is a numeric id or a path (`group/sub/project`), decoded. */
	| { ci: 'gitlab'; project: string; job: string };

/** A path segment of a project: no `.` or `..`, which URLs and folders would resolve. */
const NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;
const NUMBER = /^[1-9][0-9]{0,19}$/;

/** The run a command line names, or what is wrong with it. */
export function parseTarget(ci: string, project: string, run: string): { target: Target } | { error: string } {
	switch (ci) {
		case 'circleci': {
			const parts = project.split('/');
			if (parts.length !== 3 || !parts.every((p) => NAME.test(p))) return { error: `record circleci needs a project slug like gh/org/repo, not "${project}"` };
			if (!NUMBER.test(run)) return { error: `record circleci needs a job number, not "${run}"` };
			return { target: { ci, vcs: parts[0]!, org: parts[1]!, repo: parts[2]!, job: run } };
		}
		case 'github': {
			const parts = project.split('/');
			if (parts.length !== 2 || !parts.every((p) => NAME.test(p))) return { error: `record github needs owner/repo, not "${project}"` };
			if (!NUMBER.test(run)) return { error: `record github needs a workflow run id (the number in .../actions/runs/<id>), not "${run}"` };
			return { target: { ci, owner: parts[0]!, repo: parts[1]!, run } };
		}
		case 'gitlab': {
			let path: string;
			try {
				path = decodeURIComponent(project);
			} catch {
				return { error: `record gitlab cannot decode the project "${project}"` };
			}
			if (!path.split('/').every((p) => NAME.test(p))) return { error: `record gitlab needs a project id or path like group/project, not "${project}"` };
			if (!NUMBER.test(run)) return { error: `record gitlab needs a job id, not "${run}"` };
			return { target: { ci, project: path, job: run } };
		}
		default:
			return { error: `record needs circleci, github or gitlab, not "${ci}"` };
	}
}

/** The run folder's name: the CI and the run's number, unique within a pipeline. */
export function runFolderName(target: Target): string {
	switch (target.ci) {
		case 'circleci':
			return `circleci-${target.job}`;
		case 'github':
			return `github-${target.run}`;
		case 'gitlab':
			return `gitlab-${target.job}`;
	}
}

/** The pipeline folder a run goes to when none is named: the repository's name (a numeric GitLab id has none). */
export function defaultPipelineId(target: Target): string | undefined {
	switch (target.ci) {
		case 'circleci':
		case 'github':
			return target.repo;
		case 'gitlab':
			return /^\d+$/.test(target.project) ? undefined : target.project.split('/').at(-1);
	}
}

/** `what` as error messages name it: `GitHub run 123 of o/r`. */
export function describeTarget(target: Target): string {
	switch (target.ci) {
		case 'circleci':
			return `CircleCI job ${target.job} of ${target.vcs}/${target.org}/${target.repo}`;
		case 'github':
			return `GitHub run ${target.run} of ${target.owner}/${target.repo}`;
		case 'gitlab':
			return `GitLab job ${target.job} of project ${target.project}`;
	}
}
