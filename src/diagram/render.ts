/**
 * Mermaid text -> static SVG (beautiful-mermaid, synchronous, no browser) themed with
 * Starlight's CSS variables, and SVG -> PNG (resvg, bundled DejaVu Sans only).
 *
 * The SVG never references anything outside itself: beautiful-mermaid's Google Fonts `@import`
 * is removed, and every `var(--sl-…)` carries a light-theme fallback so a downloaded file looks
 * right on its own. Labels arrive as Mermaid entity codes (see `escapeMermaid`) and leave as XML
 * character references; `assertSafeSvg` refuses anything with script, event handlers or
 * `javascript:` before it can reach a page.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { renderMermaidSVG } from 'beautiful-mermaid';
import { cachedPngFile, cachedText } from '../cache/files';
import { pngScale } from '../config/png-scale';
import { encodeIndexedPng, encodeRgbaPngQuickly } from '../images/indexed-png';
import type { Job, Pipeline, Workflow } from '../model';
import { buildWorkflowDiagram, legendApart, type DiagramOptions, type WorkflowDiagram } from './mermaid';
import { workflowLabel } from '../describe/workflow';

/** Starlight's light-theme colours: the fallbacks used outside the site and for images. */
export const LIGHT: Record<string, string> = {
	'sl-color-white': 'hsl(224, 10%, 10%)',
	'sl-color-gray-1': 'hsl(224, 14%, 16%)',
	'sl-color-gray-2': 'hsl(224, 10%, 23%)',
	'sl-color-gray-3': 'hsl(224, 7%, 36%)',
	'sl-color-gray-4': 'hsl(224, 6%, 56%)',
	'sl-color-gray-5': 'hsl(224, 6%, 77%)',
	'sl-color-gray-6': 'hsl(224, 20%, 94%)',
	'sl-color-black': 'hsl(0, 0%, 100%)',
	'sl-color-bg': 'hsl(0, 0%, 100%)',
	'sl-color-accent': 'hsl(234, 90%, 60%)',
	'sl-color-accent-low': 'hsl(234, 88%, 90%)',
	'sl-color-accent-high': 'hsl(234, 80%, 30%)',
	'sl-color-orange': 'hsl(41, 90%, 60%)',
	'sl-color-orange-low': 'hsl(41, 90%, 88%)',
	'sl-color-green': 'hsl(101, 90%, 46%)',
	'sl-color-green-low': 'hsl(101, 85%, 90%)',
	'sl-color-blue': 'hsl(234, 90%, 60%)',
	'sl-color-blue-low': 'hsl(234, 88%, 90%)',
	'sl-color-purple': 'hsl(281, 90%, 60%)',
	'sl-color-purple-low': 'hsl(281, 80%, 90%)',
};

const sl = (name: string) => `var(--${name}, ${LIGHT[name]})`;

/** Node colours per class; every value follows the page's theme. */
const KIND_STYLE: Record<string, { fill: string; stroke: string }> = {
	// Later rules win: a node's own kind comes after the extra classes it may carry (orb).
	job: { fill: sl('sl-color-gray-6'), stroke: sl('sl-color-gray-4') },
	orb: { fill: sl('sl-color-blue-low'), stroke: sl('sl-color-blue') },
	deploy: { fill: sl('sl-color-green-low'), stroke: sl('sl-color-green') },
	approval: { fill: sl('sl-color-orange-low'), stroke: sl('sl-color-orange') },
	manual: { fill: sl('sl-color-orange-low'), stroke: sl('sl-color-orange') },
	target: { fill: sl('sl-color-purple-low'), stroke: sl('sl-color-purple') },
};

const SHAPES = ['rect', 'polygon', 'ellipse', 'circle', 'path'];

