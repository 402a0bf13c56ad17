import { describe, expect, it } from 'vitest';
import { focusableTablesPlugin } from '../../src/integrations/focusable-tables';

describe('focusableTablesPlugin', () => {
	it('lets every Markdown table take focus, keeping a tabindex an author gave', () => {
		const plugin = focusableTablesPlugin();
		expect(plugin.element.filter).toEqual(['table']);
		const set: [unknown, string, unknown][] = [];
		const ctx = { setProperty: (node: unknown, key: string, value: unknown) => void set.push([node, key, value]) };
		const plain = { properties: {} };
		const given = { properties: { tabIndex: -1 } };
		plugin.element.visit(plain, ctx);
		plugin.element.visit(given, ctx);
		expect(set).toEqual([[plain, 'tabIndex', 0]]);
	});
});
