import { decode } from '@cf-wasm/png/node';
import { describe, expect, it } from 'vitest';
import { workflowToMermaid } from '../../src/diagram/mermaid';
import { assertSafeSvg, clearDiagramCache, drawSvg, renderPng, renderSvg, renderWorkflow, sharedDiagramStyle, svgForImage } from '../../src/diagram/render';
import { example, examplePipelines, makePipeline } from './support';
import { pngScale } from '../../src/config/png-scale';

const jobHref = (pipelineId: string) => (job: { slug: string }) => `/pipelines/${pipelineId}/jobs/${job.slug}/`;
/** Every start tag of the document (text content never holds `<`: it is escaped). */
const tags = (svg: string) => svg.match(/<[a-zA-Z][^>]*>/g) ?? [];
/** RGBA -> RGB, as a palette PNG decodes. */
function withoutAlpha(rgba: Uint8Array): Uint8Array {
	const rgb = new Uint8Array((rgba.length / 4) * 3);
	for (let p = 0, o = 0; p < rgba.length; p += 4, o += 3) rgb.set(rgba.subarray(p, p + 3), o);
	return rgb;
}

const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'<script>alert(1)</script>',
	'javascript:alert(1)',
	'" onmouseover="alert(1)',
	'a"] --> evil["b',
	'</text><script>x</script>',
	'#quot;#lt;svg onload=alert(1)#gt;',
	'&lt;img src=x onerror=alert(1)&gt;',
	'x\n<svg/onload=alert(1)>',
];

function hostilePipeline() {
	return makePipeline({
		workflowName: '<svg onload=alert(1)> javascript:void(0)',
		jobs: HOSTILE.map((id) => ({ id })),
		entries: HOSTILE.map((id, i) => ({ id, ...(i > 0 ? { requires: [HOSTILE[i - 1]!] } : {}) })),
		targets: [{ id: 'prod', name: '<b onclick=alert(1)>prod</b>', tier: 'production', jobs: [HOSTILE[0]!] }],
	});
}

