import { describe, expect, it } from 'vitest';
import { runningGroups, type EntryVerdict } from '../../src/evaluate/runs';

const v = (id: string, verdict: EntryVerdict['verdict'], reason = ''): EntryVerdict => ({ id, verdict, reason });

describe('running entries of a workflow', () => {
	it('are grouped by what they depend on, sure ones together, skipped ones left out, in order of first appearance', () => {
		const groups = runningGroups([v('a', 'depends', 'rules'), v('b', 'runs', 'always'), v('c', 'skipped', 'tags only'), v('d', 'depends', 'rules'), v('e', 'depends', 'files'), v('f', 'runs', 'always')]);
		expect(groups.map((g) => ({ depends: g.depends, ids: g.entries.map((e) => e.id) }))).toEqual([
			{ depends: 'rules', ids: ['a', 'd'] },
			{ depends: undefined, ids: ['b', 'f'] },
			{ depends: 'files', ids: ['e'] },
		]);
		expect(runningGroups([v('x', 'skipped', 'no')])).toEqual([]);
	});
});
