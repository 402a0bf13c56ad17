import { Pipeline, safeParsePipeline, type Diagnostic, type Provider, type SourceLocation } from '../model';
import { parseBitbucketConfig } from '../providers/bitbucket';
import { parseCircleCiConfig } from '../providers/circleci';
import { parseGitHubWorkflows } from '../providers/github-actions';
import { parseGitLabConfig } from '../providers/gitlab';
import { parseHerokuApp } from '../providers/heroku';
import type { ProviderOutput, SourceFile } from '../providers/types';
import { parseYaml, toPlain, type YamlValue } from '../providers/yaml';
import { detectFile, type Detection } from './detect';
import { isBuiltin } from './builtin-variables';
import { MAX_CONFIG_BYTES, megabytes } from './limits';
import { withVariableUses } from './env-usage';
import { PipelineMetadata } from './metadata';
import { apartBySlug, slugify, uniqueSlugs } from './slug';
import { byCodePoint } from './order';

/** A file of a pipeline folder; `tooLarge` (its size in bytes) when it was too big to read. */
export interface FolderFile extends SourceFile {
	tooLarge?: number;
}

/** The files of one folder under `pipelines/`, paths relative to it, `/`-separated. */
export interface PipelineFolder {
	/** Folder name: the group id and, when it holds one config, the pipeline id. */
	group: string;
	/** Prefix that turns a relative path into what diagnostics print (`pipelines/titus/`). */
	displayPrefix: string;
	files: readonly FolderFile[];
	/** Only these paths may become pipelines; the other files are there to be included (`check <file>`). */
	only?: readonly string[];
}

interface Root {
	detection: Detection;
	file: SourceFile;
	/** Suffix for the pipeline id when the folder yields several pipelines. */
	variant: string;
}

const PROVIDER_TITLES: Record<Provider, string> = {
	circleci: 'CircleCI',
	'github-actions': 'GitHub Actions',
	gitlab: 'GitLab CI',
	bitbucket: 'Bitbucket Pipelines',
	heroku: 'Heroku',
	unknown: 'Unknown CI',
};

/**
 * One folder's files -> its pipelines. Pure: the loader and the CLI do the reading. A folder
 * holds one repository's CI; it yields one pipeline per CI config (CircleCI runs one config, so
 * two CircleCI files are two pipelines; all GitHub workflows of a folder form one pipeline).
 */
