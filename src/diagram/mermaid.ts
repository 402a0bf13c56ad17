/**
 * Workflow -> Mermaid flowchart text. Pure: no I/O, no site configuration, so the same text
 * feeds the page, the `.mmd` download, the SVG/PNG renderers, tests and the benchmark.
 *
 * Safety: every node id is generated (`n0`, `t0`, `l0`), never taken from the config, and every
 * label is written with Mermaid entity codes for the characters that could end a label or start
 * markup (`"` `<` `>` `&` `#` `[` `]` `{` `}` `(` `)` `|` backtick), so a job named
 * `<img src=x onerror=alert(1)>` stays text in every renderer.
 */
import type { Job, Pipeline, Step, Workflow, WorkflowEntry } from '../model';
import { STARTED_BY_HAND, startedByHand } from '../evaluate/runs';
import { workflowWord } from '../describe/workflow';
import { runOrder, stageOf } from '../site/workflow-order';

/** What a node stands for; each kind has its own shape and class. */
export type NodeKind = 'job' | 'approval' | 'deploy' | 'orb' | 'target';

/** Classes a node may carry (Mermaid `class` statements; `dg-<name>` in the rendered SVG). */
export type NodeClass = 'job' | 'approval' | 'manual' | 'deploy' | 'orb' | 'allowFailure' | 'target' | 'dimmed' | 'legend';

export interface DiagramOptions {
	/** Entry ids that run in the situation shown; every other entry is dimmed. */
	highlight?: ReadonlySet<string>;
	/** One node per matrix instance instead of one node per matrix. */
	detail?: boolean;
	/** Add a legend subgraph for the kinds present (default true; the page shows its own legend). */
	legend?: boolean;
	/** Force a layout direction instead of choosing one from the graph's shape. */
	direction?: 'LR' | 'TD';
	/** Wrap labels longer than this many characters (default 24). */
	wrap?: number;
}

export interface DiagramNode {
	/** Generated Mermaid id: `n<i>` for entries, `t<i>` for deploy targets, `l<i>` for the legend. */
	id: string;
	/** Label as plain text (lines joined with `\n`), before escaping. */
	label: string;
	kind: NodeKind;
	classes: NodeClass[];
	/** The workflow entries it stands for (several for a grouped matrix). */
	entries: string[];
	/** The job it runs, when it runs one: the renderer links the node to the job's page. */
	jobId?: string;
	/** The deploy target it stands for. */
	targetId?: string;
	/** The job group (`Workflow.jobGroups`) its entries run in: drawn inside the group's box. */
	group?: string;
}

/** A box around the nodes of a job group. */
export interface DiagramGroup {
	/** Generated Mermaid id: `g<i>`. */
	id: string;
	label: string;
	nodes: string[];
}

export interface DiagramEdge {
	from: string;
	to: string;
	type: 'requires' | 'workspace' | 'deploys' | 'promote';
	label?: string;
}

export interface WorkflowDiagram {
	text: string;
	direction: 'LR' | 'TD';
	nodes: DiagramNode[];
	edges: DiagramEdge[];
	groups: DiagramGroup[];
	/** Kinds (and classes) present, in legend order: what a legend beside the diagram must explain. */
	legend: LegendItem[];
}

export interface LegendItem {
	key: 'job' | 'approval' | 'manual' | 'deploy' | 'orb' | 'allowFailure' | 'target' | 'workspace' | 'promote' | 'group' | 'dimmed';
	label: string;
	description: string;
}

export const LEGEND: Record<LegendItem['key'], Omit<LegendItem, 'key'>> = {
	job: { label: 'Job', description: 'A job of this workflow; arrows point to the jobs that wait for it.' },
	approval: { label: 'Approval gate', description: 'Waits for a person to approve in the CI before the jobs after it start.' },
	manual: { label: 'Started by hand', description: `A job that does its own work. ${STARTED_BY_HAND}` },
	deploy: { label: 'Deploy job', description: 'Releases to an environment (deploy target, Helm, kubectl or Heroku).' },
	orb: { label: 'Orb / reusable job', description: 'Defined by an orb or a reusable workflow rather than in this file.' },
	allowFailure: { label: 'Allowed to fail', description: 'Its failure does not fail the workflow.' },
	target: { label: 'Deploy target', description: 'An environment the pipeline releases to.' },
	workspace: { label: 'Workspace', description: 'Dotted: files persisted by one job and attached by a later one.' },
	promote: { label: 'Promotion', description: 'A release moved between environments without a rebuild.' },
	group: { label: 'Job group', description: 'Its jobs run as one unit: the jobs after it wait for all of them ("one at a time": another pipeline runs it only once this run of it has finished).' },
	dimmed: { label: 'Does not run', description: 'Faded jobs do not run in the situation shown.' },
};

