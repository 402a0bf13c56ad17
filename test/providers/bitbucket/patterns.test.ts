import { describe, expect, it } from 'vitest';
import { allows, matches } from '../../../src/evaluate/patterns';
import type { Pattern } from '../../../src/model';
import { bitbucketPatterns, expandChoices, moreSpecific } from '../../../src/providers/bitbucket/patterns';

/** Does the Bitbucket pattern `glob` match `name`, read as the model's matcher reads it? */
const bbMatches = (glob: string, name: string) => bitbucketPatterns(glob).some((p) => matches(p, name));

/** The only pattern `glob` becomes (fails the test when it becomes several). */
function onePattern(glob: string): Pattern {
	const patterns = bitbucketPatterns(glob);
	expect(patterns).toHaveLength(1);
	return patterns[0]!;
}

describe('expandChoices', () => {
	it('makes one pattern per alternative of a choice', () => {
		expect(expandChoices('{feature/*,hotfix/*}')).toEqual(['feature/*', 'hotfix/*']);
	});

	it('expands nested choices', () => {
		expect(expandChoices('{a,{b,c}}/x')).toEqual(['a/x', 'b/x', 'c/x']);
	});

	it('keeps the text before and after the braces on every alternative', () => {
		expect(expandChoices('release-{1,2}.x')).toEqual(['release-1.x', 'release-2.x']);
	});

	it('expands several choices in one pattern into every combination', () => {
		expect(expandChoices('{a,b}-{c,d}')).toEqual(['a-c', 'a-d', 'b-c', 'b-d']);
		expect(expandChoices('{feature,fix}/{x,y,z}')).toHaveLength(6);
	});

	it('keeps an unclosed brace literal', () => {
		expect(expandChoices('feature/{a,b')).toEqual(['feature/{a,b']);
		expect(expandChoices('{a,b}/{c')).toEqual(['a/{c', 'b/{c']);
	});

	it('returns a pattern without braces as it is', () => {
		expect(expandChoices('feature/*')).toEqual(['feature/*']);
		expect(expandChoices('main')).toEqual(['main']);
		expect(expandChoices('a}b,c')).toEqual(['a}b,c']);
	});
});

