import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the e2e suite builds the example site (git-ignored). */
export const siteDir = fileURLToPath(new URL('../.site/dist/', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('../.site/screenshots/', import.meta.url));
/** The e2e site is built under a subpath, as GitHub Pages serves it, so every link must respect `base`. */
export const base = '/docs/ci/';
