import type { JobSpec } from './jobs';
import type { Rng } from './rng';
import type { LogKind, Stack } from './vocab';

export type ProviderId = 'circleci' | 'github' | 'gitlab' | 'bitbucket';

/** How a step's log reads: a command's output, or one of the CI's own step kinds. */
export type StepLogKind = LogKind | 'checkout' | 'setup' | 'cache-restore' | 'cache-save' | 'artifacts' | 'test-results' | 'workspace-attach' | 'workspace-persist' | 'remote-docker' | 'notify' | 'orb';

/** One step as a recorded run shows it. */
export interface RunStepSpec {
	/** What the CI prints for it (CircleCI step name, GitHub step file name, GitLab `$ ` line). */
	name: string;
	log: StepLogKind;
	command?: string;
	/** GitHub: the action, for `Run <action>` and its `with:` echo. */
	uses?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
	/** GitHub: the action has a post step (`Post Run actions/checkout@v4`). */
	post?: boolean;
	/** Shown only in runs of this branch (CircleCI `when` on `pipeline.git.branch`). */
	onlyOn?: string;
	/** `always`: runs after a failure too; `failure`: runs only after one (a notification on failure). */
	when?: 'always' | 'failure';
}

export interface GitlabRunShape {
	stage: string;
	cache: boolean;
	/** The job restores and saves (push-pull), or only restores (pull). */
	cachePolicy: 'pull-push' | 'pull';
	dependencies: boolean;
	artifacts: boolean;
	junit: boolean;
	beforeScript: string[];
	script: string[];
	afterScript: string[];
}

/** A job a recorded run can be made of. */
export interface RunnableJob {
	/** The name the CI prints for the job: workflow entry, matrix instance, display name. */
	entry: string;
	/** CircleCI workflow / GitHub workflow name. */
	workflow: string;
	/** GitHub: the workflow file, for run.json. */
	workflowFile?: string;
	key: string;
	steps: RunStepSpec[];
	image: string;
	services: string[];
	resourceClass: string;
	env: Record<string, string>;
	/** Secret names the job reads (listed masked in env dumps). */
	secrets: string[];
	gitlab?: GitlabRunShape;
	/** GitHub: `runs-on`. */
	runsOn?: string;
}

export interface PipelinePlan {
	index: number;
	/** Folder name under pipelines/, the pipeline id. */
	name: string;
	provider: ProviderId;
	stack: Stack;
	components: string[];
	jobs: JobSpec[];
	defaultBranch: string;
	org: string;
	rng: Rng;
}

export interface EmitResult {
	files: Map<string, string>;
	runnable: RunnableJob[];
	/** Jobs and leaf steps as the model will count them. */
	jobs: number;
	steps: number;
}
