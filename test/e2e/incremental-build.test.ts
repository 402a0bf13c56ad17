import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { hashTree, runCli } from '../cli/support/cli';
import { repoRoot } from './support/paths';
import { tempDir } from '../support/temp';

async function built(args: string[]): Promise<string> {
	const result = await runCli(['build', ...args], { timeoutMs: 300_000 });
	expect(result.status, result.stderr).toBe(0);
	return result.stdout;
}

/** Routes Astro rendered (not copied from the last build), as the build log lists them. */
function rendered(log: string): string[] {
	return log
		.split('\n')
		.filter((line) => /[├└]─ \//.test(line) && !/\((cached|restored)\)/.test(line))
		.map((line) => /[├└]─ (\S+)/.exec(line)![1]!)
		.sort();
}

describe('a rebuild', () => {
	it('renders again only the pages an edited explanation reaches, and gives the bytes of a build from scratch', async () => {
		const root = tempDir('atlas-incremental-');
		for (const pipeline of ['lettings-django', 'payments-api']) cpSync(join(repoRoot, 'pipelines', pipeline), join(root, 'pipelines', pipeline), { recursive: true });
		// Explanations only: the bundled docs link to pipelines this site leaves out.
		cpSync(join(repoRoot, 'content/explanations'), join(root, 'content/explanations'), { recursive: true });
		mkdirSync(join(root, 'content/docs'));
		const inputs = ['--pipelines', join(root, 'pipelines'), '--content', join(root, 'content')];
		const out = join(root, 'dist');

		const cold = await built([...inputs, '--out', out]);
		expect(cold).not.toMatch(/\((cached|restored)\)/);

		// A changed explanation (shown on payments-api's GitLab run: the other pipeline's runs have an
		// explanation of their own for the stage), and a new one for a step no explanation matched.
		// Reaches no page here: CircleCI's (a provider: circleci explanation), where Lettings has its own.
		appendFileSync(join(root, 'content/explanations/environment-stage.md'), '\nThe rebuild test added this sentence.\n');
		writeFileSync(join(root, 'content/explanations/gitlab-environment.md'), '---\nmatch:\n  provider: gitlab\n  stage: environment\n---\n\nThe rebuild test wrote this for GitLab runs.\n');
		writeFileSync(join(root, 'content/explanations/lint.md'), '---\nmatch:\n  pipeline: payments-api\n  job: lint\n  command: /golangci-lint run/\n---\n\nThe rebuild test wrote this explanation.\n');
		const edited = await built([...inputs, '--out', out]);
		const generated = rendered(edited).filter((path) => path.startsWith('/pipelines/'));
		expect(generated).toContain('/pipelines/payments-api/jobs/lint/index.html');
		expect(generated.some((path) => /^\/pipelines\/payments-api\/runs\/gitlab-[^/]+\/index\.html$/.test(path))).toBe(true);
		// Nothing of the other pipeline, which no edit reaches (a rebuild without an edit renders no
		// page of either: the same keys, checked here for the half of the site they stay the same for).
		expect(generated.filter((path) => path.startsWith('/pipelines/lettings-django/'))).toEqual([]);
		expect(generated.length).toBeLessThan(6);
		// The search index's unchanged files are the last site's, linked (compared with a fresh build's below).
		expect(edited).toMatch(/, [1-9]\d* of \d+ files linked from the last build's\)/);
		// The old site, the staging folder and the images' folder are gone once the new site is in place.
		expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual(['dist']);

		const fresh = join(root, 'fresh');
		const sameAsFresh = async () => {
			await built([...inputs, '--out', fresh, '--no-cache']);
			const [incremental, scratch] = [hashTree(out), hashTree(fresh)];
			expect(Object.keys(incremental).sort()).toEqual(Object.keys(scratch).sort());
			expect(Object.keys(scratch).filter((file) => incremental[file] !== scratch[file])).toEqual([]);
		};
		await sameAsFresh();
		expect(readFileSync(join(out, 'pipelines/payments-api/jobs/lint/index.html'), 'utf8')).toContain('The rebuild test wrote this explanation.');
		expect(readFileSync(join(out, 'pipelines/payments-api/runs/gitlab-7724519306/index.html'), 'utf8')).toContain('The rebuild test wrote this for GitLab runs.');
		expect(readFileSync(join(out, 'pipelines/lettings-django/runs/circleci-366/index.html'), 'utf8')).not.toContain('The rebuild test added this sentence.');

		// A screenshot replaced under the same name and size: the explanation's data stays the same,
		// and the pages showing it are copied; Astro replays their images from the new file.
		const red = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="236"><rect width="720" height="236" fill="#c00"/></svg>').render().asPng();
		writeFileSync(join(root, 'content/explanations/images/circleci-job-steps.png'), red);
		await built([...inputs, '--out', out]);
		await sameAsFresh();

		// A step's explanation edited: for Pagefind, only its record changes (the job page shows it in
		// the steps list it ignores), so the index begun from the last site while Astro built is
		// finished with the new record, not built again; and it is the index of a build from scratch.
		appendFileSync(join(root, 'content/explanations/lint.md'), '\nThe rebuild test added this sentence too.\n');
		const stepEdit = await built([...inputs, '--out', out]);
		expect(stepEdit).toMatch(/search index: \d+ pages and \d+ step, variable, run and explanation records in \d+ms after the site \(begun \d+ms and written \d+ms into the build;/);
		expect(readFileSync(join(out, 'pipelines/payments-api/jobs/lint/index.html'), 'utf8')).toContain('The rebuild test added this sentence too.');
		// Copied from the last build and given the new text, not rendered (src/site/explanation-bodies.ts).
		expect(rendered(stepEdit)).not.toContain('/pipelines/payments-api/jobs/lint/index.html');
		expect(stepEdit).toMatch(/edited explanation texts given to 1 pages copied from the last build in/);
		await sameAsFresh();

		// A CI stage's explanation, with a screenshot, edited twice: the run pages showing it are
		// copied and given the newest text, in the site and in the copies the next build takes.
		const stage = join(root, 'content/explanations/lettings-environment-stage.md');
		appendFileSync(stage, '\nThe rebuild test added a first sentence.\n');
		await built([...inputs, '--out', out]);
		appendFileSync(stage, '\nThe rebuild test added a second sentence.\n');
		const stageEdit = await built([...inputs, '--out', out]);
		expect(rendered(stageEdit).filter((path) => path.startsWith('/pipelines/'))).toEqual([]);
		const runPage = readFileSync(join(out, 'pipelines/lettings-django/runs/circleci-366/index.html'), 'utf8');
		expect(runPage).toContain('The rebuild test added a first sentence.');
		expect(runPage).toContain('The rebuild test added a second sentence.');
		expect(stageEdit).toMatch(/edited explanation texts given to [1-9]\d* pages copied from the last build in/);
		await sameAsFresh();
	}, 900_000);
});
