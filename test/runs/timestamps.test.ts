import { describe, expect, it } from 'vitest';
import { inSecond, isoToMs } from '../../src/runs/timestamps';

/** What Date.parse makes of the same text, to the millisecond (the engine agrees for these shapes). */
const reference = (text: string) => Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));

describe('isoToMs', () => {
	it('reads lines of one second as the full parse does, whatever came before', () => {
		const texts = [
			'2024-05-01T10:00:00.1234567Z',
			'2024-05-01T10:00:00.9Z',
			'2024-05-01T10:00:00Z',
			'2024-05-01T10:00:00.05Z',
			'2024-05-01T10:00:01.0000001Z',
			'2024-05-01T10:00:00.999999Z',
			'2024-05-01T10:00:00.5+02:00',
			'2024-05-01T10:00:00.5Z',
			'2024-05-01 10:00:00.25Z',
			'2024-05-01T10:00:00.25Z',
		];
		for (const text of texts) expect(isoToMs(text), text).toBe(reference(text));
	});

	it('leaves a text of the same second that is no time to the full parse', () => {
		expect(isoToMs('2024-05-01T10:00:00.5Z')).toBe(reference('2024-05-01T10:00:00.5Z'));
		expect(isoToMs('2024-05-01T10:00:00.1a3Z')).toBeUndefined();
		expect(isoToMs('2024-05-01T10:00:00.Z')).toBeUndefined();
		expect(isoToMs('2024-05-01T10:00:00xZ')).toBeUndefined();
		expect(isoToMs('2024-05-01T10:00:00.5Z ')).toBe(reference('2024-05-01T10:00:00.5Z'));
		expect(isoToMs('2024-05-01T10:00:00,5Z')).toBe(reference('2024-05-01T10:00:00.5Z'));
	});
});

describe('inSecond', () => {
	const second = { text: '2024-05-01T10:00:00', ms: Date.UTC(2024, 4, 1, 10) };

	it('adds the first three digits of the fraction to the second', () => {
		expect(inSecond('2024-05-01T10:00:00Z', second)).toBe(second.ms);
		expect(inSecond('2024-05-01T10:00:00.1234567Z', second)).toBe(second.ms + 123);
		expect(inSecond('2024-05-01T10:00:00.4Z', second)).toBe(second.ms + 400);
	});

	it('answers nothing for another second or another shape', () => {
		expect(inSecond('2024-05-01T10:00:01.5Z', second)).toBeUndefined();
		expect(inSecond('2024-05-01T10:00:00.5+00:00', second)).toBeUndefined();
		expect(inSecond('2024-05-01T10:00:00.5', second)).toBeUndefined();
		expect(inSecond('2024-05-01T10:00:00.1a3Z', second)).toBeUndefined();
		expect(inSecond('2024-05-01T10:00:00.Z', second)).toBeUndefined();
		expect(inSecond('2024-05-01T10:00:00Z', { text: '', ms: 0 })).toBeUndefined();
	});
});
