import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The cache folder is where the build says; set before the module reads it.
const root = mkdtempSync(join(tmpdir(), 'atlas-cache-'));
process.env.ATLAS_CACHE_DIR = root;
const { cachedPng, cachedText } = await import('../../src/cache/files');

describe('the build cache', () => {
	it('makes a text once for a source, and again for another source or kind', () => {
		let made = 0;
		const make = () => `layout ${++made}`;
		expect(cachedText('layout', 'graph TD; a-->b', make)).toBe('layout 1');
		expect(cachedText('layout', 'graph TD; a-->b', make)).toBe('layout 1');
		expect(cachedText('layout', 'graph TD; a-->c', make)).toBe('layout 2');
		expect(cachedText('other', 'graph TD; a-->b', make)).toBe('layout 3');
		expect(made).toBe(3);
	});

	it('keeps PNGs apart from texts, whole files only', () => {
		const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47);
		let drawn = 0;
		const draw = () => (drawn++, png);
		expect([...cachedPng('stage@2x', '<svg/>', draw)]).toEqual([...png]);
		expect([...cachedPng('stage@2x', '<svg/>', draw)]).toEqual([...png]);
		expect(drawn).toBe(1);
		expect(readdirSync(join(root, 'images')).filter((f) => f.endsWith('.png'))).toHaveLength(1);
		expect(readdirSync(join(root, 'images')).filter((f) => f.includes('partial'))).toEqual([]);
	});

	it('does not keep what failed to be made', () => {
		expect(() => cachedText('layout', 'broken', () => { throw new Error('no layout'); })).toThrow('no layout');
		expect(cachedText('layout', 'broken', () => 'fixed')).toBe('fixed');
	});
});
