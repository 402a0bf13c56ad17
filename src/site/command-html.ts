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

/**
 * github-dark's comments (#6A737D) are 3.0:1 on its background (#24292E), under WCAG's 4.5:1:
 * drawn in its grey for plain text on that background instead (#959DA5, 5.3:1). The light
 * theme's comments pass as they are.
 */
const READABLE_DARK: Record<string, string> = { '#6A737D': '#959DA5' };

async function highlight(code: string, lang: CommandLang): Promise<string> {
	// The helper loads the language on first use.
	const highlighter = await createShikiHighlighter({ themes: THEMES });
	const html = await highlighter.codeToHtml(code, lang, { defaultColor: 'light', wrap: true, inline: false, transformers: [], attributes: {} });
	return html.replace(/--shiki-dark:(#[0-9A-Fa-f]{6})/g, (all, color: string) => (READABLE_DARK[color.toUpperCase()] ? `--shiki-dark:${READABLE_DARK[color.toUpperCase()]}` : all));
}
