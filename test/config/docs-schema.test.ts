import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { docsSchemaShared } from '../../src/config/docs-schema';

/** The image helper `<StarlightPage>` passes, as Starlight 0.42 writes it (a new one on each page). */
const pageHelper = () => () => z.custom((value) => Boolean(value), 'Invalid image passed to `<StarlightPage>` component. Expected imported `ImageMetadata` object.');

describe('the docs schema', () => {
	it('is made once for the pages Starlight renders, and still validates their frontmatter', () => {
		const schema = docsSchemaShared();
		const first = schema({ image: pageHelper() });
		expect(schema({ image: pageHelper() })).toBe(first);
		expect(first.safeParse({ title: 'Job build' }).success).toBe(true);
		expect(first.safeParse({}).success).toBe(false);
	});

	it('is made afresh for any other caller, whose image helper may hold what it resolves against', () => {
		const schema = docsSchemaShared();
		const contentLayer = () => z.string();
		const made = schema({ image: contentLayer });
		expect(schema({ image: contentLayer })).not.toBe(made);
		expect(made).not.toBe(schema({ image: pageHelper() }));
	});

	it('recognises the helper of the installed Starlight (else every page would make its own again)', () => {
		const source = readFileSync(join(import.meta.dirname, '../../node_modules/@astrojs/starlight/dist/utils/starlight-page.js'), 'utf8');
		expect(source).toMatch(/getStarlightPageFrontmatter[\s\S]*image: \(\(\) => z\.custom\([\s\S]*Invalid image passed to `<StarlightPage>` component/);
	});
});
