/**
 * What a cache key means for reuse. Each CI fills templates into its keys (CircleCI
 * `{{ checksum "f" }}`, GitHub `${{ hashFiles('f') }}`, GitLab `$CI_COMMIT_REF_SLUG` or
 * `key: files:`); which parts a key has decides when a later run finds the cache again.
 */
import type { Provider } from '../../model';
import { code, codeList, joinAnd } from './text';

/** One dynamic part of a key and how it affects reuse. */
interface KeyPart {
	/** The part as written in the key. */
	text: string;
	/** What varies: the dimension that separates caches. */
	dimension: 'files' | 'branch' | 'commit' | 'workflow' | 'unique' | 'platform' | 'variable' | 'job' | 'parameter';
	/** Files for `files`, the name for others. */
	subjects: string[];
	/** One sentence on what the part is. */
	note: string;
}

const CIRCLECI_TEMPLATE = /\{\{\s*([^}]*?)\s*\}\}/g;
const GITHUB_EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;
const SHELL_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
const CIRCLECI_PARAMETER = /<<\s*((?:parameters|pipeline)\.[\w.-]+)\s*>>/g;

/** CircleCI's own variables, which behave like the template parts they duplicate. */
const CIRCLECI_VARIABLES: Record<string, [KeyPart['dimension'], string]> = {
	CIRCLE_SHA1: ['commit', 'is the commit being built: only a build of the same commit finds this key again.'],
	CIRCLE_BRANCH: ['branch', 'is the branch being built, so each branch keeps its own cache.'],
	CIRCLE_TAG: ['branch', 'is the tag being built, so each tag keeps its own cache.'],
	CIRCLE_BUILD_NUM: ['unique', 'is the job’s build number, different every run.'],
	CIRCLE_WORKFLOW_ID: ['workflow', 'is the workflow’s id: only jobs of the same workflow run share this cache.'],
	CIRCLE_JOB: ['job', 'is the job’s name, so each job keeps its own cache.'],
	CIRCLE_NODE_INDEX: ['job', 'is the index of this parallel copy, so each copy keeps its own cache.'],
	CIRCLE_PROJECT_REPONAME: ['variable', 'is the repository’s name, the same in every build of it.'],
};

function circleciPart(expr: string, text: string): KeyPart | undefined {
	const checksum = /^checksum\s+"([^"]+)"$/.exec(expr) ?? /^checksum\s+'([^']+)'$/.exec(expr);
	if (checksum) return { text, dimension: 'files', subjects: [checksum[1]!], note: `${code(text)} is a hash of the contents of ${code(checksum[1]!)}: the key changes exactly when that file changes.` };
	if (expr === '.Branch') return { text, dimension: 'branch', subjects: [], note: `${code(text)} is the branch being built, so each branch keeps its own cache.` };
	if (expr === '.Revision') return { text, dimension: 'commit', subjects: [], note: `${code(text)} is the commit being built: only a build of the same commit finds this key again.` };
	if (expr === '.BuildNum') return { text, dimension: 'unique', subjects: [], note: `${code(text)} is the job’s build number, different every run.` };
	if (expr === 'epoch') return { text, dimension: 'unique', subjects: [], note: `${code(text)} is the current time in seconds, different every run.` };
	if (expr === 'arch') return { text, dimension: 'platform', subjects: [], note: `${code(text)} is the operating system and CPU architecture (such as \`linux-amd64\`), so machines of different kinds do not share a cache.` };
	const environment = /^\.Environment\.(\w+)$/.exec(expr);
	const builtin = environment ? CIRCLECI_VARIABLES[environment[1]!] : undefined;
	if (builtin) return { text, dimension: builtin[0], subjects: [`$${environment![1]}`], note: `${code(text)} ${builtin[1]}` };
	if (environment) return { text, dimension: 'variable', subjects: [`$${environment[1]}`], note: `${code(text)} is the value of the environment variable ${code(environment[1]!)}; changing that variable in the project settings starts a fresh cache.` };
	return undefined;
}

