import type { ExecutorKind, StepKind } from '../model';

/** Each step kind in plain words, for readers who have not used the CI before. */
export const STEP_KINDS: Record<StepKind, { label: string; summary: string }> = {
	run: { label: 'Shell command', summary: 'Runs the command in a shell inside the job’s environment.' },
	checkout: { label: 'Check out code', summary: 'Clones the repository at the commit being built into the working directory.' },
	'cache-restore': {
		label: 'Restore cache',
		summary: 'Downloads files saved by an earlier run under the first key that matches, so dependencies need not be fetched again.',
	},
	'cache-save': {
		label: 'Save cache',
		summary: 'Uploads the listed paths under a key, for later runs to restore. A key that already exists is never overwritten.',
	},
	'workspace-persist': {
		label: 'Persist to workspace',
		summary: 'Hands files to the jobs that run after this one in the same workflow.',
	},
	'workspace-attach': {
		label: 'Attach workspace',
		summary: 'Brings in the files that earlier jobs of this workflow persisted.',
	},
	artifacts: { label: 'Store artifacts', summary: 'Uploads files to keep with the run (reports, builds), downloadable from the CI.' },
	'test-results': {
		label: 'Store test results',
		summary: 'Uploads test reports (JUnit XML) so the CI shows failures and timings per test.',
	},
	'remote-docker': {
		label: 'Remote Docker engine',
		summary: 'Starts a separate Docker engine so the job can build and push images.',
	},
	'ssh-keys': { label: 'Add SSH keys', summary: 'Adds SSH keys configured in the project settings, e.g. to clone private repositories or deploy.' },
	action: { label: 'Action', summary: 'Runs a reusable action published by someone else or kept in this repository.' },
	'orb-command': { label: 'Orb command', summary: 'Runs a command from an orb: a package of reusable CircleCI configuration.' },
	command: { label: 'Reusable command', summary: 'Runs a sequence of steps defined once under `commands:` in this configuration.' },
	conditional: { label: 'Conditional steps', summary: 'Runs the steps inside only when the condition holds.' },
	approval: { label: 'Approval', summary: 'Waits until someone approves in the CI’s UI before the jobs after it start.' },
	other: { label: 'Step', summary: 'A step Pipeline Atlas does not know in detail.' },
};

/** Kinds a CI has its own word for, by kind and keyword: a Bitbucket pipe is an action, its artifacts a workspace. */
const IN_CI_WORDS: Readonly<Record<string, { label: string; summary: string }>> = {
	'action:pipe': { label: 'Pipe', summary: 'Runs a ready-made Docker container that does one task, set up by the variables given.' },
	'workspace-persist:artifacts': { label: 'Artifacts', summary: 'Uploads files for the steps after it in the pipeline, and keeps them to download.' },
	'workspace-attach:artifacts': { label: 'Artifacts', summary: 'Downloads the files earlier steps of the pipeline uploaded.' },
};

/** How a step's kind is shown: in the CI's own word where it has one. */
export function stepKind(step: { kind: StepKind; keyword: string }): { label: string; summary: string } {
	return IN_CI_WORDS[`${step.kind}:${step.keyword}`] ?? STEP_KINDS[step.kind];
}

export const EXECUTOR_KINDS: Record<ExecutorKind, string> = {
	docker: 'Docker container',
	machine: 'Linux virtual machine',
	macos: 'macOS virtual machine',
	windows: 'Windows virtual machine',
	runner: 'Self-hosted runner',
	shell: 'Shell on the runner host',
	unknown: 'Not stated',
};
