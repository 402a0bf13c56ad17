import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { docDiagram, docDiagramsPlugin } from '../../src/integrations/doc-diagrams';

describe('mermaid blocks in docs', () => {
	it('draws supported diagram types at build time as inline SVG, without external requests', () => {
		const out = docDiagram('flowchart LR\n  a[Merge] --> b[Deploy]');
		expect(out.kind).toBe('svg');
		expect(out.html).toMatch(/^<figure class="atlas-doc-diagram not-content"><svg/);
		expect(out.html).toContain('Merge');
		expect(out.html).not.toMatch(/@import|https?:\/\/(?!www\.w3\.org)/);
	});
	it('leaves other types to the browser, as escaped source', () => {
		const out = docDiagram('%% a comment\ngitGraph\n  commit id: "<b>x</b>"');
		expect(out).toEqual({ kind: 'browser', html: '<pre class="atlas-mermaid">%% a comment\ngitGraph\n  commit id: &quot;&lt;b&gt;x&lt;/b&gt;&quot;</pre>' });
	});
	it('never lets a label inject markup into the page', () => {
		const out = docDiagram('flowchart LR\n  a["</svg><script>alert(1)</script>"] --> b');
		expect(out.html).not.toContain('<script');
	});
});

describe('docDiagramsPlugin', () => {
	// Through the Markdown processor Astro renders docs with, Starlight's code highlighting aside.
	it('draws a Markdown file\'s mermaid blocks in place and leaves other code blocks alone', async () => {
		const reported: string[] = [];
		const processor = await createSatteriMarkdownProcessor({ hastPlugins: [docDiagramsPlugin((where, message) => void reported.push(`${where} ${message}`)) as never], syntaxHighlight: false });
		const markdown = ['# Releasing', '```mermaid\nflowchart LR\n  a[Merge] --> b[Deploy]\n```', '```mermaid\ngitGraph\n  commit\n```', '```js\nlet x = 1;\n```'].join('\n\n');
		const { code } = await processor.render(markdown);
		expect(code.match(/<figure class="atlas-doc-diagram not-content"><svg/g)).toHaveLength(1);
		expect(code).toContain('>Deploy<');
		expect(code).toContain('<pre class="atlas-mermaid">gitGraph\n  commit</pre>');
		expect(reported).toEqual([]);
		expect(code).toMatch(/<pre><code class="language-js">let x = 1;/);
	});
});
