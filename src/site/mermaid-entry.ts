/** Where the site serves the official mermaid's entry module, under its `base` (see ./mermaid-vendor.ts). */
export const MERMAID_ENTRY = 'mermaid.esm.min.js';
export const MERMAID_FOLDER = 'vendor/mermaid';
