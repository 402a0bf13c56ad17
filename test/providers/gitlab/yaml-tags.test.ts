import { expect, it } from 'vitest';
import { parseYaml, valueOf } from '../../../src/providers/yaml';

it('parseYaml records custom tags it is told about, silently, and only those', () => {
	const text = 'a: !reference [job, script]\nb: [x]\n';
	const tagged = parseYaml({ path: 'ci.yml', text }, { customTags: ['!reference'] });
	expect(tagged.diagnostics).toEqual([]);
	const root = tagged.documents[0]!.root;
	expect(valueOf(root, 'a')).toMatchObject({ kind: 'seq', tag: '!reference', location: { line: 1, column: 15 } });
	expect(valueOf(root, 'b')!.tag).toBeUndefined();
	// Without the option, behaviour is unchanged: the tag is unknown, reported and not recorded.
	const plain = parseYaml({ path: 'ci.yml', text });
	expect(plain.diagnostics.map((d) => d.code)).toEqual(['yaml-warning']);
	expect(valueOf(plain.documents[0]!.root, 'a')!.tag).toBeUndefined();
});
