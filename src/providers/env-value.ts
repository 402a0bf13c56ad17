/**
 * What a variable's value in a config may name of other variables, by how each CI expands it:
 * GitLab and Bitbucket expand `$NAME` and `${NAME}`; GitHub expands expressions only
 * (`${{ secrets.NAME }}`; a `$NAME` reaches the step's shell as written); CircleCI expands
 * nothing in `environment:` (its docs send you to `$BASH_ENV` for that), nor does Heroku in
 * its config vars.
 */
export type Expansion = 'shell' | 'expression' | 'none';

/**
 * Upper case only: GitLab keeps `$name` as written when no variable has that name, and a
 * generated password may begin with `$` (`$Kx9vTq2`). A variable's name is conventionally upper case.
 */
const SHELL_REFERENCE = String.raw`\$\{[A-Z_][A-Z0-9_]*\}|\$[A-Z_][A-Z0-9_]*`;
const EXPRESSION_REFERENCE = String.raw`\$\{\{\s*(?:secrets|vars|env)\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}`;
const ONLY: Record<Exclude<Expansion, 'none'>, RegExp> = {
	shell: new RegExp(String.raw`^\s*(?:(?:${SHELL_REFERENCE})\s*)+$`),
	expression: new RegExp(String.raw`^\s*(?:(?:${EXPRESSION_REFERENCE})\s*)+$`),
};

/**
 * `text` trimmed when it is nothing but references to other variables, as the CI expands them:
 * what a secret-named variable may show of its value (`POSTGRES_PASSWORD: $TEST_DB_PASSWORD`).
 * Undefined for anything with a literal in it, however short.
 */
export function referencesOnly(text: string, expansion: Expansion): string | undefined {
	if (expansion === 'none') return undefined;
	return ONLY[expansion].test(text) ? text.trim() : undefined;
}
