import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Pipeline, Step } from '../../../src/model';
import { parseHerokuApp, type HerokuOptions } from '../../../src/providers/heroku';
import type { ProviderOutput } from '../../../src/providers/types';
import { whatRuns, type CiEvent, type EvaluablePipeline } from '../../../src/evaluate/runs';
import { explainHerokuStep } from '../../../src/knowledge/explain/heroku';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const shared = join(repo, '..', 'shared');
const example = join(repo, 'pipelines', 'lettings-django');

/** The output as the assembler would hand it to the schema: it must be a valid pipeline. */
function schemaIssues(output: ProviderOutput): string[] {
	const result = Pipeline.safeParse({ ...output, id: 'x', group: 'x', title: 'x', provider: 'heroku', jobs: output.jobs.map((j) => ({ ...j, slug: j.id })) });
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function errors(output: ProviderOutput) {
	return (output.diagnostics ?? []).filter((d) => d.severity === 'error');
}

function entries(output: ProviderOutput) {
	return output.workflows?.[0]?.entries ?? [];
}

function job(output: ProviderOutput, id: string) {
	const found = output.jobs.find((j) => j.id === id);
	if (!found) throw new Error(`no job ${id} (have ${output.jobs.map((j) => j.id).join(', ')})`);
	return found;
}

describe.skipIf(!existsSync(example))('the lettings-django example', () => {
	const read = (name: string) => ({ path: `pipelines/lettings-django/${name}`, text: readFileSync(join(example, name), 'utf8') });
	const meta = parseYaml(readFileSync(join(example, 'pipeline.yml'), 'utf8')) as { deployTargets: NonNullable<HerokuOptions['targets']>; promotions: HerokuOptions['promotions'] };
	// Production first, as a reordering check: entries follow the tiers, not the list.
	const options: HerokuOptions = { targets: [...meta.deployTargets].reverse(), promotions: meta.promotions };
	const output = parseHerokuApp({ appJson: read('app.json'), procfile: read('Procfile') }, options);

	it('is a valid pipeline without errors', () => {
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
		expect(output.workflows?.map((w) => [w.id, w.name])).toEqual([
			['heroku', 'Heroku pipeline'],
			['review-apps', 'Review apps'],
		]);
		expect(output.triggers?.map((t) => t.event)).toEqual(['push', 'pull_request']);
	});

	it('orders the entries as a change travels through Heroku, review apps apart', () => {
		expect(entries(output).map((e) => e.jobId)).toEqual(['heroku-ci', 'build', 'release-phase', 'deploy-staging', 'promote-production']);
		// Shown by the names the jobs table shows (the diagram and what runs when show entry ids).
		expect(entries(output).map((e) => e.id)).toEqual(['Heroku CI', 'Build', 'Release phase', 'Deploy to Staging (Heroku)', 'Promote to Production (Heroku)']);
		expect(entries(output).map((e) => e.requires?.map((r) => r.entry))).toEqual([[], ['Heroku CI'], ['Build'], ['Release phase'], ['Deploy to Staging (Heroku)']]);
		const review = output.workflows![1]!.entries ?? [];
		expect(review.map((e) => [e.jobId, e.requires?.map((r) => r.entry)])).toEqual([
			['build', []],
			['release-phase', ['Build']],
			['review-app', ['Release phase']],
		]);
	});

	it('says what runs when as Heroku does: tests on every branch, a build only when Heroku deploys, review apps on pull requests, nothing on a tag', () => {
		const pipeline = { provider: 'heroku' as const, defaultBranch: 'master', workflows: output.workflows as EvaluablePipeline['workflows'] };
		const running = (event: CiEvent) =>
			whatRuns(pipeline, event).flatMap((w) => w.entries.filter((e) => e.verdict !== 'skipped').map((e) => `${w.workflow}/${e.jobId}${e.verdict === 'depends' ? '?' : ''}`));
		expect(running({ kind: 'branch', name: 'feature/x' })).toEqual(['heroku/heroku-ci', 'heroku/build?', 'heroku/release-phase?', 'heroku/deploy-staging?', 'heroku/promote-production?']);
		expect(running({ kind: 'tag', name: 'v1.2.0' })).toEqual([]);
		expect(running({ kind: 'pull_request', branch: 'feature/x' })).toEqual(['review-apps/build', 'review-apps/release-phase', 'review-apps/review-app']);
	});

	it('runs the test scripts in Heroku CI with its add-ons', () => {
		const ci = job(output, 'heroku-ci');
		expect(ci.steps?.filter((s) => s.kind === 'run').map((s) => [s.name, s.command])).toEqual([
			['test-setup', 'python manage.py collectstatic --noinput'],
			['test', 'pytest --nomigrations --disable-warnings'],
		]);
		expect(ci.services).toEqual([{ image: 'heroku-postgresql:in-dyno' }]);
		expect(ci.env?.map((e) => [e.name, e.value])).toEqual([['DJANGO_SETTINGS_MODULE', 'lettings_site.settings.test']]);
		// No buildpacks of its own in `environments.test`: the app's, as Heroku CI invokes them.
		expect(ci.steps?.[0]?.name).toBe('Compile with heroku/python');
		expect(explainHerokuStep(Step.parse(ci.steps![0]))?.summary).toContain('`heroku/python`');
	});

	it('builds with the buildpacks of app.json', () => {
		const build = job(output, 'build');
		expect(build.steps?.map((s) => [s.kind, s.name])).toEqual([['other', 'heroku/python']]);
		expect(build.description).toContain('slug');
	});

	it('shows the release phase command', () => {
		const release = job(output, 'release-phase');
		expect(release.steps?.map((s) => [s.kind, s.command])).toEqual([['run', 'python manage.py migrate --noinput']]);
		expect(release.location).toMatchObject({ file: 'pipelines/lettings-django/Procfile', line: 2 });
	});

	it('runs postdeploy on review apps', () => {
		expect(job(output, 'review-app').steps?.map((s) => s.command)).toEqual(['python manage.py loaddata fixtures/demo_listings.json']);
	});

	it('shows production as promoted, not rebuilt', () => {
		const promote = entries(output).find((e) => e.jobId === 'promote-production')!;
		expect(promote.approval).toBe(true);
		const target = job(output, promote.jobId!);
		expect(target.deployTarget).toBe('production');
		expect(target.description).toMatch(/^The slug running on .+ is copied to .+, not rebuilt/);
		const staging = entries(output).find((e) => e.jobId === 'deploy-staging')!;
		expect(staging.approval).toBe(false);
		expect(job(output, staging.jobId!).deployTarget).toBe('staging');
	});

	it('keeps secrets without values and reads the other config vars', () => {
		const env = new Map(output.env?.map((e) => [e.name, e]));
		expect(env.get('DJANGO_SECRET_KEY')).toMatchObject({ secret: true });
		expect(env.get('DJANGO_SECRET_KEY')).not.toHaveProperty('value');
		expect(env.get('SENTRY_DSN')).toMatchObject({ secret: true });
		expect(env.get('SENTRY_DSN')).not.toHaveProperty('value');
		expect(env.get('WEB_CONCURRENCY')).toMatchObject({ secret: false, value: '3' });
		expect(env.get('DJANGO_SETTINGS_MODULE')?.definedAt).toMatchObject({ file: 'pipelines/lettings-django/app.json', line: 17, column: 5 });
		const sentry = output.parameters?.find((p) => p.name === 'SENTRY_DSN');
		expect(sentry?.description).toContain('Optional');
		expect(JSON.stringify(output)).not.toMatch(/"generator"/);
	});

	it('lists the Procfile processes with their formation, outside the workflow', () => {
		expect(job(output, 'processes').steps?.map((s) => [s.name, s.command, s.with])).toEqual([['web', 'gunicorn lettings_site.wsgi --log-file -', { quantity: '1', size: 'basic' }]]);
		expect(entries(output).some((e) => e.jobId === 'processes')).toBe(false);
	});

	it('is deterministic', () => {
		expect(parseHerokuApp({ appJson: read('app.json'), procfile: read('Procfile') }, options)).toEqual(output);
	});
});

describe('Procfiles of the seed systems', () => {
	const seeds = join(shared, 'seed-systems');
	const found = existsSync(seeds) ? readdirSync(seeds).filter((name) => existsSync(join(seeds, name, 'Procfile'))).sort() : [];
	it.skipIf(found.length === 0).each(found.length ? found : ['(none)'])('%s', (name) => {
		const text = readFileSync(join(seeds, name, 'Procfile'), 'utf8');
		const output = parseHerokuApp({ procfile: { path: 'Procfile', text } });
		expect(output.diagnostics).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
		const web = /^web:\s*(.+)$/m.exec(text)![1]!.trim();
		expect(job(output, 'processes').steps?.map((s) => [s.name, s.command])).toEqual([['web', web]]);
		expect(entries(output).map((e) => e.jobId)).toEqual(['build']);
		expect(job(output, 'build').steps?.map((s) => s.name)).toEqual(['The buildpack Heroku detects from the source']);
		expect(explainHerokuStep(Step.parse(job(output, 'build').steps![0]))?.summary).toMatch(/^Compiles the app with the buildpack Heroku picks from the repository’s files/);
	});
});

describe('app.json files of the corpus', () => {
	const corpus = join(shared, 'corpus', 'heroku');
	const found = existsSync(corpus) ? readdirSync(corpus).filter((name) => name.endsWith('.json')).sort() : [];
	it.skipIf(found.length === 0).each(found.length ? found : ['(none)'])('%s parses without errors', (name) => {
		const text = readFileSync(join(corpus, name), 'utf8');
		const output = parseHerokuApp({ appJson: { path: name, text } });
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
		expect(entries(output).map((e) => e.jobId)).toContain('build');
		for (const variable of output.env ?? []) if (variable.secret) expect(variable).not.toHaveProperty('value');
		for (const d of output.diagnostics ?? []) expect(d.location.file).toBe(name);
	});
});

describe('entries named as their jobs', () => {
	it('keeps two stages of one name apart (two apps called "Production")', () => {
		const output = parseHerokuApp(
			{ procfile: { path: 'Procfile', text: 'web: gunicorn app:app\n' } },
			{ targets: [{ id: 'eu', name: 'Production', tier: 'production' }, { id: 'us', name: 'Production', tier: 'production' }] },
		);
		const ids = entries(output).map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.filter((id) => id.startsWith('Deploy to Production'))).toEqual(['Deploy to Production', 'Deploy to Production (2)']);
		// Each waits for an entry that exists.
		for (const entry of entries(output)) for (const r of entry.requires ?? []) expect(ids).toContain(r.entry);
	});
});