/** Mermaid `classDef`s: fixed colours for other Mermaid renderers; the site's SVG restyles them with its theme. */
const CLASS_DEFS: Record<NodeClass, string> = {
	job: 'fill:#eef2ff,stroke:#4f46e5,color:#1e1b4b',
	approval: 'fill:#fef3c7,stroke:#b45309,color:#451a03',
	manual: 'fill:#fef3c7,stroke:#b45309,color:#451a03',
	deploy: 'fill:#dcfce7,stroke:#15803d,color:#052e16',
	orb: 'fill:#e0f2fe,stroke:#0369a1,color:#082f49',
	allowFailure: 'stroke-dasharray:5 3',
	target: 'fill:#f0fdf4,stroke:#166534,color:#052e16',
	dimmed: 'opacity:0.35',
	legend: 'font-size:12px',
};

const DEPLOY_COMMAND = /(^|[\s;&|(/])(helm|kubectl|heroku)(\s|$)/m;
const DEPLOY_ORB = /(^|\/)heroku\/deploy-via-git$|^heroku\/deploy-via-git/;

/** True when the job deploys: it names a deploy target, or runs helm/kubectl/heroku or the Heroku deploy orb. */
export function isDeployJob(job: Job | undefined): boolean {
	if (!job) return false;
	if (job.deployTarget || job.releasePlan) return true;
	if (job.origin && DEPLOY_ORB.test(job.origin.name)) return true;
	return someStep(job.steps, (s) => (s.command !== undefined && DEPLOY_COMMAND.test(s.command)) || DEPLOY_ORB.test(s.origin?.name ?? s.uses ?? ''));
}

function someStep(steps: readonly Step[], test: (s: Step) => boolean): boolean {
	return steps.some((s) => test(s) || someStep(s.children, test));
}

/** Mermaid flowchart text for one workflow. */
export function workflowToMermaid(pipeline: Pipeline, workflow: Workflow, options: DiagramOptions = {}): string {
	return buildWorkflowDiagram(pipeline, workflow, options).text;
}

/** The diagram as text plus the node/edge structure the renderer and the page legend need. */
export function buildWorkflowDiagram(pipeline: Pipeline, workflow: Workflow, options: DiagramOptions = {}): WorkflowDiagram {
	const jobs = new Map(pipeline.jobs.map((j) => [j.id, j]));
	const entries = workflow.entries;
	const entryIndex = new Map(entries.map((e, i) => [e.id, i]));

	// 1. Entries -> nodes (a matrix becomes one node unless `detail`).
	const nodes: DiagramNode[] = [];
	const nodeOfEntry = new Map<string, DiagramNode>();
	const groupNode = new Map<string, DiagramNode>();
	for (const entry of entries) {
		const group = options.detail ? undefined : entry.matrixGroup;
		const existing = group !== undefined ? groupNode.get(group) : undefined;
		const job = entry.jobId ? jobs.get(entry.jobId) : undefined;
		if (existing) {
			existing.entries.push(entry.id);
			nodeOfEntry.set(entry.id, existing);
			// A matrix's node is dashed only when every instance may fail.
			if (!allowedToFail(entry, job)) existing.classes = existing.classes.filter((c) => c !== 'allowFailure');
			continue;
		}
		const node = entryNode(`n${nodes.length}`, entry, job);
		nodes.push(node);
		nodeOfEntry.set(entry.id, node);
		if (group !== undefined) groupNode.set(group, node);
	}
	for (const [group, node] of groupNode) {
		if (node.entries.length > 1) node.label = `${group} ×${node.entries.length}`;
	}
	if (options.highlight) {
		const lit = options.highlight;
		for (const node of nodes) if (!node.entries.some((e) => lit.has(e))) node.classes.push('dimmed');
	}

	// 2. `requires` -> edges, deduplicated at node level (matrices), labelled when not plain success.
	const edges: DiagramEdge[] = [];
	const seen = new Set<string>();
	const addEdge = (edge: DiagramEdge) => {
		const key = `${edge.type}:${edge.from}>${edge.to}`;
		if (edge.from === edge.to || seen.has(key)) return;
		seen.add(key);
		edges.push(edge);
	};
	const direct = new Set<string>();
	for (const entry of entries) {
		const to = nodeOfEntry.get(entry.id)!;
		for (const req of entry.requires) {
			const from = nodeOfEntry.get(req.entry);
			if (!from) continue;
			direct.add(`${from.id}>${to.id}`);
			const plain = req.status.length === 1 && req.status[0] === 'success';
			addEdge({ from: from.id, to: to.id, type: 'requires', ...(plain ? {} : { label: req.status.join(' or ') }) });
		}
	}

	// 3. Workspace: a persisting job to each later (transitively requiring) attaching job.
	const ancestors = ancestorsOf(entries);
	const persists = (e: WorkflowEntry) => hasKind(e.jobId ? jobs.get(e.jobId) : undefined, 'workspace-persist');
	for (const entry of entries) {
		if (!hasKind(entry.jobId ? jobs.get(entry.jobId) : undefined, 'workspace-attach')) continue;
		const to = nodeOfEntry.get(entry.id)!;
		const before = [...(ancestors.get(entry.id) ?? [])].sort((a, b) => entryIndex.get(a)! - entryIndex.get(b)!);
		for (const id of before) {
			const source = entries[entryIndex.get(id)!]!;
			if (!persists(source)) continue;
			const from = nodeOfEntry.get(id)!;
			if (direct.has(`${from.id}>${to.id}`)) continue;
			addEdge({ from: from.id, to: to.id, type: 'workspace' });
		}
	}

	// 4. Deploy targets deployed from this workflow, plus those promotions connect them to.
	const targets = new Map(pipeline.deployTargets.map((t) => [t.id, t]));
	const deployedBy = new Map<string, DiagramNode[]>();
	for (const node of nodes) {
		if (!node.jobId) continue;
		const job = jobs.get(node.jobId);
		for (const t of pipeline.deployTargets) {
			if (job?.deployTarget === t.id || t.jobs.includes(node.jobId)) {
				const list = deployedBy.get(t.id) ?? [];
				if (!list.includes(node)) list.push(node);
				deployedBy.set(t.id, list);
			}
		}
	}
	const shown = new Set(deployedBy.keys());
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of pipeline.promotions) {
			if (!targets.has(p.from) || !targets.has(p.to)) continue;
			if (shown.has(p.from) !== shown.has(p.to)) {
				shown.add(p.from);
				shown.add(p.to);
				grew = true;
			}
		}
	}
	const targetNode = new Map<string, DiagramNode>();
	let t = 0;
	for (const target of pipeline.deployTargets) {
		if (!shown.has(target.id)) continue;
		const node: DiagramNode = { id: `t${t++}`, label: target.name, kind: 'target', classes: ['target'], entries: [], targetId: target.id };
		const deployers = deployedBy.get(target.id) ?? [];
		if (options.highlight && deployers.length > 0 && deployers.every((d) => d.classes.includes('dimmed'))) node.classes.push('dimmed');
		targetNode.set(target.id, node);
		nodes.push(node);
		for (const from of deployers) addEdge({ from: from.id, to: node.id, type: 'deploys' });
	}
	for (const p of pipeline.promotions) {
		const from = targetNode.get(p.from);
		const to = targetNode.get(p.to);
		if (from && to) addEdge({ from: from.id, to: to.id, type: 'promote', label: 'promote' });
	}

	// 5. Job groups: a box around their jobs; one that runs one at a time says so.
	const groups: DiagramGroup[] = (workflow.jobGroups ?? []).flatMap((group, i) => {
		const members = nodes.filter((n) => n.group === group.id).map((n) => n.id);
		if (members.length === 0) return [];
		const label = group.concurrency ? `${group.id} · one at a time` : group.id;
		return [{ id: `g${i}`, label, nodes: members }];
	});

	// 6. Layout direction from the graph's shape.
	const direction = options.direction ?? chooseDirection(workflow, nodeOfEntry);
	const legend = inCiWords(legendFor(nodes, edges, groups), pipeline.provider);
	const text = toText(nodes, edges, groups, direction, options.legend === false ? [] : legend, options.wrap ?? 24);
	return { text, direction, nodes, edges, groups, legend };
}