function stylesheet(scope: string): string {
	const s = `.${scope}`;
	const shapes = (sel: string) => SHAPES.map((t) => `${s} ${sel} ${t}`).join(', ');
	const rules = [
		`${s} text { font-family: ${'var(--sl-font, system-ui, sans-serif)'}; }`,
		...Object.entries(KIND_STYLE).flatMap(([k, v]) => [
			`${shapes(`.dg-${k}`)} { fill: ${v.fill}; }`,
			`${shapes(`.dg-${k}`)}, ${s} .dg-${k} line { stroke: ${v.stroke}; stroke-width: 1.25; }`,
		]),
		`${shapes('.dg-allowFailure')} { stroke-dasharray: 5 3; }`,
		`${s} .dg-node [stroke="none"] { stroke: none; }`,
		`${s} .dg-node text { fill: ${sl('sl-color-white')}; }`,
		`${s} .dg-dimmed { opacity: 0.35; }`,
		`${s} .dg-link:hover rect, ${s} .dg-link:hover polygon, ${s} .dg-link:hover ellipse { stroke-width: 2.5; }`,
		`${s} .dg-link:focus-visible { outline: 2px solid ${sl('sl-color-accent')}; outline-offset: 2px; }`,
	];
	return rules.join('\n  ');
}

export interface NodeLink {
	href: string;
	/** Tooltip and accessible name of the link. */
	title: string;
}

export interface RenderOptions {
	/** Links by Mermaid node id (`n0`): the node is wrapped in `<a href>`. */
	links?: ReadonlyMap<string, NodeLink>;
	/** Accessible title of the whole diagram (`<title>`). */
	title?: string;
	/** Longer description (`<desc>`). */
	description?: string;
	/**
	 * The page carries `sharedDiagramStyle()` once for its diagrams (a pipeline page has up to
	 * one per workflow and case): the diagram's own `<style>` is left out when it is that one.
	 */
	sharedStyle?: boolean;
	/**
	 * The text is a workflow's diagram as `buildWorkflowDiagram` writes it: its legend, if it has
	 * one, is laid out apart (see `legendApart`). Not for Mermaid written by hand (doc diagrams),
	 * whose subgraphs may be named anything.
	 */
	workflow?: boolean;
}

const layoutCache = new Map<string, string>();
const CACHE_LIMIT = 256;

/**
 * beautiful-mermaid's SVG for the text, memoised: the page, `.svg` and `.png` share one layout.
 * A workflow's legend is laid out apart and drawn below it (`workflow`: see RenderOptions).
 */
function layout(text: string, workflow = false): string {
	const key = workflow ? text : `\0${text}`;
	const hit = layoutCache.get(key);
	if (hit !== undefined) return hit;
	const apart = workflow ? legendApart(text) : undefined;
	// Through `layout`, so the workflow's part is the memoised layout its page draws (the legend
	// alone is laid out whole: it is all legend).
	const svg = apart ? withLegendBelow(layout(apart.body, true), layout(apart.legend)) : laidOut(text);
	if (layoutCache.size >= CACHE_LIMIT) layoutCache.delete(layoutCache.keys().next().value!);
	layoutCache.set(key, svg);
	return svg;
}

function laidOut(text: string): string {
	// Kept between builds too: the layout (elkjs) is most of a diagram's time.
	return cachedText('beautiful-mermaid-layout', text, () =>
		renderMermaidSVG(text, {
			bg: sl('sl-color-bg'),
			fg: sl('sl-color-white'),
			line: sl('sl-color-gray-4'),
			accent: sl('sl-color-gray-2'),
			muted: sl('sl-color-gray-3'),
			surface: sl('sl-color-gray-6'),
			border: sl('sl-color-gray-5'),
			transparent: true,
		}),
	);
}

/** Space between the workflow and its legend below, beyond beautiful-mermaid's margins. */
const LEGEND_GAP = 24;
/** beautiful-mermaid's padding around what it lays out. */
const MARGIN = 40;
const VIEW_BOX = /viewBox="0 0 ([\d.]+) ([\d.]+)" width="[\d.]+" height="[\d.]+"/;

/**
 * One picture of a workflow's layout and its legend's (both beautiful-mermaid's, with the same
 * style and arrowheads): the legend below, at the left. Each keeps its margin of `MARGIN`
 * outside; between them the margin and `LEGEND_GAP`.
 */
