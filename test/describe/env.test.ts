import { describe, expect, it } from 'vitest';
import { definedWhere, unsetValue } from '../../src/describe/env';

describe('where a variable comes from', () => {
	it("names the file and line that set it, the file's name alone", () => {
		expect(definedWhere({ scope: 'workflow', definedAt: { file: 'pipelines/storefront-web/.github/workflows/deploy.yml', line: 24, column: 3 } })).toBe('deploy.yml, line 24');
	});

	it('says where the CI keeps one the config does not set', () => {
		expect(definedWhere({ scope: 'builtin' })).toBe('built in');
		expect(definedWhere({ scope: 'project' })).toBe('not in the config');
		expect(definedWhere({ scope: 'secret' })).toBe("the CI's secrets");
	});

	it("says in each CI's terms where a value the config only reads is set (a CircleCI one may be in a context)", () => {
		expect(unsetValue({ scope: 'project' }, 'circleci')).toBe("set in the project's settings or a context");
		expect(unsetValue({ scope: 'project' }, 'github-actions')).toBe("set in the repository's or organization's variables");
		expect(unsetValue({ scope: 'project' }, 'gitlab')).toBe("set in the project's or group's CI/CD variables");
		expect(unsetValue({ scope: 'builtin' }, 'gitlab')).toBe('set by the CI');
		expect(unsetValue({ scope: 'job' }, 'bitbucket')).toBe('set outside the config');
	});
});