/** The job always may fail, or an expression lets this matrix instance (entry.allowFailure). */
function allowedToFail(entry: WorkflowEntry, job: Job | undefined): boolean {
	return job?.allowFailure === true || entry.allowFailure === true;
}

function entryNode(id: string, entry: WorkflowEntry, job: Job | undefined): DiagramNode {
	const classes: NodeClass[] = [];
	let kind: NodeKind = 'job';
	if (entry.approval) kind = 'approval';
	else if (isDeployJob(job)) kind = 'deploy';
	else if (job?.origin) kind = 'orb';
	// A job started by hand has the gate's shape and colours, and its own name in the legend: it
	// does its own work, where a gate only waits for an approval.
	classes.push(kind === 'approval' && startedByHand(entry) ? 'manual' : kind);
	// A manual job that deploys (GitLab `when: manual`) keeps the gate's shape and the deploy class.
	if (kind === 'approval' && isDeployJob(job)) classes.push('deploy');
	if (kind !== 'orb' && job?.origin) classes.push('orb');
	if (allowedToFail(entry, job)) classes.push('allowFailure');
	return { id, label: entry.id, kind, classes, entries: [entry.id], ...(job ? { jobId: job.id } : {}), ...(entry.jobGroup !== undefined ? { group: entry.jobGroup } : {}) };
}

