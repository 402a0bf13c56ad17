import { describe, expect, it } from 'vitest';
import type { StoredPipeline } from '../../src/model';
import { storedPipelines } from '../../src/site/stored-pipelines';

const stored = (model: object): StoredPipeline => ({ model: new TextEncoder().encode(JSON.stringify(model)).buffer, problems: [] });

describe('storedPipelines', () => {
	it('gives each model back, parsed once while its bytes are the same', () => {
		const modelsOf = storedPipelines();
		const shop = { id: 'shop', data: stored({ id: 'shop', jobs: [{ id: 'build' }] }) };
		const web = { id: 'web', data: stored({ id: 'web', jobs: [] }) };
		const first = modelsOf([shop, web]);
		expect(first).toEqual([{ id: 'shop', jobs: [{ id: 'build' }] }, { id: 'web', jobs: [] }]);
		const again = modelsOf([web, shop]);
		expect(again[0]).toBe(first[1]);
		expect(again[1]).toBe(first[0]);
	});

	it('parses new bytes of a pipeline anew, and lets go of a pipeline no longer stored', () => {
		const modelsOf = storedPipelines();
		const shop = { id: 'shop', data: stored({ id: 'shop', jobs: [] }) };
		const web = { id: 'web', data: stored({ id: 'web', jobs: [] }) };
		const [before, webBefore] = modelsOf([shop, web]);
		const changed = { id: 'shop', data: stored({ id: 'shop', jobs: [{ id: 'test' }] }) };
		const [after] = modelsOf([changed]);
		expect(after).toEqual({ id: 'shop', jobs: [{ id: 'test' }] });
		expect(after).not.toBe(before);
		// `web` was not among the entries last time: the same bytes are parsed again, not kept.
		const [webAfter] = modelsOf([web]);
		expect(webAfter).toEqual(webBefore);
		expect(webAfter).not.toBe(webBefore);
	});
});
