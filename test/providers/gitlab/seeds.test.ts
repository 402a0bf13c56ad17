import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseGitLabConfig } from '../../../src/providers/gitlab';
import { errors, job, schemaIssues, shared, steps } from './helpers';

const titus = join(shared, 'seed-systems', 'titus', 'gitlab');
const available = existsSync(titus);
const packages = ['titus-backend', 'titus-frontend', 'titus-db-manager'];
const read = (relative: string) => readFileSync(join(titus, relative), 'utf8');

for (const name of packages) {
	it.skipIf(!available)(`reads the Titus ${name} config without errors (${available ? titus : 'needs ../shared/seed-systems/titus'})`, () => {
		const path = `packages/${name}/.gitlab-ci.yml`;
		const output = parseGitLabConfig({ path, text: read(path) });
		expect(errors(output)).toEqual([]);
		expect(schemaIssues(output)).toEqual([]);
		expect(job(output, 'publish').executor).toMatchObject({ kind: 'docker', images: [{ image: 'docker:latest' }] });
		expect(job(output, 'publish').services).toEqual([{ image: 'docker:19-dind' }]);
		expect(steps(output, 'publish').map((s) => s.name)).toEqual(['before_script', 'script']);
		expect(output.env?.find((v) => v.name === 'WORKING_DIRECTORY')?.value).toBe(`packages/${name}`);
	});
}

it.skipIf(!available)('reads the Titus root config with its three local includes', () => {
	const files = new Map([['.gitlab-ci.yml', read('.gitlab-ci.yml')], ...packages.map((p) => [`packages/${p}/.gitlab-ci.yml`, read(`packages/${p}/.gitlab-ci.yml`)] as [string, string])]);
	const output = parseGitLabConfig({ path: 'titus/.gitlab-ci.yml', text: read('.gitlab-ci.yml') }, { files, displayPrefix: 'titus/' });
	expect(errors(output)).toEqual([]);
	expect(schemaIssues(output)).toEqual([]);
	expect(output.sources?.filter((s) => s.role === 'include').map((s) => s.path)).toEqual(packages.map((p) => `packages/${p}/.gitlab-ci.yml`));
	// All three define `publish`: GitLab merges includes in order, the last one wins.
	expect(output.jobs.map((j) => j.id)).toEqual(['publish']);
	expect(output.env?.find((v) => v.name === 'WORKING_DIRECTORY')?.value).toBe('packages/titus-db-manager');
	expect(job(output, 'publish').location.file).toBe('titus/packages/titus-db-manager/.gitlab-ci.yml');
});
