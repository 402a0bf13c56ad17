import { describe, expect, it } from 'vitest';
import { DEFAULT_PNG_SCALE, parsePngScale, PNG_SCALE_VARIABLE, pngScale } from '../../src/config/png-scale';

describe('pngScale', () => {
	it('is 1 unless ATLAS_PNG_SCALE asks for 2', () => {
		expect(DEFAULT_PNG_SCALE).toBe(1);
		expect(pngScale({})).toBe(1);
		expect(pngScale({ [PNG_SCALE_VARIABLE]: '' })).toBe(1);
		expect(pngScale({ [PNG_SCALE_VARIABLE]: '1' })).toBe(1);
		expect(pngScale({ [PNG_SCALE_VARIABLE]: ' 2 ' })).toBe(2);
	});

	it('says which values it takes when given another', () => {
		for (const bad of ['3', '0', '1.5', '2x', 'two']) {
			expect(parsePngScale(bad)).toBeUndefined();
			expect(() => pngScale({ [PNG_SCALE_VARIABLE]: bad })).toThrow(`ATLAS_PNG_SCALE must be 1 or 2 (pixels per CSS pixel of a PNG download), not "${bad}"`);
		}
	});
});
