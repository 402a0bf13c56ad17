import { describe, expect, it } from 'vitest';
import { commandHtml, commandLang } from '../../src/site/command-html';

describe('commandHtml', () => {
	it("highlights a command as Astro's <Code> does, light and dark, wrapped", async () => {
		const html = await commandHtml('npm ci && npm test', 'bash');
		expect(html).toMatch(/^<pre class="astro-code astro-code-themes github-light github-dark"/);
		expect(html).toContain('white-space: pre-wrap');
		expect(html).toContain('data-language="bash"');
		expect(html).toMatch(/<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">npm<\/span>/i);
	});

	it("draws comments in the dark theme in a grey readable on its background (github-dark's is 3.0:1)", async () => {
		const html = await commandHtml('# deploy the chart\nhelm upgrade web ./chart', 'bash');
		expect(html).toMatch(/<span style="color:#6A737D;--shiki-dark:#959DA5"># deploy the chart<\/span>/i);
		expect(html).not.toMatch(/--shiki-dark:#6A737D/i);
	});

	it('escapes a command instead of letting it become markup', async () => {
		const html = await commandHtml('echo "<script>alert(1)</script>" > /tmp/x', 'bash');
		expect(html).not.toContain('<script>');
		expect(html).toContain('&#x3C;script>');
	});

	it('highlights each distinct command and language once', async () => {
		const first = commandHtml('make test', 'bash');
		expect(commandHtml('make test', 'bash')).toBe(first);
		expect(commandHtml('make test', 'powershell')).not.toBe(first);
		expect(await commandHtml('make test', 'powershell')).toContain('data-language="powershell"');
	});

	it('reads the language from the shell', () => {
		expect(commandLang(undefined)).toBe('bash');
		expect(commandLang('pwsh')).toBe('powershell');
		expect(commandLang('PowerShell -command ". \'{0}\'"')).toBe('powershell');
		expect(commandLang('python {0}')).toBe('python');
		expect(commandLang('sh -e {0}')).toBe('bash');
	});
});