export function assembleFolder(folder: PipelineFolder): Pipeline[] {
	const tooLarge = folder.files.flatMap((f) => (f.tooLarge === undefined ? [] : [{ path: f.path, size: f.tooLarge }]));
	const detected = folder.files.filter((f) => f.tooLarge === undefined).flatMap((file) => {
		const detection = detectFile(file.path, file.text);
		return detection ? [{ file, detection }] : [];
	});
	const metaFile = detected.find((d) => d.detection.role === 'metadata')?.file;
	const meta = metaFile ? readMetadata(withDisplayPath(folder, metaFile)) : NO_METADATA;

	const roots = findRoots(detected).filter((r) => !folder.only || folder.only.includes(r.file.path));
	const heroku = detected.filter((d) => d.detection.role === 'heroku').map((d) => d.file);
	const others = detected.filter((d) => d.detection.role === 'other');
	// Problems of the folder rather than of one config: shown on every pipeline it yields.
	const folderDiagnostics: Diagnostic[] = [
		...meta.diagnostics,
		...tooLarge.map((f) => ({
			severity: 'error' as const,
			code: 'too-large',
			message: `This file is ${megabytes(f.size)} (${f.size.toLocaleString('en')} bytes), over the ${megabytes(MAX_CONFIG_BYTES)} limit for a configuration file: it was not read`,
			location: { file: folder.displayPrefix + f.path, line: 1, column: 1 },
			hint: 'Configuration files are small; move generated or vendored data out of the pipeline folder, or check the file is what you meant to put there.',
		})),
	];

	// A GitLab file that another config includes is part of that pipeline, not one of its own.
	const parsed = roots.map((root) => ({ root, output: parseRoot(root, folder, detected, meta.metadata) }));
	const included = new Set(parsed.flatMap(({ output }) => (output.sources ?? []).filter((s) => s.role === 'include').map((s) => s.path)));
	const pipelines = parsed.filter(({ root }) => !(root.detection.provider === 'gitlab' && included.has(root.file.path)));
	// Another CI's file that a config includes (by whatever name) is that config's.
	// A single file checked on its own (`only`) speaks for itself, not for the folder around it.
	const otherFiles = others.filter((d) => !included.has(d.file.path) && (!folder.only || folder.only.includes(d.file.path)));
	// Listed only on the page of a folder with no pipeline of ours, where they are all it holds.
	const listed = pipelines.length === 0;
	folderDiagnostics.push(...otherFiles.map((d) => notModelledFile(withDisplayPath(folder, d.file), `${d.detection.ci} configuration`, listed)));
	// pipeline.yml speaks for the whole folder: a deploy job may belong to any of its CIs.
	const folderJobs = new Set(pipelines.flatMap(({ output }) => output.jobs.map((j) => j.id)));
	// Heroku is where a CI deploys to: beside one CI config, that config keeps the folder's id.
	const several = pipelines.filter(({ root }) => root.detection.provider !== 'heroku').length > 1;

	if (pipelines.length === 0) return [emptyFolder(folder, meta.metadata, folderDiagnostics, otherFiles.map((d) => ({ path: d.file.path, ci: d.detection.ci! })))];
	return pipelines.map(({ root, output }) => {
		const isHeroku = root.detection.provider === 'heroku';
		const id = several || (isHeroku && pipelines.length > 1) ? `${folder.group}-${root.variant}` : folder.group;
		const baseTitle = meta.metadata.title ?? titleFromId(folder.group);
		const title =
			several || (isHeroku && pipelines.length > 1) ? `${baseTitle} · ${PROVIDER_TITLES[root.detection.provider]}${isHeroku ? '' : variantTitle(root)}` : baseTitle;
		return finish({ id, group: folder.group, title, root, output, meta, extraDiagnostics: folderDiagnostics, folderJobs, displayPrefix: folder.displayPrefix }, [
			...(metaFile ? [{ path: metaFile.path, role: 'metadata' as const }] : []),
			...(isHeroku ? [] : heroku.map((f) => ({ path: f.path, role: 'metadata' as const }))),
		]);
	});
}

function findRoots(detected: { file: SourceFile; detection: Detection }[]): Root[] {
	const roots: Root[] = [];
	const configs = detected.filter((d) => d.detection.role === 'config');
	for (const { file, detection } of configs) {
		roots.push({ file, detection, variant: variantOf(file.path, detection.provider) });
	}
	const workflows = detected.filter((d) => d.detection.role === 'workflow');
	if (workflows.length > 0) {
		// All workflow files of a repository form one pipeline; the first one stands for the group.
		roots.push({ file: workflows[0]!.file, detection: workflows[0]!.detection, variant: 'github-actions' });
	}
	const herokuFiles = detected.filter((d) => d.detection.role === 'heroku');
	if (herokuFiles.length > 0) {
		const first = herokuFiles.find((d) => /(^|\/)app\.json$/.test(d.file.path)) ?? herokuFiles[0]!;
		roots.push({ file: first.file, detection: first.detection, variant: 'heroku' });
	}
	return roots.sort((a, b) => byCodePoint(a.variant, b.variant));
}

/** The id suffix of a config when a folder yields several pipelines: `circleci`, `gitlab-backend`, `circleci-config-last`. */
function variantOf(path: string, provider: Provider): string {
	const short = provider.split('-')[0]!;
	const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
	const base = path.slice(path.lastIndexOf('/') + 1);
	// Files under the CI's own name are named by their folder; others by their file name too.
	const canonical = /^\.?gitlab-ci\.ya?ml$/.test(base) || /^bitbucket-pipelines\.ya?ml$/.test(base) || (dir.endsWith('.circleci') && /^config\.ya?ml$/.test(base));
	const stem = (canonical ? dir.replace(/(^|\/)\.circleci$/, '') : `${dir}/${base.replace(/\.ya?ml$/i, '')}`).replace(/^\/+/, '');
	const slug = stem ? slugify(stem.replaceAll('/', '-').replaceAll('.', '-')).toLowerCase().replace(/-{2,}/g, '-') : '';
	if (!slug) return short;
	return slug.includes(short) ? slug : `${short}-${slug}`;
}

