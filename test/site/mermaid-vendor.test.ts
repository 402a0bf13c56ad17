import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MERMAID_ENTRY } from '../../src/site/mermaid-entry';
import { mermaidFile, mermaidFiles, mermaidVersion } from '../../src/site/mermaid-vendor';

/** The relative module specifiers a file imports (static `from "./x"`, bare `import "./x"` and dynamic `import("./x")`). */
const relativeImports = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*(["'])(\.\.?\/[^"']+)\1/g)].map((m) => m[2]!);

describe('the official mermaid served by the site', () => {
	const files = mermaidFiles();

	it('serves its entry and every chunk, as .js', () => {
		expect(files[0]).toBe(MERMAID_ENTRY);
		expect(files.length).toBeGreaterThan(50);
		expect(files.every((f) => f.endsWith('.js'))).toBe(true);
		expect(new Set(files).size).toBe(files.length);
		// The key a rebuild copies them by: the package's version.
		expect(mermaidVersion()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('links every module it imports to a file it serves, none to a .mjs name or a source map', () => {
		const served = new Set(files);
		let imports = 0;
		for (const file of files) {
			const text = mermaidFile(file);
			expect(text, file).not.toMatch(/sourceMappingURL/);
			for (const specifier of relativeImports(text)) {
				imports++;
				expect(served.has(posix.join(posix.dirname(file), specifier)), `${file} imports ${specifier}`).toBe(true);
			}
		}
		// The entry alone imports dozens of chunks: a rewrite that missed them would be caught above.
		expect(imports).toBeGreaterThan(100);
		expect(relativeImports(mermaidFile(MERMAID_ENTRY)).some((s) => s.startsWith('./chunks/'))).toBe(true);
	});

	it('serves nothing else of the package', () => {
		expect(() => mermaidFile('../package.json')).toThrow(/not a file of mermaid's build/);
		expect(() => mermaidFile('mermaid.esm.min.mjs')).toThrow(/not a file of mermaid's build/);
	});
});
