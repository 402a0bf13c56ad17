import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../src/redact/secret-names';

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