function variantTitle(root: Root): string {
	const base = root.file.path.slice(root.file.path.lastIndexOf('/') + 1);
	return root.detection.role === 'workflow' || /^(config|\.gitlab-ci)\.ya?ml$/.test(base) ? '' : ` (${base})`;
}

function parseRoot(root: Root, folder: PipelineFolder, detected: { file: SourceFile; detection: Detection }[], meta: PipelineMetadata): ProviderOutput {
	const source = withDisplayPath(folder, root.file);
	switch (root.detection.provider) {
		case 'circleci': {
			const orbs = detected.filter((d) => d.detection.role === 'orb').map((d) => withDisplayPath(folder, d.file));
			const files = new Map(folder.files.map((f) => [f.path, f.text]));
			const output = parseCircleCiConfig(source, { orbs, files });
			return {
				...output,
				sources: [
					{ path: root.file.path, role: 'config' },
					...detected.filter((d) => d.detection.role === 'orb').map((d) => ({ path: d.file.path, role: 'orb' as const })),
				],
			};
		}
		case 'gitlab': {
			// `include: local` paths start at the repository root: the folder holding `.gitlab-ci.yml`.
			const dir = root.file.path.includes('/') ? root.file.path.slice(0, root.file.path.lastIndexOf('/') + 1) : '';
			const files = new Map(folder.files.filter((f) => f.path.startsWith(dir)).map((f) => [f.path.slice(dir.length), f.text]));
			const output = parseGitLabConfig(source, { files, displayPrefix: folder.displayPrefix + dir });
			return { ...output, sources: (output.sources ?? []).map((s) => ({ ...s, path: dir + s.path })) };
		}
		case 'bitbucket':
			return { ...parseBitbucketConfig(source), sources: [{ path: root.file.path, role: 'config' }] };
		case 'heroku': {
			const pick = (name: string) => detected.find((d) => d.detection.role === 'heroku' && d.file.path.split('/').pop() === name)?.file;
			const appJson = pick('app.json');
			const procfile = pick('Procfile');
			const output = parseHerokuApp(
				{ ...(appJson ? { appJson: withDisplayPath(folder, appJson) } : {}), ...(procfile ? { procfile: withDisplayPath(folder, procfile) } : {}) },
				{ targets: meta.deployTargets.map((t) => ({ id: t.id, name: t.name, tier: t.tier })), promotions: meta.promotions },
			);
			return { ...output, sources: [appJson, procfile].flatMap((f) => (f ? [{ path: f.path, role: 'config' as const }] : [])) };
		}
		case 'github-actions': {
			const actions = detected.filter((d) => d.detection.role === 'workflow' || d.detection.role === 'action');
			const workflows = actions.filter((d) => d.detection.role === 'workflow').map((d) => withDisplayPath(folder, d.file));
			const files = new Map(folder.files.map((f) => [f.path, f.text]));
			const output = parseGitHubWorkflows(workflows, { files, displayPrefix: folder.displayPrefix });
			return {
				...output,
				sources: actions.map((d) => ({ path: d.file.path, role: d.detection.role === 'action' ? ('action' as const) : ('workflow' as const) })),
			};
		}
		default: {
			const files = root.detection.role === 'workflow' ? detected.filter((d) => d.detection.role === 'workflow' || d.detection.role === 'action') : [{ file: root.file, detection: root.detection }];
			return {
				sources: files.map((d) => ({ path: d.file.path, role: d.detection.role === 'action' ? 'action' : d.detection.role === 'workflow' ? 'workflow' : 'config' })),
				jobs: [],
				diagnostics: files.map((d) => notModelledFile(withDisplayPath(folder, d.file), `${PROVIDER_TITLES[root.detection.provider]} configuration`)),
			};
		}
	}
}

interface Assembly {
	id: string;
	group: string;
	title: string;
	root: Root;
	output: ProviderOutput;
	meta: Metadata;
	extraDiagnostics: Diagnostic[];
	folderJobs: ReadonlySet<string>;
	/** Prefix of the paths diagnostics print. */
	displayPrefix: string;
}