describe('bitbucketPatterns', () => {
	it('makes a name without wildcards an exact pattern', () => {
		expect(bitbucketPatterns('main')).toEqual([{ kind: 'exact', value: 'main' }]);
		expect(bitbucketPatterns('release/1.2')).toEqual([{ kind: 'exact', value: 'release/1.2' }]);
	});

	it('keeps `*` and `**` globs as globs', () => {
		expect(bitbucketPatterns('feature/*')).toEqual([{ kind: 'glob', value: 'feature/*' }]);
		expect(bitbucketPatterns('release/**')).toEqual([{ kind: 'glob', value: 'release/**' }]);
		expect(bitbucketPatterns('**')).toEqual([{ kind: 'glob', value: '**' }]);
	});

	it('makes each alternative of a choice its own pattern, of its own kind', () => {
		expect(bitbucketPatterns('{main,feature/*}')).toEqual([
			{ kind: 'exact', value: 'main' },
			{ kind: 'glob', value: 'feature/*' },
		]);
		expect(bitbucketPatterns('{main,v?}').map((p) => p.kind)).toEqual(['exact', 'regex']);
	});

	it('makes a pattern with `?` a regular expression where `?` is exactly one character other than `/`', () => {
		const pattern = onePattern('v1.?');
		expect(pattern.kind).toBe('regex');
		expect(matches(pattern, 'v1.2')).toBe(true);
		expect(matches(pattern, 'v1.x')).toBe(true);
		expect(matches(pattern, 'v1.')).toBe(false);
		expect(matches(pattern, 'v1.23')).toBe(false);
		expect(matches(pattern, 'v1./')).toBe(false);
		// `?` is not GitHub's "zero or one of the character before".
		expect(matches(pattern, 'v1')).toBe(false);
	});

	it('reads `*` and `**` as Bitbucket does in a pattern that also has `?`', () => {
		const star = onePattern('feature/?-*');
		expect(star.kind).toBe('regex');
		expect(matches(star, 'feature/a-thing')).toBe(true);
		expect(matches(star, 'feature/a-')).toBe(true);
		expect(matches(star, 'feature/ab-thing')).toBe(false);
		expect(matches(star, 'feature/a-thing/more')).toBe(false);

		const deep = onePattern('release/?/**');
		expect(matches(deep, 'release/1/2/3')).toBe(true);
		expect(matches(deep, 'release/12/3')).toBe(false);
	});

	it('reads `[abc]` as a class in a pattern with `?`', () => {
		const pattern = onePattern('v[12]?');
		expect(pattern.kind).toBe('regex');
		expect(matches(pattern, 'v1x')).toBe(true);
		expect(matches(pattern, 'v2x')).toBe(true);
		expect(matches(pattern, 'v3x')).toBe(false);
		expect(matches(pattern, 'v12x')).toBe(false);

		const range = onePattern('hotfix-[0-9]?');
		expect(matches(range, 'hotfix-7a')).toBe(true);
		expect(matches(range, 'hotfix-ab')).toBe(false);
	});

	it('reads `[!abc]` as a negated class in a pattern with `?`', () => {
		const pattern = onePattern('x[!abc]?');
		expect(pattern.kind).toBe('regex');
		expect(matches(pattern, 'xdz')).toBe(true);
		expect(matches(pattern, 'x1z')).toBe(true);
		expect(matches(pattern, 'xaz')).toBe(false);
		expect(matches(pattern, 'xbz')).toBe(false);
		expect(matches(pattern, 'xcz')).toBe(false);
		// `!` negates: it is not one of the class's characters.
		expect(matches(pattern, 'x!z')).toBe(true);
	});

	// A class means the same whether or not the pattern also has a `?`.
	it('reads `[!abc]` as a negated class also in a pattern without `?`', () => {
		expect(bbMatches('x[!abc]', 'xd')).toBe(true);
		expect(bbMatches('x[!abc]', 'xa')).toBe(false);
		// `!` negates: it is not one of the class's characters.
		expect(bbMatches('x[!abc]', 'x!')).toBe(true);
	});
});

