/** The one visible marker every redaction, and every CI's own mask, becomes. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are never treated as secrets: masking `1` or `dev` everywhere would
 * destroy a log for no protection (a secret that short can be guessed anyway).
 */
export const MIN_SECRET_LENGTH = 4;

/** What CIs and shells show instead of a value: already a mask, or a reference to one. */
const PLACEHOLDER =
	/^(?:\*+|\[(?:MASKED|masked|redacted|REDACTED)\]|\*\*REDACTED\*\*|x{4,}\S{0,4}|\$\{\{[\s\S]*\}\}|(?:\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\}|\([^)]*\)?))+|<<[\s\S]*>>|%[A-Za-z_][A-Za-z0-9_]*%|null|nil|none|true|false|undefined|empty|unset)$/i;

/**
 * A value that is a mask (`***`, `[MASKED]`, CircleCI's `xxxx1234`), a `$VAR`/`${{ secrets.X }}`
 * reference or a word like `null`: remembering it as a secret would only eat ordinary text.
 * `$2b$10$...` (a bcrypt hash) or `$ecret!` are not references: the whole value must be ones.
 */
export function isPlaceholder(value: string): boolean {
	return PLACEHOLDER.test(value);
}

/** Worth remembering as a secret value: long enough and not a mask or reference. */
export function isSecretValue(value: string): boolean {
	return value.length >= MIN_SECRET_LENGTH && !isPlaceholder(value);
}