describe('renderWorkflow', () => {
	it('renders atlas-monorepo with a link around each job node', async () => {
		const p = await example('atlas-monorepo');
		const { svg, diagram } = renderWorkflow(p, p.workflows[0]!, { jobHref: jobHref(p.id) });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="atlas-diagram dg-')).toBe(true);
		for (const job of ['install', 'lint', 'test', 'build', 'push-containers', 'release-preproduction', 'track-preproduction-release']) {
			expect(svg).toMatch(new RegExp(`<a class="dg-link" href="/pipelines/atlas-monorepo/jobs/${job}/"><title>[^<]+</title><g class="node dg-node[^"]*" data-id="n\\d+"`));
		}
		expect(svg.match(/<a /g)).toHaveLength(diagram.nodes.filter((n) => n.jobId).length);
		expect(svg).toMatch(/<g class="node dg-node dg-deploy" data-id="n5"/);
		expect(svg).toMatch(/<g class="node dg-node dg-target" data-id="t0"/);
		// A group, not an image: an image would hide the links inside it from assistive technology.
		expect(svg).toContain('role="group" aria-labelledby="dg-');
		expect(svg).toMatch(/<title id="dg-\w+-title">Workflow untagged_build: 7 jobs<\/title><desc>Starts with install\./);
	});

	it('makes no external request: no @import, no URL but the SVG namespace', async () => {
		for (const p of await examplePipelines()) {
			for (const w of p.workflows) {
				const { svg } = renderWorkflow(p, w, { jobHref: jobHref(p.id) });
				expect(svg).not.toContain('@import');
				expect(svg).not.toContain('fonts.googleapis');
				expect(svg.match(/https?:\/\/[^\s"')]*/g)).toEqual(['http://www.w3.org/2000/svg']);
				expect(svg).not.toMatch(/url\(\s*['"]?(?!#)/);
			}
		}
	});

	it('themes with Starlight variables (light fallbacks) and scopes its stylesheet', async () => {
		const p = await example('atlas-monorepo');
		const { svg } = renderWorkflow(p, p.workflows[1]!);
		expect(svg).toContain('var(--sl-color-orange-low, hsl(41, 90%, 88%))');
		expect(svg).toContain('--fg:var(--sl-color-white, hsl(224, 10%, 10%))');
		const style = /<style>([\s\S]*?)<\/style>/.exec(svg)![1]!;
		const scope = /class="atlas-diagram (dg-\w+)"/.exec(svg)![1]!;
		// Every rule is scoped to this diagram, none leaks onto the page's other SVGs.
		for (const rule of style.split('}').map((r) => r.trim()).filter(Boolean)) {
			const selectors = rule.slice(0, rule.indexOf('{')).split(',').map((s) => s.trim());
			for (const s of selectors) expect(s.startsWith(`.${scope}`), s).toBe(true);
		}
		expect(svg).not.toContain('id="arrowhead"');
		expect(svg).toContain(`url(#${scope}-arrowhead)`);
	});

	it('leaves its stylesheet to the page when the page carries the shared one, which is every diagram\'s', async () => {
		const shared = sharedDiagramStyle();
		expect(shared).toContain('.atlas-diagram .dg-approval rect');
		expect(shared).toContain('.atlas-diagram {');
		expect(shared).not.toMatch(/\.dg-[0-9a-f]{10}\b/);
		for (const p of await examplePipelines()) {
			for (const w of p.workflows) {
				const own = renderWorkflow(p, w, { legend: false });
				const scope = /class="atlas-diagram (dg-\w+)"/.exec(own.svg)![1]!;
				expect(/<style>([\s\S]*?)<\/style>/.exec(own.svg)![1]!.replaceAll(`.${scope} `, '.atlas-diagram ')).toBe(shared);
				const onPage = renderWorkflow(p, w, { legend: false, sharedStyle: true }).svg;
				expect(onPage).not.toContain('<style');
				expect(onPage).toBe(own.svg.replace(/<style>[\s\S]*?<\/style>/, ''));
			}
		}
	});

	it('dims what does not run', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows[0]!;
		const { svg } = renderWorkflow(p, w, { highlight: new Set(['install', 'lint']) });
		expect(svg).toMatch(/<g class="node dg-node dg-job" data-id="n0"/);
		expect(svg).toMatch(/<g class="node dg-node dg-job dg-dimmed" data-id="n2"/);
		expect(svg).toMatch(/<polyline class="edge dg-dimmed" data-from="n0" data-to="n2"/);
		expect(svg).toMatch(/<polyline class="edge" data-from="n0" data-to="n1"/);
	});

	it('is deterministic: same input, same bytes, also without the layout cache', async () => {
		for (const p of await examplePipelines()) {
			for (const w of p.workflows) {
				const a = renderWorkflow(p, w, { jobHref: jobHref(p.id) }).svg;
				clearDiagramCache();
				const b = renderWorkflow(p, w, { jobHref: jobHref(p.id) }).svg;
				expect(b).toBe(a);
			}
		}
	});
});

describe('hostile names', () => {
	it('never yields script, event handlers or script URLs', () => {
		const p = hostilePipeline();
		for (const detail of [false, true]) {
			const { svg } = renderWorkflow(p, p.workflows[0]!, { jobHref: jobHref(p.id), detail, wrap: 200 });
			expect(svg).not.toMatch(/<script/i);
			expect(svg).not.toMatch(/javascript:/i);
			expect(svg).not.toMatch(/<svg[^>]*onload/i);
			for (const tag of tags(svg)) {
				expect(tag, tag).not.toMatch(/\son\w+\s*=/i);
				expect(tag.startsWith('<svg') || tag.startsWith('<g') || tag.startsWith('<a') || /^<(title|desc|style|defs|marker|polygon|polyline|rect|text|tspan|line|ellipse|circle|path)\b/.test(tag), tag).toBe(true);
			}
			// Names are shown as text, escaped once.
			expect(svg).toContain('&lt;img src=x onerror=alert&#40;1)&gt;</text>');
			expect(svg).toContain('&lt;b onclick=alert&#40;1)&gt;prod&lt;/b&gt;</text>');
			expect(svg).toContain('javascript&#58;alert&#40;1)</text>');
			expect(svg).toContain('&amp;lt;img src=x');
			// The config's words never land in an attribute.
			// The config's words never land in an attribute, except as a slug in a link.
			for (const tag of tags(svg)) {
				const href = /\shref="([^"]*)"/.exec(tag)?.[1];
				if (href !== undefined) expect(href).toMatch(/^\/pipelines\/demo\/jobs\/[A-Za-z0-9._-]+\/$/);
				expect(tag.replace(/\shref="[^"]*"/, '')).not.toMatch(/alert/);
			}
		}
	});
	it('keeps the official-parser-valid text and the renderer in step: one node per entry', () => {
		const p = hostilePipeline();
		const text = workflowToMermaid(p, p.workflows[0]!, { legend: false });
		const svg = renderSvg(text);
		expect(svg.match(/<g class="node /g)).toHaveLength(HOSTILE.length + 1);
		expect(svg.match(/<polyline class="edge/g)).toHaveLength(HOSTILE.length - 1 + 1);
	});
	it('assertSafeSvg refuses unsafe markup', () => {
		expect(() => assertSafeSvg('<svg><script>alert(1)</script></svg>')).toThrow(/script/);
		expect(() => assertSafeSvg('<svg><g onclick="x"></g></svg>')).toThrow(/event-handler/);
		expect(() => assertSafeSvg('<svg><a href="javascript:alert(1)"></a></svg>')).toThrow();
		expect(() => assertSafeSvg('<svg><a href="https://evil.example/"></a></svg>')).toThrow(/site-relative/);
		expect(() => assertSafeSvg('<svg><style>@import url(x)</style></svg>')).toThrow(/external/);
		expect(() => assertSafeSvg('<svg><a href="/ok/"><text>onerror=1</text></a></svg>')).not.toThrow();
	});
});

describe('images', () => {
	it('svgForImage resolves every variable and color-mix to a concrete colour', async () => {
		const p = await example('atlas-monorepo');
		const image = svgForImage(renderWorkflow(p, p.workflows[0]!).svg);
		expect(image).not.toContain('var(');
		expect(image).not.toContain('color-mix(');
		expect(image).toContain("font-family: 'DejaVu Sans'");
		// The approval/deploy fills are Starlight's light-theme colours.
		expect(image).toMatch(/fill: hsl\(101, 85%, 90%\)/);
		expect(image).toMatch(/stroke="#[0-9a-f]{6}"/);
	});

	it('renders a PNG at the build\'s scale, or the one asked for, with DejaVu Sans', async () => {
		const p = await example('atlas-monorepo');
		const { svg } = renderWorkflow(p, p.workflows[0]!);
		const [, , vw, vh] = /viewBox="([\d.\s]+)"/.exec(svg)![1]!.split(/\s+/).map(Number);
		for (const [png, scale] of [[renderPng(svgForImage(svg)), pngScale()], [renderPng(svgForImage(svg), 2), 2]] as const) {
			expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
			const view = new DataView(png.buffer, png.byteOffset);
			expect(Math.abs(view.getUint32(16) - vw! * scale)).toBeLessThanOrEqual(2);
			expect(Math.abs(view.getUint32(20) - vh! * scale)).toBeLessThanOrEqual(2);
			expect(png.length).toBeGreaterThan(10_000 * scale);
			expect(png.length).toBeLessThan(2_000_000);
			// Same input, same bytes.
			expect(Buffer.from(renderPng(svgForImage(svg), scale)).equals(Buffer.from(png))).toBe(true);
		}
	});

	it("draws a download's legend below the workflow, which is laid out as on its page", async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'tagged_deployment')!;
		const download = renderWorkflow(p, w).svg;
		const page = renderWorkflow(p, w, { legend: false }).svg;
		// Every shape of the workflow where the page has it (ids are scoped by the diagram's text).
		const shapes = (svg: string) => (svg.match(/<(rect|polygon|polyline|ellipse|path|line) [^>]*>/g) ?? []).map((tag) => tag.replace(/dg-[0-9a-f]{10}/g, 'dg'));
		const before = download.slice(0, download.indexOf('<g transform="translate(0 '));
		expect(shapes(before)).toEqual(shapes(page));
		// Then the legend, moved below: the picture is as tall as both.
		const [, dy, top] = /<g transform="translate\(0 ([\d.]+)\)">\s*<g class="subgraph" data-id="legend"[^>]*>\s*<rect x="[\d.]+" y="([\d.]+)"/.exec(download)!;
		const size = (svg: string) => /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);
		// The page's picture has a margin of 40 around the workflow.
		expect(Number(dy) + Number(top)).toBeGreaterThan(size(page)[1]! - 40);
		expect(size(download)[1]).toBeGreaterThan(Number(dy) + Number(top) + 80);
		expect(size(download)[0]).toBeGreaterThanOrEqual(size(page)[0]!);
	});

	it('lays out Mermaid written by hand as it is, whatever its subgraphs are named', () => {
		const text = 'flowchart LR\n  a --> x\n  subgraph legend["Legend"]\n    x("x")\n  end\n';
		const svg = renderSvg(text);
		expect(svg).not.toContain('<g transform="translate(0 ');
		// One node x, inside the subgraph, with the edge into it.
		expect(svg.match(/data-id="x"/g)).toHaveLength(1);
		expect(svg).toMatch(/data-from="a" data-to="x"/);
	});

	it("writes resvg's very pixels: as a palette image when they fit one, else as RGBA", async () => {
		// storefront-web's e2e workflow is a few plain jobs; the Heroku pipeline has deploy and
		// approval colours anti-aliased over each other: over 256 colours.
		for (const [id, workflow, colourType] of [['storefront-web', 'e2e', 3], ['banking-clojure-heroku', 'heroku', 6]] as const) {
			const p = await example(id);
			const image = svgForImage(renderWorkflow(p, p.workflows.find((w) => w.id === workflow)!).svg);
			const png = renderPng(image);
			expect(png[25], `${id} ${workflow}`).toBe(colourType); // 3: palette, 6: RGBA
			const drawn = decode(drawSvg(image).asPng());
			const decoded = decode(png);
			expect([decoded.width, decoded.height]).toEqual([drawn.width, drawn.height]);
			// The pixels resvg drew, whichever way they were written.
			expect(Buffer.from(decoded.image).equals(Buffer.from(colourType === 3 ? withoutAlpha(drawn.image) : drawn.image))).toBe(true);
			// RGBA because a palette could not hold them.
			if (colourType === 6) expect(new Set(new Uint32Array(drawn.image.buffer, drawn.image.byteOffset, drawn.image.length / 4)).size).toBeGreaterThan(256);
		}
	}, 20_000);
});

describe('names that look like CSS', () => {
	it('draws jobs named like `curl(health)` or `@import` instead of failing the build', async () => {
		const { renderWorkflow } = await import('../../src/diagram/render');
		const at = { file: 'c.yml', line: 1, column: 1 };
		const names = ['curl(health)', 'check url(s)', '@import x'];
		const pipeline = {
			id: 'p', group: 'p', title: 'p', provider: 'circleci' as const, defaultBranch: 'main', sources: [], triggers: [], env: [], parameters: [], orbs: [], deployTargets: [], promotions: [], diagnostics: [],
			jobs: names.map((id) => ({ id, slug: 'x', name: id, executor: { kind: 'docker' as const, images: [] }, services: [], env: [], parameters: [], steps: [], outputs: [], location: at })),
			workflows: [],
		};
		const workflow = { id: 'w', name: 'check url(s)', triggers: [], entries: names.map((id) => ({ id, jobId: id, requires: [], approval: false, contexts: [], parameters: {}, location: at })), location: at };
		const { svg } = renderWorkflow(pipeline, workflow, { jobHref: () => '/x/' });
		expect(svg).not.toContain('could not be drawn');
		expect(svg).toContain('curl&#40;health)');
	});
});