const GITHUB_CONTEXTS: [RegExp, KeyPart['dimension'], string][] = [
	[/^runner\.os$/, 'platform', 'is the runner’s operating system (Linux, Windows or macOS), so each OS keeps its own cache.'],
	[/^runner\.arch$/, 'platform', 'is the runner’s CPU architecture.'],
	[/^github\.sha$/, 'commit', 'is the commit being built: only a run of the same commit finds this key again.'],
	[/^github\.(ref|ref_name|head_ref|base_ref)$/, 'branch', 'is the branch (or tag) being built, so each keeps its own cache.'],
	[/^github\.(run_id|run_number)$/, 'workflow', 'is the workflow run’s id: only jobs of the same run share this cache.'],
	[/^github\.run_attempt$/, 'unique', 'is different on every attempt of a run.'],
	[/^github\.(job|workflow)$/, 'job', 'names the job or workflow, so each keeps its own cache.'],
	[/^matrix\.[\w-]+$/, 'variable', 'is this matrix combination’s value, so each combination keeps its own cache.'],
	[/^(env|vars|inputs)\.[\w-]+$/, 'variable', 'is a variable’s value; changing it starts a fresh cache.'],
	[/^steps\.[\w-]+\.outputs\.[\w-]+$/, 'variable', 'is the output of an earlier step (often a computed version or date).'],
];

