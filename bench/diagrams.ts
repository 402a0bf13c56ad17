/**
 * Diagram throughput over the CircleCI corpus: every config through the CircleCI provider, every
 * workflow to Mermaid text, SVG (beautiful-mermaid) and, with `--png`, PNG (resvg).
 *
 *   npx tsx bench/diagrams.ts [corpus-dir] [--png]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWorkflowDiagram } from '../src/diagram/mermaid';
import { pngScale } from '../src/config/png-scale';
import { clearDiagramCache, renderPng, renderSvg, svgForImage } from '../src/diagram/render';
import { uniqueSlugs } from '../src/ingest/slug';
import { Pipeline } from '../src/model';
import { parseCircleCiConfig } from '../src/providers/circleci';

const args = process.argv.slice(2);
const png = args.includes('--png');
const dir = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus/circleci';

const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
const pipelines: Pipeline[] = [];
for (const file of files) {
	const text = await readFile(join(dir, file), 'utf8');
	const out = parseCircleCiConfig({ path: file, text });
	const slugs = uniqueSlugs(out.jobs.map((j) => j.id));
	pipelines.push(Pipeline.parse({ ...out, id: file, group: 'corpus', title: file, provider: 'circleci', jobs: out.jobs.map((j, i) => ({ ...j, slug: slugs[i]! })) }));
}

let diagrams = 0;
let nodes = 0;
let failures = 0;
let textMs = 0;
let svgMs = 0;
let pngMs = 0;
let slowest = { ms: 0, name: '' };
for (const pipeline of pipelines) {
	for (const workflow of pipeline.workflows) {
		try {
			let t = performance.now();
			const diagram = buildWorkflowDiagram(pipeline, workflow);
			textMs += performance.now() - t;
			t = performance.now();
			const svg = renderSvg(diagram.text);
			const ms = performance.now() - t;
			svgMs += ms;
			if (ms > slowest.ms) slowest = { ms, name: `${pipeline.id} ${workflow.id} (${diagram.nodes.length} nodes)` };
			if (png) {
				t = performance.now();
				renderPng(svgForImage(svg));
				pngMs += performance.now() - t;
			}
			diagrams++;
			nodes += diagram.nodes.length;
		} catch (error) {
			failures++;
			console.error(`FAILED ${pipeline.id} ${workflow.id}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	clearDiagramCache();
}

const rate = (ms: number) => (ms > 0 ? (diagrams / (ms / 1000)).toFixed(1) : '—');
console.log(`${files.length} configs, ${diagrams} workflow diagrams (${nodes} nodes), ${failures} failures`);
console.log(`mermaid text: ${textMs.toFixed(0)} ms, ${rate(textMs)} diagrams/s`);
console.log(`svg:          ${svgMs.toFixed(0)} ms, ${rate(svgMs)} diagrams/s (slowest ${slowest.ms.toFixed(0)} ms: ${slowest.name})`);
if (png) console.log(`png:          ${pngMs.toFixed(0)} ms, ${rate(pngMs)} diagrams/s at ${pngScale()}x (ATLAS_PNG_SCALE)`);
console.log(`text+svg${png ? '+png' : ''}:  ${rate(textMs + svgMs + pngMs)} diagrams/s`);