function hasKind(job: Job | undefined, kind: Step['kind']): boolean {
	return job !== undefined && someStep(job.steps, (s) => s.kind === kind);
}

/** Every entry each entry transitively requires (cycles tolerated). */
function ancestorsOf(entries: readonly WorkflowEntry[]): Map<string, Set<string>> {
	const byId = new Map(entries.map((e) => [e.id, e]));
	const memo = new Map<string, Set<string>>();
	const visit = (id: string, stack: Set<string>): Set<string> => {
		const done = memo.get(id);
		if (done) return done;
		const out = new Set<string>();
		stack.add(id);
		for (const r of byId.get(id)?.requires ?? []) {
			if (!byId.has(r.entry) || stack.has(r.entry)) continue;
			out.add(r.entry);
			for (const a of visit(r.entry, stack)) out.add(a);
		}
		stack.delete(id);
		memo.set(id, out);
		return out;
	};
	for (const e of entries) visit(e.id, new Set());
	return memo;
}

/**
 * LR for deep, narrow graphs (more stages than jobs side by side: a chain reads left to
 * right); TD for wide ones (many parallel jobs in few stages).
 */
function chooseDirection(workflow: Workflow, nodeOfEntry: Map<string, DiagramNode>): 'LR' | 'TD' {
	const stages = stageOf(workflow);
	const perStage = new Map<number, Set<string>>();
	for (const entry of runOrder(workflow)) {
		const stage = stages.get(entry.id) ?? 0;
		const set = perStage.get(stage) ?? new Set<string>();
		set.add(nodeOfEntry.get(entry.id)!.id);
		perStage.set(stage, set);
	}
	const depth = perStage.size;
	const width = Math.max(0, ...[...perStage.values()].map((s) => s.size));
	return depth > width ? 'LR' : 'TD';
}

function legendFor(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[], groups: readonly DiagramGroup[]): LegendItem[] {
	const has = new Set<string>(nodes.flatMap((n) => n.classes));
	for (const e of edges) has.add(e.type);
	if (groups.length > 0) has.add('group');
	const keys: LegendItem['key'][] = ['job', 'approval', 'manual', 'deploy', 'orb', 'allowFailure', 'target', 'workspace', 'promote', 'group', 'dimmed'];
	return keys.filter((k) => has.has(k)).map((key) => ({ key, ...LEGEND[key] }));
}

