import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { docsSchemaShared } from '../../src/config/docs-schema';

type Context = Parameters<ReturnType<typeof docsSchemaShared>>[0];
/** A schema context with this image helper (the real ones return richer schemas). */
const withImage = (image: () => z.ZodType): Context => ({ image }) as unknown as Context;
/** The context `<StarlightPage>` passes, as Starlight 0.42 writes its image helper (a new one on each page). */
const pageHelper = () => withImage(() => z.custom((value) => Boolean(value), 'Invalid image passed to `<StarlightPage>` component. Expected imported `ImageMetadata` object.'));

describe('the docs schema', () => {
	it('is made once for the pages Starlight renders, and still validates their frontmatter', () => {
		const schema = docsSchemaShared();
		const first = schema(pageHelper());
		expect(schema(pageHelper())).toBe(first);
		expect(first.safeParse({ title: 'Job build' }).success).toBe(true);
		expect(first.safeParse({}).success).toBe(false);
	});

	it('is made afresh for any other caller, whose image helper may hold what it resolves against', () => {
		const schema = docsSchemaShared();
		const contentLayer = withImage(() => z.string());
		const made = schema(contentLayer);
		expect(schema(contentLayer)).not.toBe(made);
		expect(made).not.toBe(schema(pageHelper()));
	});

	it('recognises the helper of the installed Starlight (else every page would make its own again)', () => {
		const source = readFileSync(join(import.meta.dirname, '../../node_modules/@astrojs/starlight/dist/utils/starlight-page.js'), 'utf8');
		expect(source).toMatch(/getStarlightPageFrontmatter[\s\S]*image: \(\(\) => z\.custom\([\s\S]*Invalid image passed to `<StarlightPage>` component/);
	});
});