describe('problems are located', () => {
	it('reports a JSON syntax error at its line and column', () => {
		const text = '{\n  "name": "x",\n  "env": {\n    "A": "b",\n  }\n}\n';
		const output = parseHerokuApp({ appJson: { path: 'app.json', text } });
		expect(errors(output).map((d) => [d.code, d.location.line, d.location.column])).toEqual([['json-syntax', 5, 3]]);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('ignores a test formation quantity past 2^53 (found by fuzzing: the pipeline was replaced by an internal error)', () => {
		const text = JSON.stringify({ environments: { test: { scripts: { test: 'make test' }, formation: { test: { quantity: 9007199254740992 } } } } });
		const output = parseHerokuApp({ appJson: { path: 'app.json', text } });
		expect(output.jobs.length).toBeGreaterThan(0);
		expect(output.jobs.every((j) => j.parallelism === undefined)).toBe(true);
		expect(schemaIssues(output)).toEqual([]);
	});

	it('reports an unterminated object at the end of the file', () => {
		const output = parseHerokuApp({ appJson: { path: 'app.json', text: '{\n  "name": "x"\n' } });
		expect(errors(output).map((d) => [d.code, d.location.line])).toEqual([['json-syntax', 3]]);
	});

	it('warns about a Procfile line that is not `name: command`', () => {
		const text = 'web: bin/start\n\n# a comment\nworker bin/work\nclock:\n';
		const output = parseHerokuApp({ procfile: { path: 'Procfile', text } });
		expect((output.diagnostics ?? []).map((d) => [d.severity, d.code, d.location.line])).toEqual([
			['warning', 'procfile-line', 4],
			['warning', 'procfile-line', 5],
		]);
		expect(job(output, 'processes').steps?.map((s) => s.name)).toEqual(['web']);
	});

	it('reports unknown app.json keys as not modelled, where they are', () => {
		const text = '{\n  "name": "x",\n  "buildpack": [],\n  "scripts": { "test": "rake" }\n}';
		const output = parseHerokuApp({ appJson: { path: 'app.json', text } });
		const found = (output.diagnostics ?? []).map((d) => [d.severity, d.code, d.location.line, d.location.column, d.hint]);
		expect(found).toEqual([
			['info', 'not-modelled', 3, 3, 'Did you mean `buildpacks`?'],
			['info', 'not-modelled', 4, 16, 'Heroku CI reads its scripts from `environments.test.scripts`.'],
		]);
	});

	it('treats secret-shaped names as secrets even with a value', () => {
		const text = '{ "env": { "MASTER_KEY": { "value": "abc" }, "PLAIN": "1" } }';
		const output = parseHerokuApp({ appJson: { path: 'app.json', text } });
		expect(output.env?.map((e) => [e.name, e.secret, e.value])).toEqual([
			['MASTER_KEY', true, undefined],
			['PLAIN', false, '1'],
		]);
		expect(JSON.stringify(output)).not.toContain('abc');
	});
});
