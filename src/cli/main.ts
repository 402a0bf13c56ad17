import { parseArgs } from 'node:util';
// Each command's code is loaded when it runs: a build's CLI process then holds only what
// building needs, beside Astro's (the parsers, diagrams and images load elsewhere).
import { UsageError } from './errors';

export const USAGE = `Usage: pipeline-atlas <command> [options]

Commands:
  check <file|dir>...        print diagnostics as file:line:col: severity: message
                             (--all also prints notes such as keys not modelled);
                             exits 0 without errors, 1 with errors, 2 on usage errors
  model <file|dir> --json    print the parsed model as JSON: one pipeline for a file,
                             an array of pipelines for a folder
  conformance <dir>          read every CI config under a folder on its own and print, per
                             CI: files, parsed cleanly, with warnings, rejected (with why),
                             crashed (exit 1 if any), and the keys most often not modelled
  build [--pipelines DIR] [--content DIR] [--out DIR] [--base PATH] [--edit-url URL]
        [--site URL] [--png-scale 1|2] [--no-cache]
                             build the static site from any folders (defaults:
                             ./pipelines, ./content, ./dist; with --pipelines but no
                             --content, no docs); --edit-url: where the content folder
                             is edited online, for "Edit this explanation" links;
                             --site: where the site is published, for a sitemap;
                             --png-scale: pixels of a PNG download per CSS pixel
                             (1, the default, or ATLAS_PNG_SCALE's; 2 for
                             high-density screens; images are redrawn when it changes);
                             --no-cache: draw, lay out and parse everything afresh
  record circleci|github|gitlab <project> <run> [--pipelines DIR] [--pipeline ID]
         [--api URL] [--force]
                             fetch a finished run through the CI's API into
                             DIR/ID/runs/<ci>-<run>/ (DIR defaults to ./pipelines, ID
                             to the repository's name), secrets redacted before
                             anything is written:
                               circleci gh/org/repo <job-number>  token: CIRCLECI_TOKEN
                               github owner/repo <run-id>         token: GITHUB_TOKEN
                               gitlab group/project <job-id>      token: GITLAB_TOKEN
                             tokens come from the environment only; --api sets the API
                             base (GitHub Enterprise https://HOST/api/v3, self-hosted
                             GitLab https://HOST); --force replaces an earlier recording;
                             exits 1 when the run cannot be recorded
  scaffold [pipeline...] [--pipelines DIR] [--content DIR] [--all]
                             write stub explanations (content/explanations/<pipeline>/
                             <job>/<nn>-<step>.md) for steps that have none, authored or
                             built in (--all: also those with a built-in one); an
                             existing file is never overwritten
  help                       show this text`;

/** Runs one command and returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	try {
		switch (command) {
			case 'check': {
				const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { all: { type: 'boolean' } } });
				if (positionals.length === 0) return usage('check needs at least one file or folder');
				return await (await import('./check')).check(positionals, { all: values.all ?? false });
			}
			case 'model': {
				const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { json: { type: 'boolean' } } });
				if (positionals.length !== 1) return usage('model needs exactly one file or folder');
				if (!values.json) return usage('model prints JSON only: add --json');
				return await (await import('./model')).model(positionals[0]!);
			}
			case 'conformance': {
				const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
				if (positionals.length !== 1) return usage('conformance needs exactly one folder');
				return await (await import('./conformance')).conformance(positionals[0]!);
			}
			case 'build': {
				const { values } = parseArgs({
					args: [...rest],
					options: { pipelines: { type: 'string' }, content: { type: 'string' }, out: { type: 'string' }, base: { type: 'string' }, 'edit-url': { type: 'string' }, site: { type: 'string' }, 'png-scale': { type: 'string' }, 'no-cache': { type: 'boolean' } },
				});
				return await (await import('./build')).build({ ...values, editUrl: values['edit-url'], pngScale: values['png-scale'], noCache: values['no-cache'] });
			}
			case 'scaffold': {
				const { values, positionals } = parseArgs({
					args: [...rest],
					allowPositionals: true,
					options: { pipelines: { type: 'string' }, content: { type: 'string' }, all: { type: 'boolean' } },
				});
				return await (await import('./scaffold')).scaffold(positionals, values);
			}
			case 'record': {
				const { values, positionals } = parseArgs({
					args: [...rest],
					allowPositionals: true,
					options: { pipelines: { type: 'string' }, pipeline: { type: 'string' }, api: { type: 'string' }, force: { type: 'boolean' } },
				});
				return await (await import('./record')).record(positionals, values);
			}
			case undefined:
				return usage('no command given');
			case 'help':
			case '--help':
			case '-h':
				console.log(USAGE);
				return 0;
			default:
				return usage(`unknown command "${command}"`);
		}
	} catch (error) {
		if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return usage(error.message);
		if (error instanceof UsageError) return usage(error.message);
		throw error;
	}
}

function usage(message: string): number {
	console.error(`pipeline-atlas: ${message}\n\n${USAGE}`);
	return 2;
}
