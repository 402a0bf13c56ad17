import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretValuesIn } from '../../src/redact/redact';
import { isSecretName, secretNames } from '../../src/redact/secret-names';

describe('secretValuesIn', () => {
	it('finds ::add-mask:: values, with GitHub timestamps and colours around', () => {
		expect(secretValuesIn('2024-05-01T12:00:00.1234567Z ::add-mask::dynamic-secret-42\n\x1b[36m::add-mask::another-one\x1b[0m')).toEqual([
			'dynamic-secret-42',
			'another-one',
		]);
	});

	it("finds values in a GitHub step's env: block", () => {
		const log = [
			'2024-05-01T12:00:00.0000000Z ##[group]Run npm publish',
			'2024-05-01T12:00:00.0000000Z npm publish',
			'2024-05-01T12:00:00.0000000Z shell: /usr/bin/bash -e {0}',
			'2024-05-01T12:00:00.0000000Z env:',
			'2024-05-01T12:00:00.0000000Z   NODE_AUTH_TOKEN: plain-npm-token',
			'2024-05-01T12:00:00.0000000Z   GITHUB_TOKEN: ***',
			'2024-05-01T12:00:00.0000000Z   NODE_ENV: production',
			'2024-05-01T12:00:00.0000000Z ##[endgroup]',
		].join('\n');
		expect(secretValuesIn(log)).toEqual(['plain-npm-token']);
	});

	it("finds values in CircleCI's Preparing environment variables output", () => {
		const output = [
			'Using build environment variables:',
			'  BASH_ENV=/tmp/.bash_env-63e2',
			'  CIRCLE_BRANCH=main',
			'  CIRCLE_OIDC_TOKEN=oidc.value.here',
			'  CIRCLE_OIDC_TOKEN_V2=oidc2.value.here',
			'Using environment variables from project settings and/or contexts:',
			'  HEROKU_API_KEY=**REDACTED**',
			'  SENTRY_DSN="https://abc@sentry.io/1"',
			'  POSTGRES_HOST_AUTH_METHOD=trust',
		].join('\r\n');
		expect(secretValuesIn(output)).toEqual(['oidc.value.here', 'oidc2.value.here', 'https://abc@sentry.io/1']);
	});

	it('finds exported and traced assignments, unquoting them', () => {
		const text = [
			`export DOCKER_PASSWORD='quoted pass'`,
			'+ export API_KEY="dq\\"value" && make',
			'$ SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T0/B0/XYZ ./notify.sh',
			'docker run -e DB_PASSWORD=inline-pass -e PORT=5432 image',
			'{"client_secret": "json-secret-1", "client_id": "public"}',
			'  github-token: yaml-input-token',
		].join('\n');
		expect(secretValuesIn(text)).toEqual(['quoted pass', 'dq"value', 'https://hooks.slack.com/services/T0/B0/XYZ', 'inline-pass', 'json-secret-1', 'yaml-input-token']);
	});

	it('ignores masks, references, short values and names that are not secret', () => {
		const text = [
			'GITHUB_TOKEN: ***',
			'CI_JOB_TOKEN=[MASKED]',
			'NPM_TOKEN=********',
			'AWS_SECRET_ACCESS_KEY=xxxxWXYZ',
			'export API_TOKEN=$API_TOKEN',
			'GH_TOKEN: ${{ secrets.GH_TOKEN }}',
			'DB_PASSWORD=${DB_PASSWORD:-dev}',
			'SHORT_TOKEN=abc',
			'PIN_PASSWORD=1',
			'SOME_SECRET=null',
			'POSTGRES_HOST_AUTH_METHOD=trust',
			'JVM_OPTS=-Xmx3200m',
		].join('\n');
		expect(secretValuesIn(text)).toEqual([]);
	});

	it('accepts its own idea of a secret name', () => {
		expect(secretValuesIn('MY_SPECIAL=value-1234\nOTHER=value-5678', (name) => name === 'MY_SPECIAL')).toEqual(['value-1234']);
	});
});

describe('secretValuesIn with the names of a configuration', () => {
	const marked = ['DATABASE_URL', 'deploy.target', 'ODD'];
	const names = secretNames(marked);
	const everyLine = (name: string) => marked.includes(name) || isSecretName(name);
	const texts = [
		'2024-05-01T12:00:00.1234567Z DATABASE_URL=postgres://u:pw@db/app\nnothing here: at all\nODD=value-odd-1',
		// A colour code inside a name or an add-mask hides neither.
		'\x1b[36mAPI_TO\x1b[1mKEN\x1b[0m=coloured-token-1\n::add\x1b[0m-mask::masked-by-colour\n  DATABASE-URL: yaml-spelled-url\n  database-url: other-case-1',
		'deploy.target: dotted-target-1\ndeploy-target: not-the-name-1\nDEPLOY_TARGET=not-marked-1\n{"client_secret": "json-secret-2"}\nexport PLAIN=value-plain-1',
		'\r\nlast line without a break: SECRET_KEY=at-the-end-1',
		'token\ntoken\nGH_TOKEN=after-two-mentions\n\n',
		// Without any escape code, a text is searched for the plain names: add-mask too.
		'plain log\n::add-mask::plain-mask-value-1\n',
	];

	it('finds what reading every line finds wherever colour codes fall, inside names or not', () => {
		// Lines of assignments and mentions with escape sequences dropped in at random places:
		// between a name's letters (found only through escapes), beside them, in values, in OSC links.
		const escapes = ['\x1b[0m', '\x1b[1;32m', '\x1b[36m\x1b[1m', '\x1b]8;;https://x.test/token\x07', '\x1b(B'];
		const pieces = ['DATABASE_URL=', 'API_TOKEN=', 'deploy.target: ', '::add-mask::', 'GH_TOKEN: ', 'PLAIN=', 'export ODD=', 'value-one-1', 'db://u:pw@h/x', ' ', '\n', 'token ', '"client_secret": "json-2"'];
		const line = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...escapes)), { maxLength: 12 });
		// Escapes also inside a piece, between any two of its characters.
		const text = fc.array(fc.tuple(line, fc.nat(), fc.constantFrom(...escapes)), { maxLength: 8 }).map((lines) =>
			lines.map(([parts, at, escape]) => {
				const joined = parts.join('');
				const cut = joined.length === 0 ? 0 : at % joined.length;
				return joined.slice(0, cut) + escape + joined.slice(cut);
			}).join('\n'),
		);
		let found = 0;
		fc.assert(
			fc.property(text, (t) => {
				const values = secretValuesIn(t, names);
				found += values.length;
				expect(values, JSON.stringify(t)).toEqual(secretValuesIn(t, everyLine));
			}),
			{ numRuns: 3000, seed: 44 },
		);
		expect(found).toBeGreaterThan(1000);
	});

	it('finds what reading every line finds, skipping lines that name no secret', () => {
		for (const text of texts) expect(secretValuesIn(text, names), JSON.stringify(text)).toEqual(secretValuesIn(text, everyLine));
		expect(texts.flatMap((text) => secretValuesIn(text, names))).toEqual([
			'postgres://u:pw@db/app',
			'value-odd-1',
			'coloured-token-1',
			'masked-by-colour',
			'yaml-spelled-url',
			'dotted-target-1',
			'json-secret-2',
			'at-the-end-1',
			'after-two-mentions',
			'plain-mask-value-1',
		]);
	});
});