function withLegendBelow(body: string, legend: string): string {
	const outer = VIEW_BOX.exec(body);
	const inner = VIEW_BOX.exec(legend);
	const defsEnd = legend.indexOf('</defs>');
	const end = legend.lastIndexOf('</svg>');
	if (!outer || !inner || defsEnd < 0 || end < 0) throw new Error('unexpected layout: no viewBox or defs to put the legend below');
	const [width, height] = [Number(outer[1]), Number(outer[2])];
	const dy = round(height - 2 * MARGIN + LEGEND_GAP);
	const size = (w: number, h: number) => `viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"`;
	const below = `<g transform="translate(0 ${dy})">${legend.slice(defsEnd + '</defs>'.length, end)}</g>\n`;
	const at = body.lastIndexOf('</svg>');
	return body.slice(0, at).replace(VIEW_BOX, size(round(Math.max(width, Number(inner[1]))), round(dy + Number(inner[2])))) + below + body.slice(at);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Mermaid text -> themed, self-contained, link-wrapped SVG. Deterministic. */
export function renderSvg(text: string, options: RenderOptions = {}): string {
	const scope = `dg-${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
	// 1. No external requests; beautiful-mermaid's global selectors scoped to this diagram.
	let svg = scopedStyle(layout(text, options.workflow), scope);

	// 2. Ids unique per diagram, so several inline SVGs on one page do not share markers.
	const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
	for (const id of new Set(ids)) {
		svg = svg.replaceAll(`id="${id}"`, `id="${scope}-${id}"`).replaceAll(`url(#${id})`, `url(#${scope}-${id})`);
	}

	// 3. Labels only as element text (no attribute may carry a config's words), Mermaid entity
	// codes in it -> XML character references.
	svg = svg.replace(/\sdata-label="[^"]*"/g, '');
	// Mermaid entity codes in text and data-label -> XML character references.
	svg = svg.replace(/(>)([^<]*)(<)/g, (_, a: string, body: string, b: string) => a + decodeEntityCodes(body) + b);

	// 4. Classes from the Mermaid text onto the nodes, dimmed edges, links around nodes.
	const classes = classesOf(text);
	svg = svg.replace(/<g class="node" data-id="([^"]+)"/g, (_, id: string) => {
		const extra = (classes.get(id) ?? []).map((c) => ` dg-${c}`).join('');
		return `<g class="node dg-node${extra}" data-id="${id}"`;
	});
	svg = svg.replace(/<(polyline|g) class="(edge|edge-label)" data-from="([^"]+)" data-to="([^"]+)"/g, (all, tag: string, cls: string, from: string, to: string) => {
		const dim = classes.get(from)?.includes('dimmed') || classes.get(to)?.includes('dimmed');
		return dim ? `<${tag} class="${cls} dg-dimmed" data-from="${from}" data-to="${to}"` : all;
	});
	if (options.links && options.links.size > 0) svg = wrapLinks(svg, options.links);

	// 5. Root: class for scoping, accessibility.
	const titleId = `${scope}-title`;
	const head = [
		options.title ? `<title id="${titleId}">${escapeXml(options.title)}</title>` : '',
		options.description ? `<desc>${escapeXml(options.description)}</desc>` : '',
	].join('');
	svg = svg.replace(
		/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /,
		// With links inside it is a group a reader can enter; an image would hide the links (nested-interactive).
		`<svg xmlns="http://www.w3.org/2000/svg" class="atlas-diagram ${scope}" role="${options.links && options.links.size > 0 ? 'group' : 'img'}"${options.title ? ` aria-labelledby="${titleId}"` : ''} `,
	);
	svg = svg.replace(/(<svg[^>]*>)/, `$1${head}`);
	if (options.sharedStyle) svg = withoutSharedStyle(svg, scope);
	assertSafeSvg(svg);
	return svg;
}

/** beautiful-mermaid's stylesheet without its font `@import`, its global selectors under `.${scope}`, ours in place of its text rule. */
function scopedStyle(svg: string, scope: string): string {
	return svg
		.replace(/^\s*@import[^\n]*\n/gm, '')
		.replace(/^(\s*)text \{[^}]*\}/m, `$1${stylesheet(scope)}`)
		.replace(/^(\s*)svg \{/m, `$1.${scope} {`);
}

/** The class every inline diagram's root has: the shared stylesheet's scope. */
const SHARED_SCOPE = 'atlas-diagram';
const STYLE = /<style>([\s\S]*?)<\/style>/;
let shared: string | undefined;

/**
 * The stylesheet every diagram carries, for all the diagrams of a page at once (in its head).
 * It depends on beautiful-mermaid's version, not on the diagram: a one-node flowchart's is
 * everyone's; a diagram whose stylesheet differs keeps its own (see withoutSharedStyle).
 */
