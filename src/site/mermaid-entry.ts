/** Where the site serves the official mermaid's entry module, under its `base` (see ./mermaid-vendor.ts; the route is src/pages/vendor/mermaid/). */
export const MERMAID_ENTRY = 'mermaid.esm.min.js';
export const MERMAID_FOLDER = 'vendor/mermaid';
