import { describe, expect, it } from 'vitest';
import { markdownText } from '../../src/search/markdown-text';

describe('markdownText', () => {
	it('gives each block its text without the markup a reader does not see', () => {
		const text = markdownText(
			'This job only runs on `master`. It pushes to the **staging** app ([Heroku](https://heroku.com)).\n\n- checks `/healthz/`\n- records the release\n\n```sh\ngit push heroku HEAD:main\n```\n\n## Rolling back\n\n> Ask in #deploys first.',
		);
		expect(text).toEqual([
			'This job only runs on master. It pushes to the staging app (Heroku).',
			'checks /healthz/',
			'records the release',
			'git push heroku HEAD:main',
			'Rolling back',
			'Ask in #deploys first.',
		]);
	});
	it('keeps words apart across a hard line break or inline HTML', () => {
		expect(markdownText('line one  \nline two\\\nline three<br>line four')).toEqual(['line one line two line three line four']);
	});
	it('reads GitHub Flavored Markdown as the page shows it: a row of a table at a time, without pipes or tildes', () => {
		const text = markdownText(
			'| Variable | Set by |\n| --- | :-: |\n| `DEPLOY_ENV` | the **deploy** job |\n| `SENTRY_DSN` | CircleCI context |\n\nThe ~~old~~ new flow, see https://example.com/runbook.\n\n- [x] tag pushed\n- [ ] approved',
		);
		expect(text).toEqual([
			'Variable Set by',
			'DEPLOY_ENV the deploy job',
			'SENTRY_DSN CircleCI context',
			'The old new flow, see https://example.com/runbook.',
			'tag pushed',
			'approved',
		]);
	});

	it('leaves raw HTML out, and gives nothing for an empty text', () => {
		expect(markdownText('<script>alert(1)</script>\n\nSafe <b>words</b> here.')).toEqual(['Safe words here.']);
		expect(markdownText('')).toEqual([]);
	});
});
