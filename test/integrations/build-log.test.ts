import { afterEach, describe, expect, it, vi } from 'vitest';
import buildLog from '../../src/integrations/build-log.mjs';

type Event = { label: string | null; level: 'info' | 'warn' | 'error'; message: string; newLine: boolean };

/** What the logger prints for these events, written as Astro writes them (see generate.js). */
async function printed(write: (log: ReturnType<typeof buildLog>) => Promise<void> | void): Promise<string> {
	let out = '';
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
		out += String(chunk);
		return true;
	});
	const log = buildLog();
	await write(log);
	await Promise.resolve();
	log.flush?.();
	vi.restoreAllMocks();
	// Colours (on in CI, where picocolors sees CI=true) and the time of day Astro prints first.
	return out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\d\d:\d\d:\d\d /g, 'T ');
}

const path = (p: string): Event => ({ label: null, level: 'info', message: `  ├─ ${p}`, newLine: false });
const restored: Event = { label: 'SKIP_FORMAT', level: 'info', message: ' (restored)', newLine: true };
const took = (ms: number, rest = ''): Event => ({ label: 'SKIP_FORMAT', level: 'info', message: ` (+${ms}ms) ${rest}`, newLine: true });
const info = (message: string): Event => ({ label: 'build', level: 'info', message, newLine: true });

afterEach(() => vi.restoreAllMocks());

describe('the build log', () => {
	it('prints each file on a line of its own when files are rendered side by side', async () => {
		const out = await printed(async (log) => {
			// Two renders start; a copied file comes between; they end in another order.
			log.write(path('/a/index.html'));
			await Promise.resolve();
			log.write(path('/b/index.html'));
			log.write(path('/c/index.html'));
			log.write(restored);
			log.write(took(40));
			log.write(took(12));
			log.write(info('✓ Completed in 1.2s.'));
		});
		expect(out).toBe('T   ├─ /a/index.html\nT   ├─ /b/index.html\nT   ├─ /c/index.html (restored)\nT [build] ✓ Completed in 1.2s.\n');
	});

	it('says so when a rendered file was not written, and passes everything else on', async () => {
		const out = await printed((log) => {
			log.write(path('/empty.txt'));
			log.write({ label: 'build', level: 'warn', message: 'a warning while it renders', newLine: true });
			log.write(took(3, '(file not created, response body was empty)'));
		});
		expect(out).toBe('T   ├─ /empty.txt\nT [WARN] [build] a warning while it renders\nT [build] file not created, response body was empty\n');
	});
});