export function sharedDiagramStyle(): string {
	shared ??= STYLE.exec(scopedStyle(layout('flowchart LR\n  n0["job"]'), SHARED_SCOPE))?.[1] ?? '';
	return shared;
}

function withoutSharedStyle(svg: string, scope: string): string {
	const style = STYLE.exec(svg);
	if (!style || style[1]!.replaceAll(`.${scope} `, `.${SHARED_SCOPE} `) !== sharedDiagramStyle()) return svg;
	return svg.slice(0, style.index) + svg.slice(style.index + style[0].length);
}

/** Mermaid `#name;` / `#123;` codes as XML references; anything else stays as it is. */
function decodeEntityCodes(text: string): string {
	return text.replace(/#(quot|lt|gt|amp|apos|\d{1,7});/g, (_, code: string) => {
		if (!/^\d/.test(code)) return `&${code};`;
		const n = Number(code);
		// Plain punctuation as itself; markup characters, `:` (script URLs) and `(`/`@` (which the
		// safety check reads as CSS `url(` / `@import` in a label like `curl(health)`) stay references.
		const keep = n > 0x10ffff || n < 0x20 || '<>&"\':(@'.includes(String.fromCodePoint(n));
		return keep ? `&#${code};` : String.fromCodePoint(n);
	});
}

/** `class a,b name` statements of the text: node id -> classes, in order. */
function classesOf(text: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const m of text.matchAll(/^\s*class ([\w,]+) (\w+)\s*$/gm)) {
		for (const id of m[1]!.split(',')) out.set(id, [...(out.get(id) ?? []), m[2]!]);
	}
	return out;
}

