/**
 * Text that marks code with backticks (built-in explanations, diagnostics, the notes providers
 * add to parameters), cut into its text and code parts; shown as text and `<code>`, never as
 * HTML. A lone or empty pair of backticks stays text.
 */
export function codeSegments(text: string): ({ text: string } | { code: string })[] {
	return text
		.split(/(`[^`]+`)/)
		.filter((part) => part !== '')
		.map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? { code: part.slice(1, -1) } : { text: part }));
}
