/**
 * A step's command as highlighted HTML, the same as Astro's `<Code>` gives (the same helper,
 * themes and options), made once per distinct command and language. Commands repeat across
 * jobs and pipelines (`npm ci`, `make test`, a shared deploy script), and highlighting one cost
 * ~0.4 ms, a third of a job page's render.
 */
import { createShikiHighlighter } from '@astrojs/internal-helpers/shiki';
import { cachedTextAsync } from '../cache/files';

export type CommandLang = 'bash' | 'powershell' | 'python';

const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

const made = new Map<string, Promise<string>>();

/** The language a step's shell runs: PowerShell and Python shells, else bash. */
export function commandLang(shell: string | undefined): CommandLang {
	return /pwsh|powershell/i.test(shell ?? '') ? 'powershell' : /python/i.test(shell ?? '') ? 'python' : 'bash';
}

export function commandHtml(code: string, lang: CommandLang): Promise<string> {
	const key = `${lang}\0${code}`;
	let html = made.get(key);
	if (!html) {
		// Kept between builds too: a rebuild's job pages highlighted their 3,500 distinct commands
		// again (1.6 s at 2,000 jobs); read back, they take a tenth of that.
		html = cachedTextAsync('command-html', key, () => highlight(code, lang));
		made.set(key, html);
	}
	return html;
}

async function highlight(code: string, lang: CommandLang): Promise<string> {
	// The helper loads the language on first use.
	const highlighter = await createShikiHighlighter({ themes: THEMES });
	return highlighter.codeToHtml(code, lang, { defaultColor: 'light', wrap: true, inline: false, transformers: [], attributes: {} });
}
