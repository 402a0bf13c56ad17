/** Heroku's own stages as the Heroku provider models them: buildpacks, Heroku CI tests, release phase, review-app hooks, promotions, processes. */
import type { Step } from '../../model';
import { explanation, type Explanation } from './explanation';
import { code } from './text';

const DEVCENTER = 'https://devcenter.heroku.com/articles/';

/** A Heroku step that is no script (buildpack, detected test, promotion, release), or undefined. */
export function explainHerokuStep(step: Step): Explanation | undefined {
	if (step.kind !== 'other') return undefined;
	switch (step.keyword) {
		case 'buildpack': {
			const pack = step.uses ?? (/^Compile with (.*)$/.exec(step.name)?.[1] ?? step.name);
			const detected = step.uses === undefined && /Heroku detects from the source$/.test(step.name);
			return explanation({
				summary: detected
					? 'Compiles the app with the buildpack Heroku picks from the repository’s files (such as `requirements.txt`, `package.json` or `Gemfile`): it installs the language and dependencies and packs the result into a slug.'
					: `Compiles the app with the buildpack ${code(pack)}: it installs the language and dependencies and packs the result into a slug, the runnable copy of the app.`,
				details: ['Buildpacks run in the order listed; the last one decides the default process types.'],
				topic: 'heroku:buildpack',
				reference: `${DEVCENTER}buildpacks`,
			});
		}
		case 'test':
			return explanation({
				summary: 'Runs the test command the buildpack detects for the language, because `app.json` names none (Heroku CI).',
				topic: 'heroku:test',
				reference: `${DEVCENTER}heroku-ci`,
			});
		case 'promote':
			return explanation({
				summary: `Copies the slug already built for ${code(step.with.from ?? '?')} to ${code(step.with.to ?? '?')} without rebuilding it, so exactly the tested code goes live.`,
				details: ['Config vars are not copied: each app keeps its own.'],
				topic: 'heroku:promote',
				reference: `${DEVCENTER}pipelines`,
			});
		case 'deploy':
			return explanation({
				summary: `Releases the built slug${/ to (.+)$/.exec(step.name)?.[1] ? ` to ${/ to (.+)$/.exec(step.name)![1]!.replace(/\.$/, '')}` : ''}: the app’s dynos restart on the new code.`,
				topic: 'heroku:release',
				reference: `${DEVCENTER}releases`,
			});
		default:
			return undefined;
	}
}

const SCRIPT_NOTES: Record<string, string> = {
	release: 'The release phase runs after each build, before the new version goes live, in a one-off dyno; if it fails, the release is not deployed. Database migrations usually go here.',
	'test-setup': 'Heroku CI runs this once, before the tests.',
	test: 'Heroku CI’s test command: a non-zero exit code fails the test run.',
	postdeploy: 'Runs once, after a review app is created (typically to seed its database).',
	'pr-predestroy': 'Runs before a review app is destroyed (typically to clean up outside resources).',
	web: 'The `web` process type is the only one that receives HTTP traffic, on the port in `$PORT`.',
	worker: 'A background process type: it gets no HTTP traffic.',
};

/** Notes on a Heroku script step ahead of the script's own explanation. */
export function herokuScriptNotes(step: Step): string[] {
	const note = SCRIPT_NOTES[step.keyword] ?? `A process type of the \`Procfile\`: Heroku runs it on its own dynos after every release.`;
	const scale = Object.entries(step.with).map(([k, v]) => `${k} ${v}`).join(', ');
	return [note, ...(scale ? [`Scaled by \`formation\` in \`app.json\`: ${scale}.`] : [])];
}
