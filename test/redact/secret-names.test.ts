import { describe, expect, it } from 'vitest';
import { isSecretName, SECRET_WORD, secretNames } from '../../src/redact/secret-names';

describe('isSecretName', () => {
	it.each(['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'DOCKER_PASSWORD', 'HEROKU_API_KEY', 'SENTRY_DSN', 'DSN', 'SSH_KEY', 'SLACK_WEBHOOK_URL', 'CIRCLE_OIDC_TOKEN_V2', 'npm_token'])(
		'%s is secret',
		(name) => expect(isSecretName(name)).toBe(true),
	);
	it.each(['POSTGRES_HOST_AUTH_METHOD', 'DOCKER_REPO', 'CIRCLE_BRANCH', 'KEYBOARD_LAYOUT', 'TOKENIZER_PATH', 'BYPASS_CACHE', 'JVM_OPTS'])(
		'%s is not secret',
		(name) => expect(isSecretName(name)).toBe(false),
	);
});

describe('secretNames', () => {
	// Every word SECRET_WORD knows, alone and inside a longer name: the mention must find them all.
	const words = [...new Set(SECRET_WORD.source.match(/[A-Z]{2,}/g))];
	const candidates = words.flatMap((w) => [w, `X_${w}`, `${w}_X`, `X_${w}_Y`, w.toLowerCase(), `API_${w}`, `${w}_URL`, `CIRCLE_OIDC_${w}`]);

	it('mentions every name that looks secret', () => {
		const { mention } = secretNames();
		const secret = candidates.filter(isSecretName);
		expect(secret.length).toBeGreaterThan(words.length);
		for (const name of secret) expect(mention.test(name), name).toBe(true);
	});

	it('mentions them through colour codes and links anywhere inside, as stripping the line would show them', () => {
		const { mentionThroughEscapes } = secretNames(['DEPLOY_HOOK']);
		const codes = ['\x1b[1m', '\x1b[0;32m', '\x1b]8;;https://x\x07', '\x1b[1m\x1b[0m'];
		for (const name of [...candidates.filter(isSecretName), 'deploy-hook']) {
			for (let i = 0; i <= name.length; i++) {
				const coloured = `x ${name.slice(0, i)}${codes[i % codes.length]}${name.slice(i)}=v`;
				expect(mentionThroughEscapes.test(coloured), JSON.stringify(coloured)).toBe(true);
			}
		}
		// Only through escapes: other text between the letters is no mention.
		expect(mentionThroughEscapes.test('TO KEN=v, DEPLOY HOOK=v')).toBe(false);
	});

	it('tests and mentions the names a configuration marks, spelled with -, . or _', () => {
		const names = secretNames(['DATABASE_URL', 'my.var', 'odd name']);
		expect(names.test('DATABASE_URL')).toBe(true);
		expect(names.test('my.var')).toBe(true);
		expect(names.test('GITHUB_TOKEN')).toBe(true);
		expect(names.test('DATABASE')).toBe(false);
		for (const text of ['DATABASE_URL=x', 'database-url: x', 'DATABASE.URL=x', 'my_var=x', 'my-var: x']) expect(names.mention.test(text), text).toBe(true);
		expect(names.mention.test('DATABASE=x, URL=y')).toBe(false);
	});
});
