import type { Provider } from '../model';

export type DetectedRole = 'config' | 'workflow' | 'action' | 'orb' | 'metadata' | 'heroku' | 'run' | 'other';

export interface Detection {
	provider: Provider;
	role: DetectedRole;
	/** For a file of a CI Pipeline Atlas does not model (role `other`): that CI's name. */
	ci?: string;
}

/**
 * Other CIs' files, at the top of a repository, where those CIs look for them: reported as not
 * modelled rather than passed over, or read by their content as one of ours (a `.travis.yml`
 * with `stages:` was read as GitLab's, its every key an error). Only at the top: a vendored
 * project's `.travis.yml` deeper in a monorepo is not the repository's CI.
 */
const OTHER_CIS: readonly { ci: string; path: RegExp }[] = [
	{ ci: 'Azure Pipelines', path: /^(azure-pipelines[^/]*|\.azure-pipelines\/[^/]+)\.ya?ml$/ },
	{ ci: 'Travis CI', path: /^\.travis\.ya?ml$/ },
	{ ci: 'Buildkite', path: /^(\.buildkite\/[^/]+|buildkite)\.ya?ml$/ },
	{ ci: 'Drone', path: /^\.drone\.ya?ml$/ },
	{ ci: 'Woodpecker CI', path: /^(\.woodpecker|\.woodpecker\/[^/]+)\.ya?ml$/ },
	{ ci: 'AppVeyor', path: /^\.?appveyor\.ya?ml$/ },
	{ ci: 'Semaphore', path: /^\.semaphore\/[^/]+\.ya?ml$/ },
	{ ci: 'Bitrise', path: /^bitrise\.ya?ml$/ },
	{ ci: 'Codemagic', path: /^codemagic\.ya?ml$/ },
	{ ci: 'AWS CodeBuild', path: /^buildspec[^/]*\.ya?ml$/ },
	{ ci: 'Google Cloud Build', path: /^cloudbuild[^/]*\.ya?ml$/ },
	{ ci: 'Jenkins', path: /^Jenkinsfile$/ },
];

/** The CI, not modelled by Pipeline Atlas, whose file this is by its path in the repository. */
export function otherCi(path: string): string | undefined {
	return OTHER_CIS.find((o) => o.path.test(path))?.ci;
}

/**
 * An Azure Pipelines file kept under another name (a template): its `stages:` list `- stage:`
 * entries and its steps `- task:`, where GitLab's `stages:` lists names and has no tasks.
 */
const AZURE_CONTENT = /^\s*-\s+(stage|task|deployment)\s*:/m;

/**
 * A Travis CI file under another name, which its `stages:` or `jobs:` would have made a GitLab
 * config (and its `- stage:` entries an Azure template): its top-level `language:`, `dist:`,
 * `os:`, `script:`, `install:` or `before_install:` is a scalar or a list, where a GitLab key of
 * those names could only be a job, a mapping (an anchor before it, `&name`, is passed over; an
 * alias or a tag, `*name`, `!reference`, could be a GitLab job's, and is not taken).
 */
const TRAVIS_CONTENT = /^\uFEFF?(?:language|dist|os|script|install|before_install)[ \t]*:[ \t]*(?:&\S+(?=\s)[ \t]*)?(?:[^\s#{&*!]|(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]*-)/m;

const YAML_FILE = /\.ya?ml$/i;

/**
 * Which CI a file belongs to, from its path first (as the CIs themselves find their files) and,
 * for files kept under other names (`circleci-config.yml`, `ci.yml` outside `.github/`), from
 * its content. Returns undefined for files that are not CI configuration.
 */
export function detectFile(path: string, text: string): Detection | undefined {
	const p = path.replaceAll('\\', '/');
	const name = p.slice(p.lastIndexOf('/') + 1);
	if (/(^|\/)runs\//.test(p)) return { provider: 'unknown', role: 'run' };
	// Only at the top of a pipeline folder: `.github/workflows/pipeline.yml` is a workflow, and
	// an Expo project's `app.json` is not Heroku's.
	if (p === 'pipeline.yml' || p === 'pipeline.yaml') return { provider: 'unknown', role: 'metadata' };
	if (p === 'Procfile' || (p === 'app.json' && /"(formation|buildpacks|addons|environments|scripts|stack|success_url)"\s*:/.test(text))) {
		return { provider: 'heroku', role: 'heroku' };
	}
	const ci = otherCi(p);
	if (ci) return { provider: 'unknown', role: 'other', ci };
	if (!YAML_FILE.test(name)) return undefined;
	if (/(^|\/)orbs\/[^/]+\/[^/]+\.ya?ml$/.test(p)) return { provider: 'circleci', role: 'orb' };
	if (/(^|\/)\.circleci\/[^/]+\.ya?ml$/.test(p)) return { provider: 'circleci', role: 'config' };
	if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return { provider: 'github-actions', role: 'workflow' };
	if (/(^|\/)action\.ya?ml$/.test(p)) return { provider: 'github-actions', role: 'action' };
	// Bitbucket reads only the file at the repository's root; `*bitbucket-pipelines.yml` is one kept elsewhere.
	if (/(^|[/_-])bitbucket-pipelines\.ya?ml$/.test(p)) return { provider: 'bitbucket', role: 'config' };
	if (/(^|\/)\.?gitlab-ci\.ya?ml$/.test(p) || /\.gitlab-ci\.ya?ml$/.test(name)) return { provider: 'gitlab', role: 'config' };
	return detectByContent(name, text);
}

/** Top-level keys only: cheap and good enough to tell the three CIs apart. */
function topLevelKeys(text: string): Set<string> {
	const keys = new Set<string>();
	for (const m of text.matchAll(/^(?:\uFEFF)?([A-Za-z_][\w.-]*|"[^"]+"|'[^']+')\s*:/gm)) {
		keys.add(m[1]!.replace(/^["']|["']$/g, ''));
	}
	return keys;
}

function detectByContent(name: string, text: string): Detection | undefined {
	const keys = topLevelKeys(text);
	if (/circleci/i.test(name) || (keys.has('version') && (keys.has('jobs') || keys.has('workflows')) && /^version:\s*['"]?2/m.test(text))) {
		return { provider: 'circleci', role: 'config' };
	}
	if ((keys.has('on') || keys.has('true')) && keys.has('jobs') && /runs-on\s*:|uses\s*:/.test(text)) {
		return { provider: 'github-actions', role: 'workflow' };
	}
	const gitlabNamed = /gitlab/i.test(name);
	// Before Azure's: Travis's build stages are `- stage:` entries too.
	if (!gitlabNamed && (keys.has('stages') || keys.has('jobs')) && TRAVIS_CONTENT.test(text)) {
		return { provider: 'unknown', role: 'other', ci: 'Travis CI' };
	}
	if (!gitlabNamed && (keys.has('stages') || keys.has('jobs') || keys.has('steps')) && AZURE_CONTENT.test(text)) {
		return { provider: 'unknown', role: 'other', ci: 'Azure Pipelines' };
	}
	if (gitlabNamed || keys.has('stages') || (keys.has('include') && /\bscript\s*:/.test(text))) {
		return { provider: 'gitlab', role: 'config' };
	}
	return undefined;
}
