/**
 * Names whose values are secret by convention. Used on ingestion so a value never enters the
 * model: providers store such variables by name only. `AUTH` alone is not enough
 * (`POSTGRES_HOST_AUTH_METHOD` is a setting), so only credential-shaped words count.
 */
const SECRET_WORD =
	/(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PASS|PASSPHRASE|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|DSN|WEBHOOK(_URL)?)(_|$)|(^|_)KEY$|^CIRCLE_OIDC_TOKEN/i;

export function isSecretName(name: string): boolean {
	return SECRET_WORD.test(name);
}
