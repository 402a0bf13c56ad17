import { z } from 'astro/zod';
import { EnvVar } from './env';
import { SourceLocation } from './location';
import { Parameter } from './parameter';

/** What a step does, independent of the CI that spelled it. */
export const StepKind = z.enum([
	'run',
	'checkout',
	'cache-restore',
	'cache-save',
	'workspace-persist',
	'workspace-attach',
	'artifacts',
	'test-results',
	'remote-docker',
	'ssh-keys',
	'action',
	'orb-command',
	'command',
	'conditional',
	'approval',
	'other',
]);
export type StepKind = z.infer<typeof StepKind>;

/** Where an expanded step came from: a reusable command, an orb, a composite action, a template. */
export const StepOrigin = z.object({
	type: z.enum(['command', 'orb', 'composite', 'template', 'reusable-workflow']),
	/** The name as invoked (`python/install-packages`, `./.github/actions/setup`). */
	name: z.string(),
	/** Full reference when known (`circleci/python@2.1.1`). */
	ref: z.string().optional(),
	/** True when the source was available and the children are its real steps. */
	expanded: z.boolean(),
	/** What its author says it does (a reusable command's, orb command's or action's `description`). */
	description: z.string().optional(),
	/** The inputs a local action declares (its `inputs:`), whether this step gives them or not. */
	inputs: z.array(Parameter).optional(),
});
export type StepOrigin = z.infer<typeof StepOrigin>;

/** Steps nest: an orb command or reusable command holds the steps it expands to. */
export const Step = z.object({
	/** Position path inside the job: `3`, or `3.2` for the second child of step 3. Stable anchor `#step-3.2`. */
	id: z.string(),
	kind: StepKind,
	/** What the CI UI shows for the step (CircleCI's default name is the command itself). */
	name: z.string(),
	/** The CI's own keyword for the step (`run`, `save_cache`, `uses`, `script`). */
	keyword: z.string(),
	command: z.string().optional(),
	shell: z.string().optional(),
	workingDirectory: z.string().optional(),
	background: z.boolean().optional(),
	/** An action or orb reference (`actions/checkout@v4`). */
	uses: z.string().optional(),
	/** Parameters/inputs passed to the step, rendered as text. */
	with: z.record(z.string(), z.string()).default({}),
	env: z.array(EnvVar).default([]),
	/** `env:` given as one expression (GitHub's `env: ${{ matrix.env }}`): its variables are known only at run time. */
	envFrom: z.string().optional(),
	/** `when`/`if`/`unless` kept verbatim (`always`, `on_fail`, `${{ success() }}`). */
	condition: z.string().optional(),
	/** The job carries on when this step fails (GitHub `continue-on-error`): `true`, or an expression kept verbatim. */
	allowFailure: z.union([z.boolean(), z.string()]).optional(),
	/** How long it may run before the CI stops it, as written (`10 minutes`). */
	timeout: z.string().optional(),
	/** Cache keys, newest first, templates kept readable (`v1-deps-{{ checksum "deps.edn" }}`). */
	keys: z.array(z.string()).optional(),
	paths: z.array(z.string()).optional(),
	/** Workspace root (persist) or mount point (attach). */
	root: z.string().optional(),
	destination: z.string().optional(),
	fingerprints: z.array(z.string()).optional(),
	origin: StepOrigin.optional(),
	location: SourceLocation,
	get children() {
		return z.array(Step).default([]);
	},
});
export type Step = z.infer<typeof Step>;


/**
 * Every step of a list, those inside others (an expanded command, a composite action) right
 * after their parent. Gathered into one array rather than through generators or spread copies:
 * it runs over each of a model's 20,000 steps at size M, several times a build.
 */
export function allSteps(steps: readonly Step[], into: Step[] = []): Step[] {
	for (const step of steps) {
		into.push(step);
		if (step.children.length > 0) allSteps(step.children, into);
	}
	return into;
}
