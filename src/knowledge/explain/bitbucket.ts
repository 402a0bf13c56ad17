/**
 * Bitbucket Pipelines' own parts of a step as the Bitbucket provider models them: the clone
 * and cache downloads of its build setup, pipes, and the cache and artifact uploads of its
 * teardown, with the notes that go with `after-script`.
 */
import type { Step } from '../../model';
import { explanation, type Explanation } from './explanation';
import { code, codeList } from './text';

const DOCS = 'https://support.atlassian.com/bitbucket-cloud/docs/';

/** A Bitbucket step part that is no command of the script, or undefined. */
export function explainBitbucketStep(step: Step): Explanation | undefined {
	switch (step.kind) {
		case 'checkout':
			return explanation({
				summary: `Clones the repository at the commit being built into \`$BITBUCKET_CLONE_DIR\`, the step’s working directory${step.with.depth === 'full' ? ', with its whole history' : `, with the last ${step.with.depth ?? '50'} commits of history`}.`,
				details: [
					'Bitbucket does this before the script of every step, unless the step (or the config) sets `clone: enabled: false`; `clone: depth` sets how much history is fetched.',
					...(step.with.lfs === 'true' ? ['`lfs: true` also downloads the files kept in Git LFS.'] : []),
				],
				topic: 'bitbucket:clone',
				reference: `${DOCS}git-clone-behavior/`,
			});
		case 'cache-restore':
		case 'cache-save': {
			const name = /the (.+) cache$/.exec(step.name)?.[1] ?? step.keys?.[0] ?? 'cache';
			const paths = step.paths ?? [];
			const docker = name === 'docker';
			const keyed = step.keys?.[0]?.includes('{{ files:') ?? false;
			return explanation({
				summary:
					step.kind === 'cache-restore'
						? `Downloads the ${code(name)} cache into ${docker ? 'the Docker daemon (image layers built before)' : codeList(paths)}, when an earlier pipeline saved one, so the step does not fetch it all again.`
						: `Uploads ${docker ? 'the Docker image layers the step built' : codeList(paths)} as the ${code(name)} cache at the end of the step, for later pipelines.`,
				details: [
					keyed
						? 'The cache is keyed by the content of the files it names: a change to them makes a new cache.'
						: 'A cache is saved only when none exists yet under its name: it is not updated by every run.',
					'A missing cache is not an error: the step runs without it.',
				],
				topic: 'bitbucket:cache',
				reference: `${DOCS}cache-dependencies/`,
			});
		}
		case 'workspace-persist':
			return explanation({
				summary: `Uploads the files matching ${codeList(step.paths ?? [])} at the end of the step: the steps after it in the pipeline find them in their own clone, and they can be downloaded from the pipeline for 14 days.`,
				topic: 'bitbucket:artifacts',
				reference: `${DOCS}use-artifacts-in-steps/`,
			});
		case 'workspace-attach':
			return explanation({
				summary:
					step.with.artifacts === 'none'
						? 'Downloads no artifacts of the steps before (`artifacts: download: false`), though Bitbucket would by default.'
						: `Downloads only the artifacts named ${codeList((step.with.artifacts ?? '').split(', '))}, not every artifact of the steps before as Bitbucket does by default.`,
				topic: 'bitbucket:artifacts',
				reference: `${DOCS}use-artifacts-in-steps/`,
			});
		case 'action':
			return step.keyword === 'pipe' ? pipe(step) : undefined;
		default:
			return undefined;
	}
}

function pipe(step: Step): Explanation {
	const variables = Object.keys(step.with);
	const atlassian = /^atlassian\//.test(step.uses ?? '');
	const image = /^docker:\/\//.test(step.uses ?? '');
	return explanation({
		summary: `Runs the pipe ${code(step.uses ?? step.name)}: a ready-made Docker container that does one task${variables.length > 0 ? `, set up by ${codeList(variables)}` : ''}.`,
		details: [
			image ? 'It is given as a Docker image, not from Bitbucket’s list of pipes.' : atlassian ? 'It is one of the pipes Atlassian maintains; its README lists what each variable does.' : 'It is a third-party pipe: its repository’s README lists what each variable does.',
			'The pipe runs in its own container, with the clone directory mounted and the variables given here in its environment.',
		],
		topic: atlassian ? `pipe:${(step.uses ?? '').replace(/:[^:]*$/, '')}` : 'bitbucket:pipe',
		reference: `${DOCS}what-are-pipes/`,
	});
}

/** Notes on a command of a Bitbucket step. */
export function bitbucketScriptNotes(step: Step): string[] {
	return step.keyword === 'after-script' ? ['Runs after the script, whether it passed or failed (`$BITBUCKET_EXIT_CODE` says which); its own failure does not change the step’s result.'] : [];
}
