import { describe, expect, it } from 'vitest';
import { astroEnvironment } from '../../src/cli/build';

describe('astroEnvironment', () => {
	it('keeps the caller’s variables, without those Vite and Astro would take into the site’s code', () => {
		const env = astroEnvironment({ CI: 'true', CIRCLE_BRANCH: 'main', PATH: '/usr/bin', _: '/usr/bin/npx', BASE_URL: '/', MODE: 'test', DEV: '1', PROD: '', SSR: '1' });
		expect(env).toEqual({ CI: 'true', CIRCLE_BRANCH: 'main', PATH: '/usr/bin' });
	});
	it('gives the same environment however the build was started (a shell names the program in `_`)', () => {
		expect(astroEnvironment({ HOME: '/root', _: '/usr/bin/time' })).toEqual(astroEnvironment({ HOME: '/root', _: '/usr/bin/npx' }));
	});
});
