import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../src/redact/redact';
import { fake, pem } from './fakes';

const shapes = createRedactor({});

describe('createRedactor: well-known token shapes', () => {
	it.each([
		['GitHub personal token', `remote: using ${fake.githubPat} to push`, fake.githubPat],
		['GitHub server token', `  token: ${fake.githubServer}`, fake.githubServer],
		['GitHub fine-grained token', `GH_PAT=${fake.githubFineGrained}`, fake.githubFineGrained],
		['AWS access key id', `aws configure set aws_access_key_id ${fake.awsKeyId}`, fake.awsKeyId],
		['AWS temporary key id', `"AccessKeyId": "${fake.awsTempKeyId}",`, fake.awsTempKeyId],
		['AWS secret after its name', `aws_secret_access_key = ${fake.awsSecret}`, fake.awsSecret],
		['AWS secret in assume-role JSON', `"SecretAccessKey": "${fake.awsSecret}",`, fake.awsSecret],
		['Slack token', `curl -d token=${fake.slack} https://slack.com/api/chat.postMessage`, fake.slack],
		['JWT', `OIDC token: ${fake.jwt}`, fake.jwt],
		['npm token', `//registry.npmjs.org/:_authToken=${fake.npm}`, fake.npm],
		['npm _authToken of another shape', '//npm.example.com/:_authToken=0f3c2a7e-8b1d-4c9a-b6e5', '0f3c2a7e-8b1d-4c9a-b6e5'],
		['GitLab token', `git clone https://oauth2:${fake.gitlab}@gitlab.com/g/p.git`, fake.gitlab],
		['URL password', 'DATABASE_URL is postgres://app:s3cr3t-Pa55@db.internal:5432/app', 's3cr3t-Pa55'],
		['Bearer header', 'curl -H "Authorization: Bearer opaque-token-value-42" https://api.example.com', 'opaque-token-value-42'],
		['Basic header', '> authorization: Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
		['GitLab PRIVATE-TOKEN header', 'curl --header "PRIVATE-TOKEN: plainPrivateToken123" https://gitlab.example.com/api/v4/projects', 'plainPrivateToken123'],
		['pre-signed S3 URL', 'GET https://bucket.s3.amazonaws.com/out?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE&X-Amz-Signature=abcdef0123456789 200', 'IQoJb3JpZ2luX2VjEXAMPLE'],
	])('%s', (_kind, line, secret) => {
		const out = shapes.redact(line);
		expect(out).not.toContain(secret);
		expect(out).toContain(REDACTED);
	});

	it('keeps what surrounds a hidden part: scheme, user, host, header name', () => {
		expect(shapes.redact('redis://default:hunter2hunter2@cache:6379/0')).toBe(`redis://default:${REDACTED}@cache:6379/0`);
		expect(shapes.redact('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
		expect(shapes.redact(`key ${fake.awsKeyId}.`)).toBe(`key ${REDACTED}.`);
	});

	it.each([
		['a short ghp_ prefix', 'see ghp_short for details'],
		['AKIA in prose', 'AWS key ids start with AKIA or ASIA, e.g. AKIA-something'],
		['a setting named like auth', 'POSTGRES_HOST_AUTH_METHOD=trust'],
		['a URL without a password', 'https://user@example.com/path and https://example.com:8080/x'],
		['a reference in a header', 'curl -H "Authorization: Bearer $GITHUB_TOKEN" -H "PRIVATE-TOKEN: ${CI_JOB_TOKEN}"'],
		['an ordinary query string', 'GET /search?q=atlas&page=2&sort=desc'],
		['a JWT-like word', 'eyJ is how base64 JSON starts'],
		['a reference in a URL', 'git push https://x-access-token:${GH_TOKEN}@github.com/o/r.git'],
	])('keeps a near miss: %s', (_kind, line) => {
		expect(shapes.redact(line)).toBe(line);
	});
});

describe('createRedactor: given values', () => {
	it('hides each value and its URL-encoded and base64 forms', () => {
		const secret = 'p@ss word/with+symbols';
		const r = createRedactor({ values: [secret] });
		const base64 = Buffer.from(secret).toString('base64');
		const basic = Buffer.from(`deploy:${secret}`).toString('base64');
		const text = [`echo ${secret}`, `curl "https://x/?p=${encodeURIComponent(secret)}"`, `echo ${base64} | base64 -d`, `extraheader: basic ${basic}`].join('\n');
		const out = r.redact(text);
		expect(out).not.toContain(secret);
		expect(out).not.toContain(encodeURIComponent(secret));
		expect(out).not.toContain(base64.replace(/=+$/, ''));
		// Inside `deploy:<secret>`, the characters that encode only the secret are gone.
		expect(out).not.toContain(basic.slice(12, 28));
		expect(out.split('\n')).toHaveLength(4);
	});

	it('hides the longest of overlapping values whole', () => {
		const r = createRedactor({ values: ['abcd', 'abcdefgh-long-value'] });
		expect(r.redact('x abcdefgh-long-value y abcd z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
	});

	it('ignores values shorter than four characters, which would destroy a log', () => {
		const r = createRedactor({ values: ['1', 'ab', 'dev'] });
		expect(r.redact('step 1 of ab on dev')).toBe('step 1 of ab on dev');
	});

	it('hides a value split by colour codes, keeping the codes', () => {
		const r = createRedactor({ values: ['hunter2-secret'] });
		const out = r.redact('pass=\x1b[1mhunter2\x1b[31m-secret\x1b[0m ok');
		expect(out).toBe(`pass=\x1b[1m${REDACTED}\x1b[31m\x1b[0m ok`);
		expect(createRedactor({}).redact(`\x1b[32m${fake.githubPat.slice(0, 10)}\x1b[0m${fake.githubPat.slice(10)}`)).toBe(`\x1b[32m${REDACTED}\x1b[0m`);
	});

	it('keeps line breaks when a multi-line value is hidden', () => {
		const r = createRedactor({ values: ['line-one-secret\nline-two-secret'] });
		expect(r.redact('a\nline-one-secret\nline-two-secret\nb')).toBe(`a\n${REDACTED}\n${REDACTED}\nb`);
		// Each line on its own too: a log prints one, or prefixes them.
		expect(r.redact('2024-01-01T00:00:00Z line-two-secret')).toBe(`2024-01-01T00:00:00Z ${REDACTED}`);
	});
});

describe('createRedactor: private keys', () => {
	it('hides the body of a key in a whole text, keeping BEGIN, END and the line count', () => {
		const text = ['Writing key', ...pem(), 'done'].join('\n');
		const out = shapes.redact(text);
		for (const line of pem().slice(1, -1)) expect(out).not.toContain(line);
		expect(out.split('\n')).toEqual(['Writing key', '-----BEGIN RSA PRIVATE KEY-----', REDACTED, REDACTED, REDACTED, '-----END RSA PRIVATE KEY-----', 'done']);
	});

	it('redactLines hides a block spanning lines, with GitHub timestamps kept', () => {
		const ts = '2024-05-01T12:00:00.1234567Z ';
		const lines = ['step', ...pem('OPENSSH ').map((l) => ts + l), 'after'];
		const out = createRedactor({}).redactLines(lines);
		expect(out).toHaveLength(lines.length);
		expect(out.slice(2, -2)).toEqual(fake.pemBody.map(() => ts + REDACTED));
		expect(out.at(-1)).toBe('after');
		expect(out.join('\n')).not.toMatch(/MIIE|pH3oZ7/);
	});

	it('redactLines given the lines already joined hides the same, line for line', () => {
		const lines = ['step', ...pem('RSA '), 'token: value-1234 and\nmore', '\x1b[31mvalue-\x1b[0m1234', 'after'];
		const redactor = createRedactor({ values: ['value-1234'] });
		const out = redactor.redactLines(lines, lines.join('\n'));
		expect(out).toEqual(redactor.redactLines(lines));
		expect(out.join('\n')).not.toMatch(/MIIE|pH3oZ7|value-1234|value-\x1b\[0m1234/);
		expect(out).toHaveLength(lines.length);
	});

	it('hides a key printed as one JSON-escaped line', () => {
		const line = `{"private_key": "${pem('').join('\\n')}\\n"}`;
		const out = shapes.redact(line);
		expect(out).not.toContain('MIIE');
		expect(out).toContain(`-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`);
	});

	it('hides the rest of a block that never ends, but not the whole log', () => {
		const lines = ['-----BEGIN EC PRIVATE KEY-----', ...fake.pemBody, ...Array.from({ length: 300 }, (_, i) => `log line ${i}`)];
		const out = shapes.redactLines(lines);
		expect(out.slice(1, 4)).toEqual([REDACTED, REDACTED, REDACTED]);
		expect(out.at(-1)).toBe('log line 299');
	});
});

describe('createRedactor: CI masks', () => {
	it('normalises GitHub *** only as a whole token', () => {
		const r = createRedactor({ ciMasks: 'github' });
		expect(r.redact('token: ***')).toBe(`token: ${REDACTED}`);
		expect(r.redact('https://***@github.com/o/r')).toBe(`https://${REDACTED}@github.com/o/r`);
		for (const kept of ['******', '****', '***bold***', 'a***b', '** note **']) expect(r.redact(kept)).toBe(kept);
	});

	it('normalises GitLab [MASKED] and CircleCI masks only when asked', () => {
		expect(createRedactor({ ciMasks: 'gitlab' }).redact('CI_JOB_TOKEN=[MASKED]')).toBe(`CI_JOB_TOKEN=${REDACTED}`);
		const circle = createRedactor({ ciMasks: 'circleci' });
		expect(circle.redact('  AWS_SECRET_ACCESS_KEY=xxxxWXYZ\n  NPM_TOKEN=**REDACTED**\necho ********')).toBe(
			`  AWS_SECRET_ACCESS_KEY=${REDACTED}\n  NPM_TOKEN=${REDACTED}\necho ${REDACTED}`,
		);
		expect(circle.redact('xxxx marks the spot; ******')).toBe('xxxx marks the spot; ******');
		expect(createRedactor({}).redact('token: *** [MASKED] ********')).toBe('token: *** [MASKED] ********');
		expect(createRedactor({ ciMasks: 'all' }).redact('*** [MASKED]')).toBe(`${REDACTED} ${REDACTED}`);
	});
});

describe('createRedactor: robustness', () => {
	it('never throws, whatever it is given', () => {
		const r = createRedactor({ values: ['value-one'], ciMasks: 'all' });
		for (const text of ['', '\x1b', '\x1b[', '\x1b]8;;', '-----BEGIN PRIVATE KEY-----', '\uD800', 'a\r\n\r\n', undefined as unknown as string]) {
			expect(() => r.redact(text)).not.toThrow();
		}
	});

	it('is idempotent', () => {
		const r = createRedactor({ values: ['value-one'], ciMasks: 'all' });
		const once = r.redact(`value-one postgres://u:pw12345@h *** ${fake.jwt} ${['', ...pem()].join('\n')}`);
		expect(r.redact(once)).toBe(once);
	});

	// Speed is measured by bench/redact.ts; here, a catastrophic pattern would hit the test timeout.
	it('redacts a 700 KB log with 20 values, and survives pathological inputs', () => {
		const values = Array.from({ length: 20 }, (_, i) => `value-${i}-secret-${'x'.repeat(i)}`);
		const r = createRedactor({ values, ciMasks: 'all' });
		let log = '';
		for (let i = 0; log.length < 700_000; i++) {
			log += `2024-05-01T12:00:00.1234567Z \x1b[32mstep ${i}\x1b[0m npm ci https://registry.npmjs.org/p?x=1 ${values[i % 20]} AKIA done ***\n`;
		}
		const out = r.redact(log);
		for (const v of values) expect(out).not.toContain(v);
		expect(out.split('\n')).toHaveLength(log.split('\n').length);
		for (const text of ['eyJaa.'.repeat(120_000), '-----BEGIN PRIVATE KEY-----\n'.repeat(25_000), 'https://user:'.repeat(60_000), '?token=&'.repeat(90_000), '\x1b[31m'.repeat(140_000), 'A_TOKEN='.repeat(90_000)]) {
			expect(typeof r.redact(text)).toBe('string');
		}
	});
});
