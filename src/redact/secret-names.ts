import { throughEscapes } from './ansi';

/**
 * Names whose values are secret by convention. Used on ingestion so a value never enters the
 * model: providers store such variables by name only. `AUTH` alone is not enough
 * (`POSTGRES_HOST_AUTH_METHOD` is a setting), so only credential-shaped words count.
 */
export const SECRET_WORD =
	/(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PASS|PASSPHRASE|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|DSN|WEBHOOK(_URL)?)(_|$)|(^|_)KEY$|^CIRCLE_OIDC_TOKEN/i;

/**
 * A part every name SECRET_WORD takes holds, in any case. Keep it in step with SECRET_WORD:
 * it may match more names than that does, never fewer.
 */
const SECRET_WORD_PARTS = ['token', 'secret', 'pass', 'key', 'credential', 'dsn', 'webhook'];

export function isSecretName(name: string): boolean {
	return SECRET_WORD.test(name);
}

/**
 * The names whose values are secret in one context, and how to skip text that names none:
 * a log of a million lines holds a handful that assign a variable worth a look.
 */
export interface SecretNames {
	test(name: string): boolean;
	/**
	 * Found (case-insensitively) in every text holding such a name, also spelled with `-` or
	 * `.` for `_` (`api-key` for an input `API_KEY`); a text without a match names none.
	 */
	mention: RegExp;
	/**
	 * mention for lines of terminal output with their escape sequences still in: it matches a
	 * line wherever mention matches that line stripped of them (see throughEscapes).
	 */
	mentionThroughEscapes: RegExp;
}

/** Names that look secret, and the names a configuration marks secret. */
export function secretNames(marked: Iterable<string> = []): SecretNames {
	const set = new Set(marked);
	// Only a variable-like name can be found in a text; the others need no mention.
	const spelled = [...set].filter((name) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)).map((name) => [...name].map((c) => (/[-._]/.test(c) ? '[-._]' : c)));
	const words = [...SECRET_WORD_PARTS.map((word) => [...word]), ...spelled];
	return {
		test: (name) => set.has(name) || isSecretName(name),
		mention: new RegExp(words.map((pieces) => pieces.join('')).join('|'), 'i'),
		mentionThroughEscapes: new RegExp(words.map(throughEscapes).join('|'), 'i'),
	};
}
