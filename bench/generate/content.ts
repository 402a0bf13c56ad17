/** `content/`: a few onboarding pages (with Mermaid and links to the generated pipelines) and authored explanations. */
import type { PipelinePlan } from './types';

const PROVIDER_NAMES = { circleci: 'CircleCI', github: 'GitHub Actions', gitlab: 'GitLab CI', bitbucket: 'Bitbucket Pipelines' } as const;

export function contentFiles(plans: PipelinePlan[]): Map<string, string> {
	const files = new Map<string, string>();
	const by = (p: PipelinePlan['provider']) => plans.filter((x) => x.provider === p);
	const circle = by('circleci');
	const github = by('github');
	const gitlab = by('gitlab');
	const bitbucket = by('bitbucket');
	const listed = plans.slice(0, 40);
	const row = (p: PipelinePlan) => `| [${p.name}](/pipelines/${p.name}/) | ${PROVIDER_NAMES[p.provider]} | ${p.stack.id} | ${p.jobs.length} | \`${p.defaultBranch}\` |`;

	files.set(
		'docs/getting-started.md',
		[
			'---',
			'title: Getting started',
			'description: How our CI is organised, which pipeline does what, and where to look when something breaks.',
			'sidebar:',
			'  order: 1',
			'---',
			'',
			`We run ${plans.length} pipelines: ${circle.length} on CircleCI, ${github.length} on GitHub Actions, ${gitlab.length} on GitLab CI and ${bitbucket.length} on Bitbucket Pipelines.`,
			'Every page of this site is generated from the configuration files themselves, so what you read',
			'here is what the CI runs. These guide pages explain what a config cannot: why things are the way',
			'they are, and what to do when they break.',
			'',
			'## The pipelines',
			'',
			'| Pipeline | CI | Stack | Jobs | Default branch |',
			'|---|---|---|---|---|',
			...listed.map(row),
			...(plans.length > listed.length ? ['', `…and ${plans.length - listed.length} more in the sidebar.`] : []),
			'',
			'## How a change travels',
			'',
			'```mermaid',
			'flowchart LR',
			'  push[Push a branch] --> checks[Lint and tests]',
			'  checks --> merge{Merged to main?}',
			'  merge -->|no| review[Review]',
			'  merge -->|yes| images[Images built and pushed]',
			'  images --> staging[Staging]',
			'  staging --> approve{Approved?}',
			'  approve -->|yes| production[Production]',
			'```',
			'',
			'Next: [CI providers](/docs/ci-providers/), [Releasing](/docs/releasing/), [Reading a failed run](/docs/reading-runs/).',
			'',
		].join('\n'),
	);

	const example = (list: PipelinePlan[]) => (list[0] ? `[${list[0].name}](/pipelines/${list[0].name}/)` : 'none yet');
	files.set(
		'docs/ci-providers.md',
		[
			'---',
			'title: CI providers',
			'description: Where each CI keeps its configuration and how jobs, workflows and stages map between them.',
			'sidebar:',
			'  order: 2',
			'---',
			'',
			'| | CircleCI | GitHub Actions | GitLab CI | Bitbucket Pipelines |',
			'|---|---|---|---|---|',
			'| Config | `.circleci/config.yml` | `.github/workflows/*.yml` | `.gitlab-ci.yml` (+ `include: local`) | `bitbucket-pipelines.yml` |',
			'| Reuse | orbs, commands, executors, YAML anchors | composite actions, reusable workflows | `extends`, `!reference`, anchors | steps under `definitions`, reused by alias |',
			'| Ordering | `requires` | `needs` | stages and `needs` | the order of steps, `parallel` groups |',
			'| Manual gate | `type: approval` | environment protection rules | `when: manual` | `trigger: manual` |',
			`| Example | ${example(circle)} | ${example(github)} | ${example(gitlab)} | ${example(bitbucket)} |`,
			'',
			'## CircleCI',
			'',
			'Most CircleCI pipelines share job settings through a `defaults` anchor merged with `<<: *defaults`.',
			'Remember that a job setting its own `environment:` replaces the merged one unless it merges the',
			'anchor back in.',
			...(circle[0] ? ['', `The lint job of ${circle[0].name} is a good first read: [lint](/pipelines/${circle[0].name}/jobs/lint/).`] : []),
			'',
			'## GitHub Actions',
			'',
			'Workflows call a reusable workflow for their longest suites; it runs inside the calling run, so',
			'it can download what the caller uploaded.',
			'',
			'## GitLab CI',
			'',
			'Templates live in `ci/templates.yml` and are pulled in with `extends`; `!reference` reuses a single',
			'key (usually `before_script`) without inheriting the rest.',
			'',
		].join('\n'),
	);

	files.set(
		'docs/releasing.md',
		[
			'---',
			'title: Releasing',
			'description: From a merge to production, for every CI we use.',
			'sidebar:',
			'  order: 3',
			'---',
			'',
			'Staging is deployed from the default branch; production from a version tag, after someone approves.',
			'What reaches production is the image already running in staging, never a fresh build.',
			'',
			'```mermaid',
			'sequenceDiagram',
			'  participant Dev',
			'  participant CI',
			'  participant Staging',
			'  participant Production',
			'  Dev->>CI: merge to main',
			'  CI->>Staging: helm upgrade (image of the commit)',
			'  Dev->>CI: tag vX.Y.Z',
			'  CI->>Production: helm upgrade, after approval',
			'```',
			'',
			'See the deploy jobs of each pipeline on its page, and [reading a failed run](/docs/reading-runs/) when one fails.',
			'',
		].join('\n'),
	);

	files.set(
		'docs/reading-runs.md',
		[
			'---',
			'title: Reading a failed run',
			'description: Where to look first in a recorded run, whatever CI it came from.',
			'sidebar:',
			'  order: 4',
			'---',
			'',
			'1. Find the step marked failed in the timeline; its log opens at the first error line.',
			'2. Scroll up from the error: test runners print the failing test before the summary.',
			'3. Check the environment stage for missing variables; the [variable reference](/env/) lists who sets each one.',
			'',
			'Very long lines (dependency lists, minified stack traces) are wrapped; progress bars show their last frame.',
			'',
		].join('\n'),
	);

	const circleName = circle[0]?.name;
	const gitlabName = gitlab[0]?.name;
	const exp = (title: string, match: Record<string, string>, body: string) =>
		['---', `title: ${JSON.stringify(title)}`, 'match:', ...Object.entries(match).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`), '---', '', body, ''].join('\n');
	files.set('explanations/helm-upgrade.md', exp('How a Helm release rolls out', { command: '/helm upgrade --install/' }, '`helm upgrade --install` creates the release the first time and upgrades it afterwards. With\n`--atomic --wait`, Helm waits for the new pods and rolls back by itself when they do not become ready.'));
	files.set('explanations/wait-for-postgres.md', exp('Why the tests wait for Postgres', { step: 'Wait for Postgres' }, 'The database container starts with the job and needs a few seconds before it accepts\nconnections; `dockerize -wait` polls the port so a slow start fails here, clearly.'));
	files.set('explanations/environment-stage.md', exp('What the environment stage tells you', { stage: 'environment' }, 'The CI lists the variables the job gets before the first step. Secrets appear by name only.'));
	files.set('explanations/spin-up.md', exp('Spinning up the containers', { stage: 'spin-up' }, 'Image pulls dominate this stage; a pull that takes minutes usually means the image tag moved.'));
	files.set('explanations/checkout.md', exp('Checking out the code', { kind: 'checkout' }, 'A shallow clone of the commit that started the run; tags are not fetched unless asked for.'));
	if (circleName) files.set(`explanations/${circleName}/deploy-staging.md`, exp('Deploying to staging', { pipeline: circleName, job: 'deploy-staging' }, 'Runs on the default branch only, after every image is pushed. Production waits for an approval.'));
	if (gitlabName) files.set(`explanations/${gitlabName}/script.md`, exp('The lint job', { pipeline: gitlabName, job: 'lint', step: 'script' }, 'The linters run with the same configuration as the editors; fix locally with the `--fix` flag.'));
	return files;
}
