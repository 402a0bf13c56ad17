import { z } from 'astro/zod';
import { EnvVar } from './env';
import { Concurrency, JobOutput, MatrixStrategy, Permissions, Retry } from './limits';
import { SourceLocation } from './location';
import { Parameter } from './parameter';
import { Step, StepOrigin } from './step';

export const ExecutorKind = z.enum(['docker', 'machine', 'macos', 'windows', 'runner', 'shell', 'unknown']);
export type ExecutorKind = z.infer<typeof ExecutorKind>;

export const Image = z.object({
	image: z.string(),
	name: z.string().optional(),
	/** How the container is started, as written: its command and entrypoint (CircleCI), the user it runs as. */
	command: z.string().optional(),
	entrypoint: z.string().optional(),
	user: z.string().optional(),
	/** GitHub's container settings: published ports, mounted volumes, `docker create` options (health checks). */
	ports: z.array(z.string()).optional(),
	volumes: z.array(z.string()).optional(),
	options: z.string().optional(),
	/** The container's own environment (GitHub's container and service `env`); secret values never kept. */
	env: z.array(EnvVar).optional(),
	/** Pulled with registry credentials (CircleCI `auth`/`aws_auth`, GitHub `credentials`); never their values. */
	credentials: z.boolean().optional(),
});
export type Image = z.infer<typeof Image>;

export const Executor = z.object({
	kind: ExecutorKind,
	/** A named executor (`executors:` in CircleCI) or an orb executor (`python/default`). */
	name: z.string().optional(),
	/** What the named executor's author says it is (its `description`). */
	description: z.string().optional(),
	/** Primary image first; for `machine`/`macos` the machine image or Xcode version. */
	images: z.array(Image).default([]),
	resourceClass: z.string().optional(),
	workingDirectory: z.string().optional(),
	shell: z.string().optional(),
	location: SourceLocation.optional(),
});
export type Executor = z.infer<typeof Executor>;

export const Job = z.object({
	/** Unique within its pipeline; the URL segment of its page. */
	id: z.string(),
	/** URL segment of its page, unique within the pipeline (ids may hold `/`, spaces, `:`). Set when the pipeline is assembled. */
	slug: z.string(),
	name: z.string(),
	description: z.string().optional(),
	executor: Executor,
	/** Containers beside the primary one (CircleCI secondary images, GitHub/GitLab services). */
	services: z.array(Image).default([]),
	parallelism: z.number().int().optional(),
	env: z.array(EnvVar).default([]),
	/** `env:` given as one expression (GitHub's `env: ${{ matrix.env }}`): its variables are known only at run time. */
	envFrom: z.string().optional(),
	parameters: z.array(Parameter).default([]),
	steps: z.array(Step).default([]),
	/**
	 * The job runs nothing itself: it follows, in the CI's deploy tracking, the release an
	 * earlier job planned under this name until it completes (CircleCI's `type: release`,
	 * `plan_name`).
	 */
	releasePlan: z.string().optional(),
	/** Id of the deploy target this job deploys to, when known. */
	deployTarget: z.string().optional(),
	/**
	 * A GitHub environment the job runs in without deploying to it (`deployment: false`): it gets
	 * the environment's secrets and variables, and GitHub records no deployment.
	 */
	environment: z.string().optional(),
	/** The job is defined by an orb or a reusable workflow rather than in this file. */
	origin: StepOrigin.optional(),
	/**
	 * Its failure does not fail the workflow: true, or the expression that decides it (GitHub's
	 * `continue-on-error: ${{ matrix.experimental }}`).
	 */
	allowFailure: z.union([z.boolean(), z.string()]).optional(),
	/** How long it may run before the CI stops it, as written (`30 minutes`, `1h 30m`, an expression). */
	timeout: z.string().optional(),
	retry: Retry.optional(),
	/** Runs of this job that share a group run one at a time. */
	concurrency: Concurrency.optional(),
	/** The pattern that reads the job's test coverage from its log (GitLab's `coverage: /…/`), as written. */
	coverage: z.string().optional(),
	/** A newer pipeline for the same ref may cancel it while it runs (GitLab's `interruptible`). */
	interruptible: z.boolean().optional(),
	permissions: Permissions.optional(),
	outputs: z.array(JobOutput).default([]),
	/** For a job with a matrix: how its copies run together. */
	strategy: MatrixStrategy.optional(),
	location: SourceLocation,
});
export type Job = z.infer<typeof Job>;