function githubPart(expr: string, text: string): KeyPart | undefined {
	const hash = /^hashFiles\((.*)\)$/s.exec(expr);
	if (hash) {
		const files = [...hash[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
		return { text, dimension: 'files', subjects: files, note: `${code(text)} is a hash of every file matching ${codeList(files)}: the key changes whenever one of them changes.` };
	}
	const context = GITHUB_CONTEXTS.find(([pattern]) => pattern.test(expr));
	if (context) return { text, dimension: context[1], subjects: [expr], note: `${code(text)} ${context[2]}` };
	return { text, dimension: 'variable', subjects: [expr], note: `${code(text)} is filled in when the step runs; the cache is reused while it stays the same.` };
}

const GITLAB_VARIABLES: [RegExp, KeyPart['dimension'], string][] = [
	[/^CI_COMMIT_(REF_SLUG|REF_NAME|BRANCH|TAG)$/, 'branch', 'is the branch or tag being built, so each keeps its own cache.'],
	[/^CI_DEFAULT_BRANCH$/, 'variable', 'is the default branch’s name, the same for every pipeline.'],
	[/^CI_COMMIT_(SHA|SHORT_SHA)$/, 'commit', 'is the commit being built: only a pipeline of the same commit finds this key again.'],
	[/^CI_(PIPELINE_ID|PIPELINE_IID)$/, 'workflow', 'is the pipeline’s id: only jobs of the same pipeline share this cache.'],
	[/^CI_(JOB_ID|CONCURRENT_ID)$/, 'unique', 'is different for every job.'],
	[/^CI_JOB_(NAME|NAME_SLUG|STAGE)$/, 'job', 'is the job’s name (or stage), so each job keeps its own cache.'],
	[/^CI_NODE_INDEX$/, 'job', 'is the index of this parallel copy, so each copy keeps its own cache.'],
	[/^CI_PROJECT_\w+$/, 'variable', 'names the project, the same for every pipeline of it.'],
	[/^CI_RUNNER_\w+$/, 'platform', 'describes the runner, so each runner keeps its own cache.'],
];

function gitlabParts(key: string): KeyPart[] {
	const parts: KeyPart[] = [];
	const files = /\{\{ files: (.*?) \}\}/.exec(key);
	if (files) {
		const list = files[1]!.split(/,\s*/).filter(Boolean);
		parts.push({ text: `key: files: ${list.join(', ')}`, dimension: 'files', subjects: list, note: `\`key: files:\` makes GitLab derive the key from the latest commits that changed ${codeList(list)}: the key changes whenever one of them changes.` });
	}
	for (const match of key.replace(/\{\{ files: .*? \}\}/, '').matchAll(SHELL_VARIABLE)) {
		const name = match[1]!;
		const known = GITLAB_VARIABLES.find(([pattern]) => pattern.test(name));
		if (known) parts.push({ text: match[0], dimension: known[1], subjects: [name], note: `${code(match[0])} ${known[2]}` });
		else parts.push({ text: match[0], dimension: 'variable', subjects: [`$${name}`], note: `${code(match[0])} is the variable ${code(name)}; the cache is reused while its value stays the same.` });
	}
	return parts;
}

/** The dynamic parts of a key, in the order written. */
export function keyParts(key: string, provider: Provider): KeyPart[] {
	const parts: KeyPart[] = [];
	if (provider === 'gitlab') return gitlabParts(key);
	for (const match of key.matchAll(CIRCLECI_TEMPLATE)) {
		if (key.slice(0, match.index).endsWith('$')) continue;
		const part = circleciPart(match[1]!.trim(), match[0]);
		if (part) parts.push(part);
	}
	for (const match of key.matchAll(GITHUB_EXPRESSION)) parts.push(githubPart(match[1]!.trim(), match[0])!);
	for (const match of key.matchAll(CIRCLECI_PARAMETER)) {
		parts.push({ text: match[0], dimension: 'parameter', subjects: [match[1]!], note: `${code(match[0])} is filled in from ${match[1]!.startsWith('pipeline.') ? 'the pipeline’s values' : 'a parameter'} when the config is processed.` });
	}
	return parts;
}

/**
 * When a cache saved under `key` is found again, as a clause after "reused": `until
 * `Pipfile.lock` changes, separately for each branch`.
 */
export function reuseClause(key: string, provider: Provider): string {
	const parts = keyParts(key, provider);
	if (parts.some((p) => p.dimension === 'unique')) return 'never as it is: every run saves under a new key, which later runs find only through a shorter prefix key';
	const clauses: string[] = [];
	const files = [...new Set(parts.filter((p) => p.dimension === 'files').flatMap((p) => p.subjects))];
	const variables = [...new Set(parts.filter((p) => p.dimension === 'variable').flatMap((p) => p.subjects))];
	const changing = [...files.map((f) => code(f)), ...variables.map((v) => code(v.startsWith('$') || v.includes('.') ? v : `$${v}`))];
	if (parts.some((p) => p.dimension === 'workflow')) clauses.push('only by jobs of the same workflow run');
	else if (parts.some((p) => p.dimension === 'commit')) clauses.push('only by a build of the same commit');
	else if (changing.length) clauses.push(`until ${joinAnd(changing, 'or')} change${changing.length === 1 && files.length <= 1 && !files.some((f) => /[*?]/.test(f)) ? 's' : ''}`);
	else clauses.push('by every later run');
	if (parts.some((p) => p.dimension === 'branch')) clauses.push('separately for each branch');
	if (parts.some((p) => p.dimension === 'platform')) clauses.push('separately for each kind of machine');
	if (parts.some((p) => p.dimension === 'job')) clauses.push('separately for each job');
	if (clauses.length === 1 && clauses[0] === 'by every later run') return parts.some((p) => p.dimension === 'parameter') ? 'as long as the parameters it is built from stay the same' : 'every time, as the key never changes';
	return clauses.join(', ');
}

/** True for a key with nothing that varies: saved once, then never refreshed where keys are immutable. */
export function isStaticKey(key: string, provider: Provider): boolean {
	return keyParts(key, provider).length === 0 && !/\$/.test(key);
}

/** Notes on each dynamic part, one sentence each, without repeats. */
export function partNotes(keys: readonly string[], provider: Provider): string[] {
	return [...new Set(keys.flatMap((key) => keyParts(key, provider).map((p) => p.note)))];
}

/** The fixed text before the first template part (`v1-deps-`), which fallback keys usually repeat. */
export function staticPrefix(key: string): string {
	const index = key.search(/\{\{|\$\{\{|<<|\$/);
	return index === -1 ? key : key.slice(0, index);
}
