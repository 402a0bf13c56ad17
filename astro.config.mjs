// @ts-check
import starlight from '@astrojs/starlight';
import { register, registerHooks } from 'node:module';
import { defineConfig } from 'astro/config';
import { contentDir, docsSidebarDirectory, siteUrl } from './src/config/paths.ts';
import { pngScale } from './src/config/png-scale.ts';
import { baseLinks } from './src/integrations/base-links.ts';
import { csp } from './src/integrations/csp.ts';
import { docDiagrams } from './src/integrations/doc-diagrams.ts';
import { docsLinks } from './src/integrations/docs-links.ts';
import { explanationBodies } from './src/integrations/explanation-bodies.ts';
import { focusableTables } from './src/integrations/focusable-tables.ts';
import { safeMarkdown } from './src/integrations/safe-markdown.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { load } from './src/node/json-import-hooks.mjs';

// Lets Node load GitHub's workflow parser outside Vite's bundling (see the hooks file).
// In-thread hooks where Node has them (22.15+); the worker-thread kind otherwise.
if (registerHooks) registerHooks({ load });
else register('./src/node/json-import-hooks.mjs', import.meta.url);

// A bare `astro build` with a bad ATLAS_PNG_SCALE stops here, saying which values it takes,
// rather than once for each image route (`pipeline-atlas build` checks its --png-scale first).
pngScale();

export default defineConfig({
	// `pipeline-atlas build --site URL` sets this: the site then has a sitemap and canonical links.
	...(siteUrl ? { site: siteUrl } : {}),
	// `pipeline-atlas build --out DIR` sets this; `astro build --outDir` works too.
	outDir: process.env.ATLAS_OUT_DIR || './dist',
	// One content cache per set of inputs (`pipeline-atlas build` sets it): a cache filled from
	// another content folder resolves its images against that folder.
	...(process.env.ATLAS_CACHE_DIR ? { cacheDir: process.env.ATLAS_CACHE_DIR } : {}),
	// Generated pages whose key (src/site/page-keys.ts) and code are those of the last build are
	// copied from that build's cache. Only in that per-inputs cache: a bare `astro build` renders all.
	experimental: { incrementalBuild: Boolean(process.env.ATLAS_CACHE_DIR) },
	// Files rendered a few at a time: one at a time, Astro's thread sat idle half of the
	// generation waiting for each file to be written (twice, with the incremental build's cache)
	// or copied. The log keeps a line per file (see the logger).
	build: { concurrency: 4 },
	logger: { entrypoint: './src/integrations/build-log.mjs' },
	// GitHub's workflow parser imports JSON without import attributes, which Node rejects
	// unless Vite bundles it.
	vite: {
		ssr: { noExternal: ['@actions/workflow-parser'] },
		// Bundled scripts stay files of their own ('self' in the Content Security Policy); only
		// the inline scripts written out in components are allowed, by hash.
		// The build's own server chunks (the model, shiki, mermaid) are large and never reach a
		// browser: what pages load is held to its budget by test/e2e/page-weight.test.ts.
		build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined), chunkSizeWarningLimit: 8192 },
	},
	integrations: [
		// Without a site address a sitemap cannot be made: Starlight adds the sitemap integration
		// unless one by that name is there, and it only warns then. This stands in for it.
		...(siteUrl ? [] : [{ name: '@astrojs/sitemap', hooks: {} }]),
		starlight({
			title: 'Pipeline Atlas',
			description: 'How our CI works: pipelines, jobs, steps and the docs that explain them.',
			customCss: ['./src/styles/atlas.css'],
			// Search: adds the `/` shortcut. MarkdownContent: draws Mermaid blocks the build could not.
			// Adds the pipelines to every page's sidebar (the config cannot know them), and the
			// generated pages' previous and next links.
			routeMiddleware: './src/site/route-middleware.ts',
			components: { Search: './src/components/Search.astro', MarkdownContent: './src/components/MarkdownContent.astro' },
			sidebar: [
				{ label: 'Overview', link: '/' },
				{ label: 'Onboarding', items: [{ autogenerate: { directory: docsSidebarDirectory } }] },
				{ label: 'Environment variables', link: '/env/' },
			],
			// Long commands wrap instead of scrolling: a code block that scrolls sideways needs to be
			// focusable for keyboard readers, which Expressive Code's blocks are not here.
			expressiveCode: { defaultProps: { wrap: true } },
			lastUpdated: false,
			pagination: true,
			// Ours says what a reader of this site can do (src/pages/404.astro); Starlight's looks
			// for a `404` doc among the team's onboarding docs and warns on every build without one.
			disable404Route: true,
		}),
		baseLinks(),
		focusableTables(),
		docDiagrams(),
		// After docDiagrams: its plugin goes first, so raw HTML is cleaned before diagrams (raw SVG) are added.
		safeMarkdown(),
		// Before the hooks that read the built pages: the copied pages given edited explanation texts first.
		explanationBodies(),
		docsLinks({ contentDir }),
		// After Starlight: it rebuilds the index Starlight wrote, adding per-step and per-variable results.
		searchIndex(),
		// Last: it hashes the inline scripts of the finished pages.
		csp(),
	],
});
