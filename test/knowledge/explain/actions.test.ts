import { describe, expect, it } from 'vitest';
import { explainStep } from '../../../src/knowledge/explain';
import { explained, jobOf, pipelineOf, stepOf, yaml } from './support';

// `${'$'}{{` writes GitHub's `${{` inside the (raw) template.
const pipeline = pipelineOf(
	'.github/workflows/ci.yml',
	yaml`
		name: CI
		on: [push, pull_request]
		jobs:
		  build:
		    runs-on: ubuntu-latest
		    steps:
		      - uses: actions/checkout@v4
		        with:
		          fetch-depth: 0
		      - uses: actions/setup-node@v4
		        with:
		          node-version: 20
		          cache: npm
		      - uses: actions/cache@v4
		        with:
		          path: ~/.cache/pip
		          key: ${'$'}{{ runner.os }}-pip-${'$'}{{ hashFiles('**/requirements.txt') }}
		          restore-keys: |
		            ${'$'}{{ runner.os }}-pip-
		      - run: npm ci && npm run build
		      - uses: actions/upload-artifact@v4
		        with:
		          name: dist
		          path: dist/
		      - uses: docker/build-push-action@v6
		        with:
		          context: .
		          push: true
		          tags: ghcr.io/acme/web:latest
		      - uses: some-org/unheard-of-action@v1
		      - uses: ./.github/actions/local
		      - uses: actions/setup-python@main
		        with:
		          python-version: ${'$'}{{ matrix.python }}
		  deploy:
		    needs: build
		    runs-on: ubuntu-latest
		    steps:
		      - uses: actions/download-artifact@v4
		        with:
		          name: dist
		          path: public
		      - uses: github/codeql-action/analyze@v3
	`,
);

describe('GitHub actions, matched by owner/repo[/path] whatever the ref', () => {
	it('actions/checkout with fetch-depth: 0 fetches the whole history', () => {
		const checkout = explained(pipeline, 'ci/build', '1');
		expect(checkout.topic).toBe('action:actions/checkout');
		expect(checkout.summary).toBe('Clones this repository at the commit that triggered the run into the job’s workspace (`$GITHUB_WORKSPACE`).');
		expect(checkout.details[0]).toBe('`fetch-depth: 0` fetches the whole history with every branch and tag, which tools that read tags or diff against other branches need.');
		expect(checkout.reference).toBe('https://github.com/actions/checkout');
	});

	it('setup-node with cache: npm caches the download folder keyed on the lock file', () => {
		const node = explained(pipeline, 'ci/build', '2');
		expect(node.summary).toBe('Installs Node.js `20` and puts it on `PATH` for the following steps.');
		expect(node.details).toEqual([
			'`cache: npm` also restores `npm`’s download cache at the start and saves it at the end of the job, keyed on a hash of `package-lock.json`: downloads are reused until it changes (this caches the package manager’s download folder, not `node_modules`).',
		]);
	});

	it('actions/cache: the key’s parts, the restore keys and when it saves', () => {
		const cache = explained(pipeline, 'ci/build', '3');
		expect(cache.summary).toBe(
			'Restores `~/.cache/pip` from the cache saved under `${{ runner.os }}-pip-${{ hashFiles(\'**/requirements.txt\') }}` (reused until `**/requirements.txt` change, separately for each kind of machine), or from the newest partial match of its 1 restore key, and saves it under that key at the end of the job.',
		);
		expect(cache.details.some((d) => d.startsWith('`${{ hashFiles(\'**/requirements.txt\') }}` is a hash of every file matching `**/requirements.txt`'))).toBe(true);
		expect(cache.details.some((d) => /starts with `\$\{\{ runner\.os \}\}-pip-`/.test(d))).toBe(true);
	});

	it('artifacts: what is uploaded, and which job downloads it from which', () => {
		expect(explained(pipeline, 'ci/build', '5').summary).toBe('Uploads `dist/` as the artifact `dist`.');
		const download = explained(pipeline, 'ci/deploy', '1');
		expect(download.summary).toBe('Downloads the artifact `dist`, uploaded earlier in this run, into `public`.');
		expect(download.details).toContain('Uploaded by `build`, which this job waits for through `needs`.');
	});

	it('docker/build-push-action says whether and as what it pushes', () => {
		expect(explained(pipeline, 'ci/build', '6').summary).toBe('Builds a Docker image from `Dockerfile` and pushes it as `ghcr.io/acme/web:latest`.');
	});

	it('codeql analyze reports to the Security tab', () => {
		expect(explained(pipeline, 'ci/deploy', '2').topic).toBe('action:github/codeql-action/analyze');
	});

	it('a matrix version and a moving ref', () => {
		const python = explained(pipeline, 'ci/build', '9');
		expect(python.summary).toBe('Installs Python in the version this matrix job sets in `matrix.python` and puts it on `PATH` for the following steps.');
		expect(python.risks.some((r) => /`@main` is a branch/.test(r))).toBe(true);
	});

	it('unknown actions get no explanation', () => {
		const job = jobOf(pipeline, 'ci/build');
		expect(explainStep(stepOf(job, '7'), { provider: 'github-actions', job, pipeline })).toBeUndefined();
	});

	it('a local action whose source is not in the folder is named, after the checkout it needs', () => {
		const local = explained(pipeline, 'ci/build', '8');
		expect(local.summary).toBe('Runs the action defined in `./.github/actions/local` of this repository (its `action.yml`); that file is not in the pipelines folder, so its steps are not shown.');
		expect(local.topic).toBe('action:local');
		expect(local.risks).toEqual([]);
	});
});

describe('local actions', () => {
	const own = pipelineOf(
		'.github/workflows/test-action.yml',
		yaml`
			on: push
			jobs:
			  try-it:
			    runs-on: ubuntu-latest
			    steps:
			      - uses: ./
			        with: {name: world}
			      - uses: actions/checkout@v4
			      - uses: ./.github/actions/setup/
		`,
	);
	const job = jobOf(own, 'test-action/try-it');

	it('says an action’s own repository tries it out with `uses: ./`', () => {
		expect(explained(own, 'test-action/try-it', '1').summary).toBe(
			'Runs the action defined at the root of this repository (its `action.yml`): a workflow of an action’s own repository trying the action out as users will run it.',
		);
	});

	it('warns when no earlier step checks the repository out, where GitHub looks for it', () => {
		expect(explainStep(stepOf(job, '1'), { provider: 'github-actions', job, pipeline: own })!.risks).toEqual([
			'No earlier step of this job checks the repository out: GitHub looks for a local action in the job’s workspace, and the step fails with “Can’t find action.yml”.',
		]);
		expect(explainStep(stepOf(job, '3'), { provider: 'github-actions', job, pipeline: own })!.risks).toEqual([]);
		expect(explained(own, 'test-action/try-it', '3').summary).toContain('in `./.github/actions/setup` of this repository');
	});
});