function wrapLinks(svg: string, links: ReadonlyMap<string, NodeLink>): string {
	let out = '';
	let at = 0;
	const open = /<g class="node[^"]*" data-id="([^"]+)"/g;
	for (let m = open.exec(svg); m; m = open.exec(svg)) {
		const link = links.get(m[1]!);
		if (!link) continue;
		const end = svg.indexOf('</g>', m.index);
		if (end < 0 || svg.slice(m.index + 2, end).includes('<g')) continue;
		const close = end + '</g>'.length;
		out += svg.slice(at, m.index);
		out += `<a class="dg-link" href="${escapeXml(link.href)}"><title>${escapeXml(link.title)}</title>`;
		out += svg.slice(m.index, close);
		out += '</a>';
		at = close;
		open.lastIndex = close;
	}
	return out + svg.slice(at);
}

export function escapeXml(text: string): string {
	return text
		.replace(/[&<>"'(@]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '(': '&#40;', '@': '&#64;' })[c]!)
		.replace(/(script\s*):/gi, '$1&#58;');
}

/**
 * Where an SVG can load something: `<style>` blocks and attribute values. Text content cannot,
 * so a job named `curl(health)` is not an external reference.
 */
function cssOf(svg: string): string {
	const styles = [...svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
	const attributes = [...svg.matchAll(/\s[\w:-]+\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
	return [...styles, ...attributes].join('\n');
}

/** Throws when the SVG holds script, event handlers, foreign content or script URLs. */
export function assertSafeSvg(svg: string): void {
	const problem =
		/<\s*(script|foreignObject|iframe|object|embed)\b/i.test(svg) ? 'a script or foreign element'
		: /<[a-zA-Z][^>]*\son[a-z]+\s*=/i.test(svg) ? 'an event-handler attribute'
		: /(java|vb)script\s*:/i.test(svg) ? 'a script URL'
		: /<[^>]*\s(href|xlink:href)\s*=\s*"(?![/#]|https?:\/\/www\.w3\.org)/i.test(svg) ? 'a link that is not site-relative'
		: /@import|url\(\s*['"]?(?!#)/i.test(cssOf(svg)) ? 'an external reference'
		: undefined;
	if (problem) throw new Error(`Refusing to emit a diagram SVG with ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// Workflow convenience

export interface WorkflowSvgOptions extends DiagramOptions, Pick<RenderOptions, 'sharedStyle'> {
	/** The job page a node links to (pass `(job) => jobUrl(pipeline, job)`); no links when absent. */
	jobHref?: (job: Job) => string;
}

export interface RenderedWorkflow {
	diagram: WorkflowDiagram;
	svg: string;
}

/** Builds the diagram of a workflow and renders it with links to the job pages. */
export function renderWorkflow(pipeline: Pipeline, workflow: Workflow, options: WorkflowSvgOptions = {}): RenderedWorkflow {
	const { jobHref, sharedStyle, ...diagramOptions } = options;
	const diagram = buildWorkflowDiagram(pipeline, workflow, diagramOptions);
	const jobs = new Map(pipeline.jobs.map((j) => [j.id, j]));
	const links = new Map<string, NodeLink>();
	if (jobHref) {
		for (const node of diagram.nodes) {
			const job = node.jobId ? jobs.get(node.jobId) : undefined;
			if (!job) continue;
			const runs = node.entries.length > 1 ? `${node.entries.length} matrix jobs running ${job.name}` : node.label === job.id || node.label === job.name ? `job ${job.name}` : `${node.label}, running job ${job.name}`;
			links.set(node.id, { href: jobHref(job), title: `${runs} (${node.kind === 'job' ? 'open the job page' : `${node.kind}; open the job page`})` });
		}
	}
	const jobCount = diagram.nodes.filter((n) => n.kind !== 'target').length;
	try {
		const svg = renderSvg(diagram.text, {
			links,
			title: `${workflowLabel(pipeline.provider, workflow.name).text}: ${jobCount} ${jobCount === 1 ? 'job' : 'jobs'}`,
			description: describeDiagram(diagram),
			workflow: true,
			...(sharedStyle ? { sharedStyle } : {}),
		});
		return { diagram, svg };
	} catch (error) {
		// One diagram that cannot be drawn (or fails the safety check) must not stop the site.
		return { diagram, svg: unavailableSvg(error instanceof Error ? error.message : String(error)) };
	}
}

/** Whether some matrix of the workflow runs more than one instance: its page then shows a diagram with a node for each. */
export function hasMatrixInstances(workflow: Workflow): boolean {
	const matrixEntries = workflow.entries.filter((e) => e.matrixGroup);
	return new Set(matrixEntries.map((e) => e.matrixGroup)).size < matrixEntries.length;
}

/** What a pipeline page draws a workflow with (see WorkflowSection): no legend in the picture, the page has its own. */
export const PAGE_DIAGRAM = { legend: false } as const satisfies DiagramOptions;

/**
 * Lays out the diagrams a pipeline page shows of the workflow, into the cache the page reads
 * them from. The image worker does it ahead of Astro: laid out by the pages themselves, they
 * were 7 s of Astro's single thread in a cold build at size M (a download's layout is the same
 * one and its legend's: see `legendApart`). A diagram that cannot be laid out is left for its
 * page to explain.
 */
export function layOutPageDiagrams(pipeline: Pipeline, workflow: Workflow): void {
	for (const options of [PAGE_DIAGRAM, ...(hasMatrixInstances(workflow) ? [{ ...PAGE_DIAGRAM, detail: true }] : [])]) {
		try {
			layout(buildWorkflowDiagram(pipeline, workflow, options).text, true);
		} catch {
			// renderWorkflow shows why, on the page
		}
	}
}

/** Stands in for a diagram that could not be drawn, saying why; the page's job list still shows the workflow. */
export function unavailableSvg(reason: string): string {
	const text = escapeXml(`This diagram could not be drawn: ${reason.slice(0, 200)}`);
	return `<svg xmlns="http://www.w3.org/2000/svg" class="atlas-diagram" role="img" aria-label="${text}" viewBox="0 0 640 40" width="640" height="40"><text x="8" y="24" font-family="sans-serif" font-size="13" fill="currentColor">${text}</text></svg>`;
}

/** A sentence per edge kind, for screen readers and the `<desc>` of the SVG. */
export function describeDiagram(diagram: WorkflowDiagram): string {
	const name = new Map(diagram.nodes.map((n) => [n.id, n.label.replace(/\n/g, ' ')]));
	const parts = diagram.edges.map((e) => {
		const from = name.get(e.from);
		const to = name.get(e.to);
		switch (e.type) {
			case 'workspace':
				return `${to} attaches the workspace ${from} persisted`;
			case 'deploys':
				return `${from} deploys to ${to}`;
			case 'promote':
				return `${from} is promoted to ${to}`;
			default:
				return `${to} runs after ${from}${e.label ? ` (${e.label})` : ''}`;
		}
	});
	const starts = diagram.nodes.filter((n) => n.kind !== 'target' && !diagram.edges.some((e) => e.to === n.id && e.type === 'requires'));
	const groups = diagram.groups.map((g) => `${g.nodes.map((id) => name.get(id)).join(', ')} run as one unit, job group ${g.label}`);
	return [`Starts with ${starts.map((n) => name.get(n.id)).join(', ') || 'nothing'}.`, ...parts.map((p) => `${p}.`), ...groups.map((g) => `${g}.`)].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Images

/**
 * The SVG with every CSS variable and `color-mix()` resolved to a concrete light-theme colour
 * and the font set to DejaVu Sans, so renderers without CSS variables (resvg) draw it.
 */
export function svgForImage(svg: string): string {
	// Custom property declarations (root style attribute, stylesheet); values may nest parentheses.
	const defs = new Map<string, string>();
	for (const m of svg.matchAll(/(--[\w-]+)\s*:/g)) {
		const value = readValue(svg, m.index + m[0].length);
		if (value && !defs.has(m[1]!)) defs.set(m[1]!, value);
	}
	let out = resolveValue(svg, defs, 0);
	out = out.replace(/font-family:[^;}]*/g, "font-family: 'DejaVu Sans'");
	out = out.replace(/<svg /, '<svg font-family="DejaVu Sans" ');
	return out;
}

function readValue(text: string, start: number): string {
	let depth = 0;
	let i = start;
	for (; i < text.length; i++) {
		const c = text[i];
		if (c === '(') depth++;
		else if (c === ')') {
			if (depth === 0) break;
			depth--;
		} else if (depth === 0 && (c === ';' || c === '"' || c === '}' || c === '\n')) break;
	}
	return text.slice(start, i).trim();
}

/** Index just after the parenthesis matching the one at `open`. */
function closing(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return i + 1;
	}
	return text.length;
}

function splitTop(args: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (const c of args) {
		if (c === '(') depth++;
		if (c === ')') depth--;
		if (c === ',' && depth === 0) {
			out.push(cur.trim());
			cur = '';
		} else cur += c;
	}
	out.push(cur.trim());
	return out;
}

function resolveValue(text: string, defs: ReadonlyMap<string, string>, depth: number): string {
	if (depth > 20) return text;
	let out = '';
	let i = 0;
	for (;;) {
		const v = text.indexOf('var(', i);
		const c = text.indexOf('color-mix(', i);
		const next = v < 0 ? c : c < 0 ? v : Math.min(v, c);
		if (next < 0) return out + text.slice(i);
		out += text.slice(i, next);
		const isVar = next === v;
		const open = next + (isVar ? 3 : 9);
		const end = closing(text, open);
		const inner = text.slice(open + 1, end - 1);
		if (isVar) {
			const [name, ...rest] = splitTop(inner);
			const fallback = rest.join(', ');
			const value = defs.get(name!) ?? (rest.length ? fallback : LIGHT[name!.replace(/^--/, '')] ?? '');
			out += resolveValue(value, defs, depth + 1);
		} else {
			out += mix(resolveValue(inner, defs, depth + 1));
		}
		i = end;
	}
}

/** `in srgb, A p%, B [q%]` -> hex. */
function mix(args: string): string {
	const [, a, b] = splitTop(args);
	const pa = /\s(\d+(?:\.\d+)?)%\s*$/.exec(a ?? '');
	const pb = /\s(\d+(?:\.\d+)?)%\s*$/.exec(b ?? '');
	const ca = parseColor((a ?? '').replace(/\s\d+(?:\.\d+)?%\s*$/, ''));
	const cb = parseColor((b ?? '').replace(/\s\d+(?:\.\d+)?%\s*$/, ''));
	if (!ca || !cb) return '#888888';
	const wa = pa ? Number(pa[1]) / 100 : pb ? 1 - Number(pb[1]) / 100 : 0.5;
	return toHex(ca.map((x, k) => x * wa + cb[k]! * (1 - wa)) as [number, number, number]);
}

function parseColor(text: string): [number, number, number] | undefined {
	const t = text.trim().toLowerCase();
	if (t === 'white') return [255, 255, 255];
	if (t === 'black') return [0, 0, 0];
	if (t === 'transparent') return [255, 255, 255];
	let m = /^#([0-9a-f]{3})$/.exec(t);
	if (m) return [...m[1]!].map((h) => parseInt(h + h, 16)) as [number, number, number];
	m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(t);
	if (m) return [0, 2, 4].map((k) => parseInt(m![1]!.slice(k, k + 2), 16)) as [number, number, number];
	m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(t);
	if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
	m = /^hsla?\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%/.exec(t);
	if (m) return hslToRgb(Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100);
	return undefined;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
	const k = (n: number) => (n + h / 30) % 12;
	const a = s * Math.min(l, 1 - l);
	const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
	return [f(0) * 255, f(8) * 255, f(4) * 255];
}

function toHex(rgb: readonly number[]): string {
	return `#${rgb.map((x) => Math.max(0, Math.min(255, Math.round(x))).toString(16).padStart(2, '0')).join('')}`;
}

/** Concrete colour strings (`hsl(…)`) also become hex, which every renderer reads. */
function normaliseColours(svg: string): string {
	return svg.replace(/hsla?\([^)]*\)/g, (c) => {
		const rgb = parseColor(c);
		return rgb ? toHex(rgb) : c;
	});
}

let fontFile: string | undefined;

/** DejaVuSans.ttf from the `dejavu-fonts-ttf` package. */
export function dejaVuSans(): string {
	if (fontFile) return fontFile;
	const bases = [import.meta.url, join(process.cwd(), 'package.json')];
	for (const base of bases) {
		try {
			const pkg = createRequire(base).resolve('dejavu-fonts-ttf/package.json');
			const file = join(dirname(pkg), 'ttf', 'DejaVuSans.ttf');
			if (existsSync(file)) return (fontFile = file);
		} catch {
			// try the next base
		}
	}
	throw new Error('DejaVuSans.ttf not found: is dejavu-fonts-ttf installed?');
}

/** An SVG (a `renderSvg` result or `svgForImage` of one) drawn by resvg at `scale` (the build's PNG scale), with DejaVu Sans only. */
export function drawSvg(svg: string, scale: number = pngScale()) {
	const image = svg.includes('var(') || svg.includes('color-mix(') ? svgForImage(svg) : svg;
	return new Resvg(normaliseColours(image), {
		font: { loadSystemFonts: false, fontFiles: [dejaVuSans()], defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
		fitTo: { mode: 'zoom', value: scale },
		background: '#ffffff',
		logLevel: 'off',
	}).render();
}

/**
 * `drawSvg` as a PNG, written as a palette image when its pixels allow (the same pixels: see
 * `encodeIndexedPng`). At 2x, 145 of M's 255 diagrams did, encoded in a fifth of the time resvg's RGBA
 * encoder took and in half its bytes; the others have 310–705 colours (anti-aliased fills) and
 * are written by `encodeRgbaPngQuickly`, the same pixels again, in 40% of resvg's time.
 */
export function renderPng(svg: string, scale: number = pngScale()): Uint8Array<ArrayBuffer> {
	const { pixels, width, height } = drawSvg(svg, scale);
	return new Uint8Array(encodeIndexedPng(pixels, width, height) ?? encodeRgbaPngQuickly(pixels, width, height));
}

/**
 * A workflow's diagram as the PNG download: from the build cache when an earlier build, or the
 * CLI drawing beside Astro (`src/cli/images.ts`), drew the same picture.
 */
export function workflowPng(pipeline: Pipeline, workflow: Workflow): Uint8Array {
	return workflowPngFile(pipeline, workflow).bytes;
}

/** `workflowPng`, with the build cache's file holding those bytes when there is one (to link it into the site). */
export function workflowPngFile(pipeline: Pipeline, workflow: Workflow): { bytes: Uint8Array; file?: string } {
	const image = svgForImage(renderWorkflow(pipeline, workflow).svg);
	const scale = pngScale();
	return cachedPngFile(`diagram@${scale}x`, image, () => renderPng(image, scale));
}

/** Forget memoised layouts (tests; long-running dev servers may call it on data change). */
export function clearDiagramCache(): void {
	layoutCache.clear();
}