function finish(
	{ id, group, title, root, output, meta: { metadata: meta, locate }, extraDiagnostics, folderJobs, displayPrefix }: Assembly,
	extraSources: { path: string; role: 'metadata' }[],
): Pipeline {
	const slugs = uniqueSlugs(output.jobs.map((j) => j.id));
	const jobIds = new Set(output.jobs.map((j) => j.id));
	const diagnostics: Diagnostic[] = [...(output.diagnostics ?? []), ...extraDiagnostics];
	const deployTargets = meta.deployTargets.map((t, i) => {
		t.jobs.forEach((job, j) => {
			// Heroku stages are fed by the CI's jobs, which live in the sibling pipeline.
			if (folderJobs.has(job) || root.detection.provider === 'heroku') return;
			diagnostics.push({
				severity: 'warning',
				code: 'unknown-job',
				message: `deploy target "${t.id}" names job "${job}", which this pipeline does not define`,
				location: locate(['deployTargets', i, 'jobs', j]),
				hint: `Use one of: ${[...folderJobs].join(', ')}`,
			});
		});
		return { ...t, jobs: root.detection.provider === 'heroku' ? [] : t.jobs.filter((j) => jobIds.has(j)) };
	});
	const targetOf = new Map(deployTargets.flatMap((t) => t.jobs.map((j) => [j, t.id] as const)));
	const jobs = output.jobs.map((job, i) => ({ ...job, slug: slugs[i]!, deployTarget: job.deployTarget ?? targetOf.get(job.id) }));
	// A target lists every job that deploys to it, whether pipeline.yml or the provider said so.
	const withJobs = <T extends { id: string; jobs?: string[] | undefined }>(t: T) => ({
		...t,
		jobs: [...new Set([...(t.jobs ?? []), ...jobs.filter((j) => j.deployTarget === t.id).map((j) => j.id)])],
	});
	const workflowIds = apartBySlug((output.workflows ?? []).map((w) => w.id));
	const input = {
		...output,
		...(output.workflows ? { workflows: output.workflows.map((w, i) => ({ ...w, id: workflowIds[i]! })) } : {}),
		id,
		group,
		title,
		provider: root.detection.provider,
		description: meta.description,
		repositoryUrl: meta.repository,
		defaultBranch: meta.defaultBranch,
		sources: [...(output.sources ?? []), ...extraSources],
		jobs,
		deployTargets: [...(output.deployTargets ?? []), ...deployTargets].map(withJobs),
		promotions: [...(output.promotions ?? []), ...meta.promotions],
		diagnostics,
	};
	const parsed = safeParsePipeline(input);
	if (parsed.success) return withVariableUses(parsed.data, isBuiltin(root.detection.provider));
	// A provider produced something the model rejects: a bug of ours, shown rather than hidden.
	return Pipeline.parse({
		id,
		group,
		title,
		provider: root.detection.provider,
		sources: [{ path: root.file.path, role: 'config' }],
		diagnostics: [
			...diagnostics,
			{
				severity: 'error',
				code: 'internal',
				message: `Pipeline Atlas could not model this file: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
				location: { file: displayPrefix + root.file.path, line: 1, column: 1 },
				hint: 'This is a bug in Pipeline Atlas; please report it with the file.',
			},
		],
	});
}

/**
 * A folder with nothing we can read still gets a page that says so, and names the files of other
 * CIs it holds (`otherFiles`) in its warning, the first thing its page shows.
 */
function emptyFolder(folder: PipelineFolder, meta: PipelineMetadata, diagnostics: Diagnostic[], otherFiles: readonly { path: string; ci: string }[]): Pipeline {
	// By CI: one file named, several counted (a folder of Azure templates).
	const byCi = Map.groupBy(otherFiles, (f) => f.ci);
	const others = [...byCi].map(([ci, files]) => `${ci} (${files.length === 1 ? files[0]!.path : `${files.length} files`})`).join(', ');
	const noConfig: Diagnostic = {
		severity: 'warning',
		code: 'no-config',
		message: folder.only
			? `no CI configuration Pipeline Atlas models in this file${otherFiles.length > 0 ? `: it is ${others}` : ''}`
			: otherFiles.length > 0
				? `no CI configuration Pipeline Atlas models in this folder, only files of other CIs: ${others}`
				: 'no CI configuration found in this folder',
		location: { file: folder.displayPrefix + (folder.only?.length === 1 ? folder.only[0] : ''), line: 1, column: 1 },
		hint: 'Pipeline Atlas reads CircleCI, GitHub Actions, GitLab CI, Bitbucket Pipelines and Heroku, under the names the CI uses: .circleci/config.yml, .github/workflows/*.yml, .gitlab-ci.yml, bitbucket-pipelines.yml, app.json.',
	};
	return Pipeline.parse({
		id: folder.group,
		group: folder.group,
		title: meta.title ?? titleFromId(folder.group),
		description: meta.description,
		provider: 'unknown',
		sources: otherFiles.map((f) => ({ path: f.path, role: 'other-ci' })),
		diagnostics: diagnostics.some((d) => d.code === 'too-large') ? diagnostics : [...diagnostics, noConfig],
	});
}

function withDisplayPath(folder: PipelineFolder, file: SourceFile): SourceFile {
	return { path: folder.displayPrefix + file.path, text: file.text };
}

/** A file of a CI Pipeline Atlas does not model; `listed` when the page lists it among its sources. */
function notModelledFile(file: SourceFile, what: string, listed = true): Diagnostic {
	return {
		severity: 'info',
		code: 'not-modelled',
		message: `${what} is not modelled by Pipeline Atlas yet; ${listed ? 'the file is listed but not shown' : 'this file is not shown'}`,
		location: { file: file.path, line: 1, column: 1 },
	};
}

export function titleFromId(id: string): string {
	return id
		.split(/[-_]+/)
		.filter(Boolean)
		.map((w) => w[0]!.toUpperCase() + w.slice(1))
		.join(' ');
}

interface Metadata {
	metadata: PipelineMetadata;
	diagnostics: Diagnostic[];
	/** Where a value of `pipeline.yml` is, for diagnostics about it. */
	locate: (path: readonly PropertyKey[]) => SourceLocation;
}

const NO_METADATA: Metadata = {
	metadata: PipelineMetadata.parse({}),
	diagnostics: [],
	locate: () => ({ file: 'pipeline.yml', line: 1, column: 1 }),
};

function readMetadata(file: SourceFile): Metadata {
	// The providers' reader: it refuses, with a location, what would exhaust memory or the
	// stack (alias bombs, deep nesting) as well as broken syntax, and locates every value.
	const parsed = parseYaml(file);
	const [document, ...others] = parsed.documents;
	const start: SourceLocation = { file: file.path, line: 1, column: 1 };
	const locate = (path: readonly PropertyKey[]) => valueAt(document?.root, path)?.location ?? document?.location ?? start;
	const refused = parsed.diagnostics.find((d) => d.severity === 'error');
	if (refused) {
		return {
			locate,
			metadata: PipelineMetadata.parse({}),
			diagnostics: [{ ...refused, hint: `${refused.hint ?? 'Fix pipeline.yml.'} The pipeline is built without its metadata meanwhile.` }],
		};
	}
	const warnings: Diagnostic[] = [
		...parsed.diagnostics,
		...(others.length > 0 ? [{ severity: 'warning' as const, code: 'multiple-documents', message: 'pipeline.yml holds more than one YAML document; only the first is read', location: others[0]!.location }] : []),
	];
	const result = PipelineMetadata.safeParse(document?.root ? toPlain(document.root) : {});
	if (result.success) return { metadata: result.data, diagnostics: warnings, locate };
	return {
		locate,
		metadata: PipelineMetadata.parse({}),
		diagnostics: [
			...warnings,
			...result.error.issues.map((issue) => ({
				severity: 'error' as const,
				code: 'metadata',
				message: `pipeline.yml: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
				location: locate(issue.path),
				hint: 'Allowed keys: title, description, repository, defaultBranch, deployTargets, promotions.',
			})),
		],
	};
}

/** The value at a zod issue path, for its position. */
function valueAt(value: YamlValue | undefined, path: readonly PropertyKey[]): YamlValue | undefined {
	let current = value;
	for (const key of path) {
		if (current?.kind === 'map') {
			const next = current.entries.find((entry) => entry.key === String(key));
			if (!next) break;
			current = next.value;
		} else if (current?.kind === 'seq' && typeof key === 'number' && current.items[key]) {
			current = current.items[key];
		} else break;
	}
	return current;
}
