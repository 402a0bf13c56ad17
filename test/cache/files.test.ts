import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp';

// The cache folder is where the build says; set before the module reads it.
const root = tempDir('atlas-cache-');
process.env.ATLAS_CACHE_DIR = root;
const { cachedPng, cachedText, cachedTextAsync } = await import('../../src/cache/files');
const { logHtml } = await import('../../src/site/log-html');

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

	it('makes an asynchronous text once, and not at all when making it failed', async () => {
		let made = 0;
		const make = async () => `log ${++made}`;
		expect(await cachedTextAsync('log-html', 'lines', make)).toBe('log 1');
		expect(await cachedTextAsync('log-html', 'lines', make)).toBe('log 1');
		await expect(cachedTextAsync('log-html', 'other', () => Promise.reject(new Error('no log')))).rejects.toThrow('no log');
		expect(await cachedTextAsync('log-html', 'other', make)).toBe('log 2');
	});

	it('keeps a highlighted log by everything that shapes it', async () => {
		const lines = ['one', '\x1b[31mtwo\x1b[0m'];
		const first = await logHtml({ lines, prefix: 'step-1' });
		expect(await logHtml({ lines, prefix: 'step-1' })).toBe(first);
		expect(await logHtml({ lines, prefix: 'step-2' })).toContain('id="step-2-L1"');
		expect(await logHtml({ lines, prefix: 'step-1', marks: [{ line: 1, level: 'error' }] })).toContain('atlas-log__line--error');
		expect(await logHtml({ lines: [...lines, 'three'], prefix: 'step-1' })).toContain('three');
	});

	it('keeps a highlighted command for the next build, which reads it instead of highlighting again', async () => {
		const { commandHtml } = await import('../../src/site/command-html');
		expect(await commandHtml('make deploy', 'bash')).toContain('data-language="bash"');
		const file = join(root, 'texts', `${createHash('sha256').update('command-html\0').update('bash\0make deploy').digest('hex')}.txt`);
		writeFileSync(file, '<pre>kept</pre>');
		vi.resetModules();
		const next = await import('../../src/site/command-html');
		expect(await next.commandHtml('make deploy', 'bash')).toBe('<pre>kept</pre>');
		expect(await next.commandHtml('make deploy', 'powershell')).toContain('data-language="powershell"');
	});

	// Last: deferring is for the rest of the thread's life.
	it('once deferred, writes on other threads: read back from memory meanwhile, on disk once said so', async () => {
		const { cacheFileWritten, cachedPngFile, cacheWritesInFlight, cacheWritesSettled, deferCacheWrites } = await import('../../src/cache/files');
		deferCacheWrites();
		let drawn = 0;
		const draw = () => (drawn++, Uint8Array.of(1, 2, 3));
		const first = cachedPngFile('stage@2x', '<svg id="deferred"/>', draw);
		expect(first.file).toBeDefined();
		expect(cacheWritesInFlight()).toHaveLength(1);
		const again = cachedPngFile('stage@2x', '<svg id="deferred"/>', draw);
		expect([drawn, [...again.bytes], again.file]).toEqual([1, [1, 2, 3], first.file]);
		expect(await cacheFileWritten(first.file!)).toBe(true);
		expect([...readFileSync(first.file!)]).toEqual([1, 2, 3]);

		// A file that cannot be written (a folder is in its place) is said so, and the bytes are still given.
		const svg = '<svg id="blocked"/>';
		const blocked = join(root, 'images', `${createHash('sha256').update('stage@2x\0').update(svg).digest('hex')}.png`);
		mkdirSync(join(blocked, 'in-the-way'), { recursive: true });
		const failed = cachedPngFile('stage@2x', svg, () => Uint8Array.of(4));
		expect([...failed.bytes]).toEqual([4]);
		expect(await cacheFileWritten(failed.file!)).toBe(false);
		await cacheWritesSettled();
		expect(cacheWritesInFlight()).toEqual([]);
		expect(readdirSync(join(root, 'images')).filter((f) => f.includes('partial'))).toEqual([]);
	});
});
