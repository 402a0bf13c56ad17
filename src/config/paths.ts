import { join, relative, resolve, sep } from 'node:path';

/**
 * Input folders. `pipeline-atlas build --pipelines DIR --content DIR` passes them through the
 * environment, because Astro loads the content config in its own module graph.
 */
export const pipelinesDir = resolve(process.env.ATLAS_PIPELINES_DIR ?? 'pipelines');
export const contentDir = resolve(process.env.ATLAS_CONTENT_DIR ?? 'content');

/**
 * The onboarding docs' folder as a sidebar's `autogenerate.directory` must name it. Starlight
 * matches it against each doc's file path relative to its own `src/content/docs/`, and Astro
 * records a doc's path relative to the project root: ours live in the content folder, wherever
 * that is, so a bare `docs` matched none of them and the sidebar's onboarding group was empty.
 */
export const docsSidebarDirectory = relative(process.cwd(), join(contentDir, 'docs')).split(sep).join('/');

/**
 * Where the content folder can be edited online (`https://github.com/org/docs/edit/main/`):
 * authored explanations link there. `build --edit-url URL` sets it.
 */
export const editBaseUrl = process.env.ATLAS_EDIT_URL || undefined;

/** Where the site is published (`https://org.github.io`), for its sitemap and canonical links. `build --site URL` sets it. */
export const siteUrl = process.env.ATLAS_SITE || undefined;

/**
 * Set by `pipeline-atlas build`, which draws the diagram PNGs and the run images, and writes the
 * steps' log downloads, itself beside Astro (`src/cli/images.ts`): their routes then leave them out.
 */
export const IMAGES_BY_CLI = 'ATLAS_IMAGES_BY_CLI';

/** Set by `pipeline-atlas build`, which then writes the search index itself after Astro. */
export const INDEX_AFTER_ASTRO = 'ATLAS_INDEX_AFTER_ASTRO';

/**
 * Written by `src/pages/[records].json.ts`, read and removed by `writeSearchIndex`; not part of
 * the published site.
 */
export const RECORDS_FILE = 'search-records.json';

/**
 * The records of the team's step explanations, apart from RECORDS_FILE so that editing an
 * explanation does not make the build write the model's records again (~1 s at 2,000 jobs);
 * written, read and removed like it.
 */
export const EXPLANATION_RECORDS_FILE = 'search-explanations.json';

/**
 * The built site's HTML files, as Astro wrote them, for `writeSearchIndex` in another process
 * (which then need not walk the site); written and removed like RECORDS_FILE.
 */
export const PAGES_FILE = 'search-pages.json';

/**
 * Where a `pipeline-atlas build` keeps, in its cache, the pages' list and the records of the
 * search index it wrote, for the next build's head start (src/integrations/search-head-start.ts).
 */
export const SEARCH_INPUTS = 'search-inputs';

/** The files of a SEARCH_INPUTS folder: the pages' list, sorted as indexed, and the model's records (RECORDS_FILE's bytes). */
export const KEPT_INPUTS = { pages: 'pages.json', records: 'records.json' } as const;

/**
 * Set by `pipeline-atlas build`: where Astro writes the explanations' search records as soon as
 * it lists its routes, for the search index's head start (src/site/step-explanations.ts). Set on
 * every build, to a path that stays the same between builds of the same inputs: Astro writes the
 * value of each variable its code names into that code, and changed code renders every page again.
 */
export const EARLY_EXPLANATIONS = 'ATLAS_EARLY_EXPLANATIONS';
