/**
 * Secrets planted in a copy of the example pipelines' configs and recorded runs must appear
 * nowhere in the built site: not in a page, a search record, the pagefind index, a log
 * download, an image or a zip, in any encoding a reader (or a scraper) could undo.
 *
 * `${{ secrets.X }}` and `$X` are references, never values: nothing to plant for them. What is
 * planted are values: in a CircleCI job's environment and commands, and in the recorded runs of
 * all three CIs (step output messages, a step name, GitHub and GitLab logs).
 *
 * Lives in the unit project (its include, `test/**`, already holds it; the CLI tests build
 * sites there too): it builds its own site from a temp folder and needs no browser.
 */
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEntities, hashTree, repoRoot, runCli, transcript, type CliResult } from '../cli/support/cli';
import { tempDir } from '../support/temp';

// Credential-shaped values, assembled at run time so the repository holds none that secret
// scanners would flag (as test/redact/fakes.ts does). Each is unique to this test.
const j = (...parts: string[]) => parts.join('');
const PEM_BODY = ['MIIEpQIBAAKCAQEAplantedKeyLineOne0123456789abcdefghijklmnopqrstuv', 'PlantedKeyLineTwo+9876543210ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvuts', 'plantedTail77=='];
const SECRETS = {
	apiToken: j('at', 'Plnt', '7Qw9Er2Ty4Ui8Op'),
	dbPassword: j('db', 'Plnt', 'Zx8Cv6Bn4Mq2'),
	configUrlPassword: j('cfg', 'Knwn', 'Url5Pw3d9'),
	configGhp: j('gh', 'p_', 'CfgKnwn', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O'),
	maskValue: j('mask', 'Plnt', 'Hq4Wz8Lp2Rv6'),
	ghp: j('gh', 'p_', 'LogPlnt', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L'),
	githubPat: j('github', '_pat_', '11PLNT0123456789abc_', 'xYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789plntdefghijklmnopq'),
	awsKeyId: j('AK', 'IA', 'PLNT5TUVWXYZ2345'),
	awsSecret: j('plNt9XUtnFEMI/K7MDENG/', 'bPxRfiCYPLANTKEY01'),
	slack: j('xo', 'xb-', '998877665544-1122334455667-PlNtEfGhIjKlMnOpQrStUvWx'),
	jwt: j('ey', 'JhbGciOiJIUzI1NiJ9', '.', 'ey', 'JzdWIiOiJwbGFudGVkLXN1YmplY3QifQ', '.', 'PlNtgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
	urlPassword: j('p4ss', 'w0rd-', 'value'),
	glpat: j('gl', 'pat-', 'PlNt12Ab34Cd56Ef78Gh90'),
	oidc: j('oidc', 'Plnt', 'Kd93Jf02Lm47Qp18Zx65Vb'),
	sentryKey: j('5e1d', 'a0c7', 'plnt4b2e9f3a8c6d1e7b0f'),
	clientSecret: j('cs', 'Plnt', 'Wm3Xn8Yb5Zc1'),
	stepNameToken: j('dt', 'Plnt', 'Rt6Yu1Io9Pa4'),
};
/** Lowercase markers inside the values: `plnt` in all but the PEM lines, the URL password and the known leaks (`knwn`). */
const MARKERS = ['plnt', 'plantedkeyline', 'plantedtail', 'p4ssw0rd'];
const SENTRY_DSN = `https://${SECRETS.sentryKey}@o450000.ingest.sentry.io/4500001`;
const PEM = [`-----BEGIN RSA PRIVATE KEY-----`, ...PEM_BODY, `-----END RSA PRIVATE KEY-----`];

/**
 * What must not be found, and what must be (a plain word planted beside each secret, so a
 * plant the build dropped cannot pass for a plant it hid).
 */
interface Plant {
	what: string;
	needles: string[];
	/** A site file (relative to dist) and text it must show; `[redacted]` where the secret was, when given. */
	shown: { file: string; text: string };
}

const LETTINGS_RUN = 'pipelines/lettings-django/runs/circleci-366/index.html';
const STOREFRONT_RUN = 'pipelines/storefront-web/runs/github-11873421907-test-22-ubuntu-latest/index.html';
const PAYMENTS_RUN = 'pipelines/payments-api/runs/gitlab-7724519306/index.html';
const LETTINGS_JOB = 'pipelines/lettings-django/jobs/run_tests/index.html';

const PLANTS: Plant[] = [
	{ what: 'CircleCI job environment API_TOKEN', needles: [SECRETS.apiToken], shown: { file: LETTINGS_JOB, text: 'API_TOKEN' } },
	{ what: 'CircleCI job environment DB_PASSWORD', needles: [SECRETS.dbPassword], shown: { file: LETTINGS_JOB, text: 'DB_PASSWORD' } },
	{ what: 'a run log line echoing API_TOKEN=', needles: [SECRETS.apiToken], shown: { file: LETTINGS_RUN, text: 'canary-echo API_TOKEN=[redacted]' } },
	{ what: 'a value in a CircleCI v1.1 output JSON message ({"client_secret": ...})', needles: [SECRETS.clientSecret], shown: { file: LETTINGS_RUN, text: 'canary-json' } },
	{ what: 'a JWT in a CircleCI log', needles: [SECRETS.jwt, SECRETS.jwt.split('.')[2]!], shown: { file: LETTINGS_RUN, text: 'canary-jwt id_token [redacted]' } },
	{ what: 'CIRCLE_OIDC_TOKEN= in "Preparing environment variables"', needles: [SECRETS.oidc], shown: { file: LETTINGS_RUN, text: 'CIRCLE_OIDC_TOKEN=[redacted]' } },
	{ what: 'SENTRY_DSN= in "Preparing environment variables"', needles: [SENTRY_DSN, SECRETS.sentryKey], shown: { file: LETTINGS_RUN, text: 'SENTRY_DSN=[redacted]' } },
	{ what: 'a token in a run step name', needles: [SECRETS.stepNameToken], shown: { file: LETTINGS_RUN, text: 'Upload results with DEPLOY_TOKEN=[redacted]' } },
	{ what: 'GitHub ::add-mask:: value printed later', needles: [SECRETS.maskValue], shown: { file: STOREFRONT_RUN, text: 'canary-mask signing with [redacted]' } },
	{ what: 'a GitHub token ghp_', needles: [SECRETS.ghp], shown: { file: STOREFRONT_RUN, text: 'canary-ghp' } },
	{ what: 'a GitHub fine-grained token github_pat_', needles: [SECRETS.githubPat], shown: { file: STOREFRONT_RUN, text: 'canary-pat' } },
	{ what: 'an AWS access key id', needles: [SECRETS.awsKeyId], shown: { file: STOREFRONT_RUN, text: 'canary-aws-id' } },
	{ what: 'an AWS secret after aws_secret_access_key=', needles: [SECRETS.awsSecret], shown: { file: STOREFRONT_RUN, text: 'canary-aws-secret aws_secret_access_key=[redacted]' } },
	{ what: 'a PEM private key spanning lines', needles: PEM_BODY, shown: { file: STOREFRONT_RUN, text: '-----BEGIN RSA PRIVATE KEY-----' } },
	{ what: 'a Slack bot token', needles: [SECRETS.slack], shown: { file: PAYMENTS_RUN, text: 'canary-slack' } },
	{ what: 'a password in https://user:…@host/', needles: [SECRETS.urlPassword], shown: { file: PAYMENTS_RUN, text: 'canary-url https://user:[redacted]@host/' } },
	{ what: 'a GitLab token glpat-', needles: [SECRETS.glpat], shown: { file: PAYMENTS_RUN, text: 'canary-glpat' } },
];

/** Credentials written straight into a config, not under a secret-looking name: masked by token shape on ingestion. */
const CONFIG_LEAKS: Plant[] = [
	{ what: 'a password in a URL in a CircleCI job environment', needles: [SECRETS.configUrlPassword], shown: { file: LETTINGS_JOB, text: 'ARTIFACT_INDEX' } },
	{ what: 'a GitHub token in a CircleCI run command', needles: [SECRETS.configGhp], shown: { file: LETTINGS_JOB, text: 'Report the status to GitHub' } },
];

let root = '';
let before: Record<string, string> = {};
let result: CliResult;
let args: string[] = [];
/** Every file of dist as searchable texts: its path, its bytes, and what it holds decompressed or unzipped. */
let haystacks: { where: string; text: string; lower: string }[] = [];

/** Inserts `lines` after the first line containing `after`, keeping the file's line ending. */
function insertAfter(file: string, after: string, lines: string[]): void {
	const text = readFileSync(file, 'utf8');
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const all = text.split(eol);
	const at = all.findIndex((l) => l.includes(after));
	if (at === -1) throw new Error(`no line with ${JSON.stringify(after)} in ${file}`);
	all.splice(at + 1, 0, ...lines);
	writeFileSync(file, all.join(eol));
}

/** Rewrites the message of a CircleCI v1.1 step output file. */
function editOutput(file: string, edit: (message: string) => string): void {
	const output = JSON.parse(readFileSync(file, 'utf8')) as { message: string }[];
	output[0]!.message = edit(output[0]!.message);
	writeFileSync(file, JSON.stringify(output, null, 1));
}

function plant(pipelines: string): void {
	// CircleCI config: the job's environment, a URL with a password, a token in a command.
	const config = join(pipelines, 'lettings-django/.circleci/config.yml');
	insertAfter(config, 'DATABASE_URL: postgres://lettings@localhost:5432/lettings_test', [
		`      API_TOKEN: ${SECRETS.apiToken}`,
		`      DB_PASSWORD: "${SECRETS.dbPassword}"`,
		`      ARTIFACT_INDEX: https://deploy:${SECRETS.configUrlPassword}@pypi.example.com/simple/`,
	]);
	insertAfter(config, 'command: dockerize -wait tcp://localhost:5432 -timeout 1m', [
		'      - run:',
		'          name: Report the status to GitHub',
		`          command: 'curl -H "Authorization: token ${SECRETS.configGhp}" https://api.github.com/repos/example-org/lettings-django/statuses/$CIRCLE_SHA1'`,
	]);

	// CircleCI run: v1.1 output messages and a step name.
	const run = join(pipelines, 'lettings-django/runs/circleci-366');
	editOutput(join(run, 'output-11-0.json'), (m) =>
		[
			`+ echo API_TOKEN=${SECRETS.apiToken}`,
			`canary-echo API_TOKEN=${SECRETS.apiToken}`,
			`canary-json {"client_secret": "${SECRETS.clientSecret}", "scope": "read"}`,
			`canary-jwt id_token ${SECRETS.jwt}`,
			`canary-later sent ${SECRETS.apiToken} and ${SECRETS.clientSecret} again`,
			'',
		].join('\r\n') + m,
	);
	editOutput(join(run, 'output-1-0.json'), (m) =>
		m.replace(/CIRCLE_OIDC_TOKEN=[^\r\n]*/, `CIRCLE_OIDC_TOKEN=${SECRETS.oidc}`).replace('SENTRY_DSN=**REDACTED**', `SENTRY_DSN=${SENTRY_DSN}`),
	);
	const build = JSON.parse(readFileSync(join(run, 'build.json'), 'utf8')) as { steps: { name: string; actions: { name: string }[] }[] };
	const upload = build.steps.find((s) => s.name === 'Uploading test results')!;
	upload.name = upload.actions[0]!.name = `Upload results with DEPLOY_TOKEN=${SECRETS.stepNameToken}`;
	writeFileSync(join(run, 'build.json'), JSON.stringify(build, null, 1));

	// GitHub Actions run: each line with the runner's timestamp.
	const stamp = (line: string) => `2026-10-15T14:03:24.9453000Z ${line}`;
	insertAfter(join(pipelines, 'storefront-web/runs/github-11873421907/test (22, ubuntu-latest)/4_Unit tests.txt'), 'NEXT_TELEMETRY_DISABLED: 1', [
		`::add-mask::${SECRETS.maskValue}`,
		`canary-ghp pushing with ${SECRETS.ghp}`,
		`canary-pat fine-grained ${SECRETS.githubPat}`,
		`canary-aws-id aws_access_key_id = ${SECRETS.awsKeyId}`,
		`canary-aws-secret aws_secret_access_key=${SECRETS.awsSecret}`,
		...PEM,
		`canary-mask signing with ${SECRETS.maskValue}`,
	].map(stamp));

	// GitLab trace.
	insertAfter(join(pipelines, 'payments-api/runs/gitlab-7724519306/trace.log'), 'database is at version 3', [
		`canary-slack notifying with ${SECRETS.slack}`,
		`canary-url https://user:${SECRETS.urlPassword}@host/`,
		`canary-glpat registry login ${SECRETS.glpat}`,
	]);
}

/** Every file under `dir`, relative to it. */
function filesOf(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
		.sort();
}

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** An SVG's visible text: tags dropped, entities decoded, whitespace removed, so a value split across `<tspan>`s or wrapped lines joins up again. */
const svgText = (svg: string) => decodeEntities(svg.replace(/<[^>]*>/g, '')).replace(/\s+/g, '');

function haystack(where: string, text: string): void {
	haystacks.push({ where, text, lower: text.toLowerCase() });
}

function addHaystacks(where: string, bytes: Uint8Array): void {
	haystack(where, Buffer.from(bytes).toString('latin1'));
	if (/\.svg$/i.test(where)) haystack(`${where} (text)`, svgText(Buffer.from(bytes).toString('utf8')));
	if (/\.(html|txt)$/i.test(where)) haystack(`${where} (decoded)`, decodeEntities(Buffer.from(bytes).toString('utf8')));
}

function readDist(dist: string): void {
	haystacks = [];
	for (const file of filesOf(dist)) {
		const bytes = new Uint8Array(readFileSync(join(dist, file)));
		haystack(`${file} (file name)`, file);
		if (file.startsWith('pagefind/') && isGzip(bytes)) {
			// Pagefind's fragments, index, filter and meta files are gzip (with a `pagefind_dcd` prefix inside).
			addHaystacks(`${file} (gunzipped)`, new Uint8Array(gunzipSync(bytes)));
		} else if (file.endsWith('.zip')) {
			// None is built today ("Download all" zips in the browser), but one would be read whole.
			for (const [name, entry] of Object.entries(unzipSync(bytes))) {
				haystack(`${file}: ${name} (entry name)`, name);
				// The PNGs are rendered from these SVGs (resvg): their text is what the pictures show.
				addHaystacks(`${file}: ${name}`, entry);
			}
		} else {
			// Every other file as it is: pages, JSON, log downloads, SVGs. The PNGs too, though
			// their bytes are compressed pixels: what a PNG shows is checked through the SVG beside
			// it, which the PNG is rendered from.
			addHaystacks(file, bytes);
		}
	}
}

/** How a value could still be read: as is, escaped, URL-encoded, base64, squeezed into a pagefind word or a file-name slug. */
function forms(value: string): { form: string; caseless: boolean }[] {
	const out = new Map<string, boolean>();
	const add = (form: string, caseless: boolean) => {
		if (form.length >= 8 && !out.has(form)) out.set(form, caseless);
	};
	add(value, true);
	add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'), true);
	add(JSON.stringify(value).slice(1, -1), true);
	if (value.length >= 8) {
		add(encodeURIComponent(value), true);
		// Base64 at each of the three byte alignments a value can have inside a longer encoded text.
		const bytes = Buffer.from(value, 'utf8');
		for (const shift of [0, 1, 2]) {
			const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
			const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
			add(core, false);
			add(core.replaceAll('+', '-').replaceAll('/', '_'), false);
		}
		// Pagefind indexes words lowercased with punctuation dropped; file names use slugs.
		add(value.replace(/[^A-Za-z0-9_]/g, ''), true);
		add(value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), true);
	}
	return [...out].map(([form, caseless]) => ({ form, caseless }));
}

/** Where a needle is found in any form: one line per file (and needle), with what surrounds it. */
function findings(needles: readonly string[]): string[] {
	const found = new Map<string, string>();
	for (const needle of needles) {
		for (const { form, caseless } of forms(needle)) {
			const f = caseless ? form.toLowerCase() : form;
			for (const h of haystacks) {
				const key = `${needle}\0${h.where}`;
				if (found.has(key)) continue;
				const text = caseless ? h.lower : h.text;
				const at = text.indexOf(f);
				if (at !== -1) found.set(key, `${h.where}: ${JSON.stringify(h.text.slice(Math.max(0, at - 60), at + f.length + 20))}`);
			}
		}
	}
	return [...found.values()];
}

/** The page shows the text planted around a secret: the plant was read (and, where the text says so, hidden). */
function expectShown(shown: Plant['shown']): void {
	expect(result.status, transcript(args, result)).toBe(0);
	const page = haystacks.find((h) => h.where === `${shown.file} (decoded)`);
	expect(page, `${shown.file} in dist`).toBeDefined();
	expect(page!.text).toContain(shown.text);
}

beforeAll(async () => {
	root = tempDir('atlas-planted-');
	cpSync(join(repoRoot, 'pipelines'), join(root, 'pipelines'), { recursive: true });
	cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
	plant(join(root, 'pipelines'));
	before = { ...prefixed('pipelines', hashTree(join(root, 'pipelines'))), ...prefixed('content', hashTree(join(root, 'content'))) };
	args = ['build', '--pipelines', join(root, 'pipelines'), '--content', join(root, 'content'), '--out', join(root, 'dist')];
	result = await runCli(args, { timeoutMs: 400_000 });
	if (result.status === 0) readDist(join(root, 'dist'));
}, 420_000);

afterAll(() => {
	if (root) rmSync(root, { recursive: true, force: true });
});

function prefixed(prefix: string, tree: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(tree).map(([k, v]) => [`${prefix}/${k}`, v]));
}

describe('secrets planted in configs and run logs', () => {
	it('build into a site', () => {
		expect(result.status, transcript(args, result)).toBe(0);
		expect(haystacks.some((h) => h.where.startsWith('pagefind/') && h.where.includes('gunzipped')), 'pagefind files read').toBe(true);
		expect(haystacks.some((h) => /\/runs\/[^/]+\/images\/[^/]+\.svg \(text\)$/.test(h.where)), 'run image SVGs read').toBe(true);
	});

	it.each(PLANTS)('$what: the plant reaches the site, its secret does not', ({ needles, shown }) => {
		expectShown(shown);
		expect(findings(needles)).toEqual([]);
	});

	// The plants of the known leaks do reach the site (so `.fails` below fails for the leak).
	it.each(CONFIG_LEAKS)('$what: the plant reaches the site', ({ shown }) => expectShown(shown));

	it.each(CONFIG_LEAKS)('$what: its secret does not reach the site', ({ needles, shown }) => {
		expectShown(shown);
		expect(findings(needles)).toEqual([]);
	});

	it('leaves no secret in any file of the site, whatever its form', () => {
		expect(result.status).toBe(0);
		expect(haystacks.length).toBeGreaterThan(100);
		expect(findings(Object.values(SECRETS).concat(SENTRY_DSN, PEM_BODY))).toEqual([]);
		// No piece either (a value cut short by a line limit, half a token left beside a marker):
		// every planted value carries one of these markers, which nothing else on the site does.
		const pieces = haystacks.flatMap((h) =>
			MARKERS.flatMap((m) => {
				const at = h.lower.indexOf(m);
				return at === -1 ? [] : [`${h.where}: ${JSON.stringify(h.text.slice(Math.max(0, at - 40), at + 40))}`];
			}),
		);
		expect(pieces).toEqual([]);
	});

	it('hides the secrets in the stage images too', () => {
		// The stage's SVG (the PNG is drawn from it) shows the planted lines, redacted.
		const svg = haystacks.find((h) => /^pipelines\/storefront-web\/runs\/github-11873421907-test-22-ubuntu-latest\/images\/[^/]*-04-unit-tests\.svg \(text\)$/.test(h.where));
		expect(svg, 'the Unit tests stage SVG').toBeDefined();
		expect(svg!.text).toContain('canary-masksigningwith[redacted]');
		expect(findings([SECRETS.maskValue, SECRETS.awsSecret, ...PEM_BODY]).filter((f) => f.includes('/images/'))).toEqual([]);
	});

	it('changes nothing in the folders it reads', () => {
		const after = { ...prefixed('pipelines', hashTree(join(root, 'pipelines'))), ...prefixed('content', hashTree(join(root, 'content'))) };
		expect(Object.keys(after).length).toBeGreaterThan(20);
		expect(after).toEqual(before);
	});
});

// Values of its own (not test/redact/fakes.ts's), so a hit can only come from this build; still
// shaped like the real thing, or the test would prove nothing about real credentials.
it('plants values shaped like the credentials they stand for', () => {
	for (const token of [SECRETS.ghp, SECRETS.configGhp]) expect(token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
	expect(SECRETS.awsKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
	expect(SECRETS.awsSecret).toHaveLength(40);
	expect(SECRETS.githubPat.startsWith('github_pat_')).toBe(true);
	expect(SECRETS.slack.startsWith('xoxb-')).toBe(true);
	expect(SECRETS.glpat).toMatch(/^glpat-[A-Za-z0-9_-]{20,}$/);
	expect(SECRETS.jwt).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
});