describe('Bitbucket patterns through the model matcher', () => {
	it('`*` stops at `/`', () => {
		expect(bbMatches('feature/*', 'feature/x')).toBe(true);
		expect(bbMatches('feature/*', 'feature/')).toBe(true);
		expect(bbMatches('feature/*', 'feature/x/y')).toBe(false);
		expect(bbMatches('feature/*', 'feature')).toBe(false);
		expect(bbMatches('*', 'main')).toBe(true);
		expect(bbMatches('*', 'feature/x')).toBe(false);
	});

	it('`**` goes through `/`', () => {
		expect(bbMatches('**', 'main')).toBe(true);
		expect(bbMatches('**', 'feature/x/y')).toBe(true);
		expect(bbMatches('release/**', 'release/1/2')).toBe(true);
		expect(bbMatches('release/**', 'release/1')).toBe(true);
		expect(bbMatches('release/**', 'hotfix/1/2')).toBe(false);
	});

	it('an exact name matches only itself', () => {
		expect(bbMatches('main', 'main')).toBe(true);
		expect(bbMatches('main', 'main2')).toBe(false);
		expect(bbMatches('main', 'feature/main')).toBe(false);
	});

	it('each alternative of a choice matches its own names and nothing else', () => {
		const glob = '{feature/*,hotfix/*}';
		expect(bbMatches(glob, 'feature/x')).toBe(true);
		expect(bbMatches(glob, 'hotfix/x')).toBe(true);
		expect(bbMatches(glob, 'bugfix/x')).toBe(false);
		expect(bbMatches(glob, 'feature/x/y')).toBe(false);
		expect(bbMatches(glob, '{feature/x')).toBe(false);
		expect(bbMatches(glob, 'feature/*,hotfix/x')).toBe(false);

		expect(bbMatches('release-{1,2}.x', 'release-1.x')).toBe(true);
		expect(bbMatches('release-{1,2}.x', 'release-2.x')).toBe(true);
		expect(bbMatches('release-{1,2}.x', 'release-3.x')).toBe(false);
		expect(bbMatches('release-{1,2}.x', 'release-{1,2}.x')).toBe(false);
	});

	it('an unclosed brace matches itself literally', () => {
		expect(bbMatches('feature/{a', 'feature/{a')).toBe(true);
		expect(bbMatches('feature/{a', 'feature/a')).toBe(false);
	});

	it('dots are literal', () => {
		expect(bbMatches('v1.2', 'v1.2')).toBe(true);
		expect(bbMatches('v1.2', 'v1x2')).toBe(false);
		expect(bbMatches('v1.*', 'v1.5')).toBe(true);
		expect(bbMatches('v1.*', 'v1x5')).toBe(false);
		expect(bbMatches('v1.2?', 'v1.2a')).toBe(true);
		expect(bbMatches('v1.2?', 'v1x2a')).toBe(false);
		expect(bbMatches('{v1.2,v3}', 'v1x2')).toBe(false);
	});

	it('other regular-expression characters are literal', () => {
		expect(bbMatches('a(b)|c^$/*', 'a(b)|c^$/x')).toBe(true);
		expect(bbMatches('a(b)|c^$/*', 'ab/x')).toBe(false);
		expect(bbMatches('a(b)|c^$/*', 'c/x')).toBe(false);
		expect(bbMatches('a(b)|c^$?', 'a(b)|c^$x')).toBe(true);
		expect(bbMatches('a(b)|c^$?', 'abx')).toBe(false);
		expect(bbMatches('c++?', 'c++x')).toBe(true);
		expect(bbMatches('c++?', 'cccx')).toBe(false);
		expect(bbMatches('c++', 'c++')).toBe(true);
	});

	// Bitbucket's globs give `+` no meaning (GitHub's reader would repeat the character before it).
	it('`+` is literal in a pattern with `*` and no `?`', () => {
		expect(bbMatches('c++/*', 'c++/x')).toBe(true);
		expect(bbMatches('fix+/*', 'fixxx/a')).toBe(false);
	});

	it('lets the patterns through a ref filter as the Bitbucket provider builds it', () => {
		const filter = { only: bitbucketPatterns('{feature/*,hotfix/*}'), ignore: bitbucketPatterns('feature/bb-*') };
		expect(allows(filter, 'feature/x', false)).toBe(true);
		expect(allows(filter, 'hotfix/x', false)).toBe(true);
		expect(allows(filter, 'feature/bb-1', false)).toBe(false);
		expect(allows(filter, 'main', false)).toBe(false);
	});
});

describe('moreSpecific', () => {
	it('puts an exact name over a glob', () => {
		expect(moreSpecific('main', '*')).toBe(true);
		expect(moreSpecific('feature/x', 'feature/*')).toBe(true);
		expect(moreSpecific('release/1.2', 'release/**')).toBe(true);
	});

	it('puts the glob with the longer fixed beginning first', () => {
		expect(moreSpecific('feature/bb-123-*', 'feature/bb-*')).toBe(true);
		expect(moreSpecific('feature/bb-*', 'feature/bb-123-*')).toBe(false);
		expect(moreSpecific('feature/*', '**')).toBe(true);
		expect(moreSpecific('feature/a?', 'feature/*')).toBe(true);
	});

	it('puts `*` over `**` after equally long fixed beginnings', () => {
		expect(moreSpecific('feature/*', 'feature/**')).toBe(true);
		expect(moreSpecific('feature/**', 'feature/*')).toBe(false);
		expect(moreSpecific('*', '**')).toBe(true);
	});

	it('puts neither of two globs as specific as each other first', () => {
		expect(moreSpecific('feature/a*', 'hotfixx/b?')).toBe(false);
		expect(moreSpecific('hotfixx/b?', 'feature/a*')).toBe(false);
	});

	it('never puts a glob over an exact name', () => {
		expect(moreSpecific('*', 'main')).toBe(false);
		expect(moreSpecific('feature/*', 'feature/x')).toBe(false);
		expect(moreSpecific('a-very-long-fixed-beginning/*', 'x')).toBe(false);
	});

	it('puts neither of two exact names first', () => {
		expect(moreSpecific('main', 'develop')).toBe(false);
		expect(moreSpecific('develop', 'main')).toBe(false);
		expect(moreSpecific('release/1.2.3', 'x')).toBe(false);
	});
});
