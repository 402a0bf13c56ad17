import { describe, expect, it } from 'vitest';
import { apartBySlug, slugify, uniqueSlugs } from '../../src/ingest/slug';

describe('slugify', () => {
	it('keeps orb job names recognisable', () => {
		expect(slugify('heroku/deploy-via-git')).toBe('heroku--deploy-via-git');
	});
	it('turns spaces and punctuation of GitLab names into dashes', () => {
		expect(slugify('test: [ruby, 3.2]')).toBe('test-ruby-3.2');
	});
	it('never returns an empty or dot-led segment', () => {
		expect(slugify('../..')).toBe('item');
		expect(slugify('.hidden')).toBe('hidden');
	});
});

describe('uniqueSlugs', () => {
	it('numbers collisions in order, case-insensitively', () => {
		expect(uniqueSlugs(['build', 'Build', 'build/x', 'build--x'])).toEqual(['build', 'Build-2', 'build--x', 'build--x-2']);
	});
});

describe('apartBySlug', () => {
	it('keeps ids whose slugs differ, and numbers one whose slug an earlier id has', () => {
		expect(apartBySlug(['branches/feature/*', 'branches/feature/**', 'branches/feature/?', 'branches/main'])).toEqual(['branches/feature/*', 'branches/feature/** (2)', 'branches/feature/? (3)', 'branches/main']);
		expect(apartBySlug(['a', 'b'])).toEqual(['a', 'b']);
	});
});
