import { describe, expect, it } from 'vitest';
import { pngScale } from '../../src/config/png-scale';
import { astroEnvironment, withPngScale } from '../../src/cli/build';

describe('astroEnvironment', () => {
	it('keeps the caller’s variables, without those Vite and Astro would take into the site’s code', () => {
		const env = astroEnvironment({ CI: 'true', CIRCLE_BRANCH: 'main', PATH: '/usr/bin', _: '/usr/bin/npx', BASE_URL: '/', MODE: 'test', DEV: '1', PROD: '', SSR: '1' });
		expect(env).toEqual({ CI: 'true', CIRCLE_BRANCH: 'main', PATH: '/usr/bin' });
	});
	it('gives the same environment however the build was started (a shell names the program in `_`)', () => {
		expect(astroEnvironment({ HOME: '/root', _: '/usr/bin/time' })).toEqual(astroEnvironment({ HOME: '/root', _: '/usr/bin/npx' }));
	});
});

describe('withPngScale', () => {
	it('gives Astro and the image workers the scale asked for, during the build only, even one that fails', async () => {
		const before = process.env.ATLAS_PNG_SCALE;
		const other = pngScale() === 2 ? 1 : 2;
		expect(await withPngScale(other, async () => [pngScale(), astroEnvironment(process.env).ATLAS_PNG_SCALE])).toEqual([other, String(other)]);
		expect(process.env.ATLAS_PNG_SCALE).toBe(before);
		await expect(withPngScale(other, () => Promise.reject(new Error('the build failed')))).rejects.toThrow('the build failed');
		expect(process.env.ATLAS_PNG_SCALE).toBe(before);
	});
});