/** GitLab and Bitbucket run pipelines, not workflows: their legend says so. */
function inCiWords(legend: LegendItem[], provider: Pipeline['provider']): LegendItem[] {
	if (workflowWord(provider) === 'workflow') return legend;
	return legend.map((item) => ({ ...item, description: item.description.replace(/\bthe workflow\b|\bthis workflow\b/g, (words) => words.replace('workflow', 'pipeline')) }));
}

// ---------------------------------------------------------------------------------------------
// Text

const ENTITY: Record<string, string> = {
	'"': '#quot;',
	'<': '#lt;',
	'>': '#gt;',
	'&': '#amp;',
	'#': '#35;',
	'[': '#91;',
	']': '#93;',
	'{': '#123;',
	'}': '#125;',
	'(': '#40;',
	')': '#41;',
	'|': '#124;',
	'`': '#96;',
	';': '#59;',
	'\\': '#92;',
};

/** One line of label text as Mermaid entity codes; control characters become spaces. */
export function escapeMermaid(text: string): string {
	// A `javascript:` in a name stays readable but never forms a script URL in any output.
	// eslint-disable-next-line no-control-regex
	return text
		.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/["<>&#[\]{}()|`;\\]/g, (c) => ENTITY[c]!)
		.replace(/(script\s*):/gi, '$1#58;');
}

/** Wraps at separators (space, `-`, `_`, `/`, `:`, `.`) so no line is much longer than `width`. */
export function wrapLabel(text: string, width: number): string[] {
	const lines: string[] = [];
	for (const raw of text.split('\n')) {
		let rest = raw;
		while (rest.length > width) {
			let cut = -1;
			for (let i = Math.min(width, rest.length - 1); i >= Math.floor(width / 2); i--) {
				if (/[\s\-_/:.]/.test(rest[i]!)) {
					cut = rest[i] === ' ' ? i : i + 1;
					break;
				}
			}
			if (cut <= 0) cut = width;
			lines.push(rest.slice(0, cut).trimEnd());
			rest = rest.slice(cut).trimStart();
		}
		lines.push(rest);
	}
	return lines.filter((l, i) => l.length > 0 || i === 0);
}

function labelText(label: string, wrap: number): string {
	return wrapLabel(label, wrap).map(escapeMermaid).join('<br/>');
}

function shape(kind: NodeKind, label: string): string {
	switch (kind) {
		case 'approval':
			return `{{"${label}"}}`;
		case 'deploy':
			return `(["${label}"])`;
		case 'orb':
			return `[["${label}"]]`;
		case 'target':
			return `[("${label}")]`;
		default:
			return `("${label}")`;
	}
}

function arrow(edge: DiagramEdge): string {
	const label = edge.label ? `|"${escapeMermaid(edge.label)}"|` : '';
	switch (edge.type) {
		case 'workspace':
			return `-.->${label}`;
		case 'deploys':
			return `==>${label}`;
		default:
			return `-->${label}`;
	}
}

const LEGEND_OPEN = '  subgraph legend["Legend"]';
const LEGEND_ID = /^l\d+$/;

/**
 * A diagram's text (as `toText` writes it) as two: the workflow without its legend, the very
 * text of the same diagram drawn with `legend: false`, and the legend alone. Laid out apart, the
 * workflow's layout is the one its page already made (elkjs lays out each text once), and the
 * legend's is one of a few shared by every diagram with the same kinds: laid out together,
 * every workflow was laid out twice, a seventh of drawing a build's images. Undefined for a
 * text without a legend.
 */
export function legendApart(text: string): { body: string; legend: string } | undefined {
	const lines = text.split('\n');
	const open = lines.indexOf(LEGEND_OPEN);
	const close = lines.indexOf('  end', open);
	if (open < 0 || close < 0) return undefined;
	const body: string[] = [];
	const classDefs: string[] = [];
	// `class` lines name nodes of both: each side keeps its own ids.
	const classes = { body: [] as string[], legend: [] as string[] };
	for (const [i, line] of lines.entries()) {
		if (i === 0 || (i >= open && i <= close)) continue;
		const assigned = /^ {2}class (\S+) (\w+)$/.exec(line);
		if (assigned) {
			const ids = assigned[1]!.split(',');
			for (const [side, mine] of [['body', ids.filter((id) => !LEGEND_ID.test(id))], ['legend', ids.filter((id) => LEGEND_ID.test(id))]] as const) {
				if (mine.length > 0) classes[side].push(`  class ${mine.join(',')} ${assigned[2]}`);
			}
		} else if (line.startsWith('  classDef ')) classDefs.push(line);
		else if (line !== '') body.push(line);
	}
	// The definitions of the classes a side assigns, in the order the text gives them.
	const withDefs = (assigns: readonly string[]) => {
		const used = new Set(assigns.map((line) => line.slice(line.lastIndexOf(' ') + 1)));
		return [...classDefs.filter((line) => used.has(line.split(' ')[3]!)), ...assigns];
	};
	return {
		body: `${[lines[0]!, ...body, ...withDefs(classes.body)].join('\n')}\n`,
		legend: `${[lines[0]!, ...lines.slice(open, close + 1), ...withDefs(classes.legend)].join('\n')}\n`,
	};
}

function toText(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[], groups: readonly DiagramGroup[], direction: string, legend: readonly LegendItem[], wrap: number): string {
	const out: string[] = [`flowchart ${direction}`];
	const declare = (node: DiagramNode, indent: string) => `${indent}${node.id}${shape(node.kind, labelText(node.label, wrap))}`;
	// A group's nodes are declared inside its subgraph, where it comes in the node order:
	// beautiful-mermaid lays out a subgraph that only names nodes declared before it as an empty box.
	const groupOf = new Map(groups.flatMap((g) => g.nodes.map((id) => [id, g] as const)));
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const drawn = new Set<DiagramGroup>();
	for (const node of nodes) {
		const group = groupOf.get(node.id);
		if (!group) out.push(declare(node, '  '));
		else if (!drawn.has(group)) {
			drawn.add(group);
			out.push(`  subgraph ${group.id}["${labelText(group.label, wrap * 2)}"]`, ...group.nodes.map((id) => declare(byId.get(id)!, '    ')), '  end');
		}
	}
	for (const edge of edges) out.push(`  ${edge.from} ${arrow(edge)} ${edge.to}`);

	const byClass = new Map<NodeClass, string[]>();
	const assign = (id: string, c: NodeClass) => byClass.set(c, [...(byClass.get(c) ?? []), id]);
	for (const node of nodes) for (const c of node.classes) assign(node.id, c);

	if (legend.length > 0) {
		out.push('  subgraph legend["Legend"]', '    direction LR');
		let i = 0;
		// A group's box carries its own name: the picture's legend leaves it out (the page's has it).
		for (const item of legend.filter((item): item is LegendItem & { key: Exclude<LegendItem['key'], 'group'> } => item.key !== 'group')) {
			const id = `l${i++}`;
			const kind: NodeKind = item.key === 'manual' ? 'approval' : item.key === 'approval' || item.key === 'deploy' || item.key === 'orb' || item.key === 'target' ? item.key : 'job';
			if (item.key === 'workspace' || item.key === 'promote') {
				const to = `l${i++}`;
				if (item.key === 'workspace') {
					out.push(`    ${id}("persists") -.->|"workspace"| ${to}("attaches")`);
					for (const n of [id, to]) assign(n, 'job');
				} else {
					out.push(`    ${id}[("target")] -->|"promote"| ${to}[("next target")]`);
					for (const n of [id, to]) assign(n, 'target');
				}
				assign(id, 'legend');
				assign(to, 'legend');
				continue;
			}
			out.push(`    ${id}${shape(kind, escapeMermaid(item.label))}`);
			assign(id, item.key);
			assign(id, 'legend');
		}
		out.push('  end');
	}

	for (const c of Object.keys(CLASS_DEFS) as NodeClass[]) {
		if (byClass.has(c)) out.push(`  classDef ${c} ${CLASS_DEFS[c]}`);
	}
	for (const [c, ids] of byClass) out.push(`  class ${ids.join(',')} ${c}`);
	return `${out.join('\n')}\n`;
}
