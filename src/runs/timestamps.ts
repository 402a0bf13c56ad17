/**
 * CI timestamps: GitHub writes 7 fractional digits, GitLab 6, CircleCI 3, and some are unix
 * seconds. Parsed by hand so precision beyond milliseconds never depends on the engine.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The date and second (`2024-05-01T10:00:00`) of the last UTC time parsed, and that second in
 * milliseconds: a log's lines share their second by the hundred, and the regex, numbers and
 * Date.UTC of a full parse cost more than the line's other work together.
 */
let lastSecond = { text: '', ms: 0 };

/** Milliseconds since the epoch, or undefined for anything that is not an ISO-8601 date-time. */
export function isoToMs(text: unknown): number | undefined {
	if (typeof text !== 'string') return undefined;
	const known = inSecond(text, lastSecond);
	if (known !== undefined) return known;
	const trimmed = text.trim();
	const m = ISO.exec(trimmed);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
	const ms = Number((fraction + '000').slice(0, 3));
	let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
	if (zone !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
	} else if (Number.isFinite(time)) lastSecond = { text: trimmed.slice(0, 19), ms: time - ms };
	return Number.isFinite(time) ? time : undefined;
}

/**
 * isoToMs of a text in the given second, written `<second>Z` or `<second>.<digits>Z`, as
 * GitHub and GitLab stamp lines; undefined for anything else, which takes the full parse.
 */
export function inSecond(text: string, second: { text: string; ms: number }): number | undefined {
	const n = text.length;
	if (second.text === '' || text.charCodeAt(n - 1) !== 0x5a || !text.startsWith(second.text)) return undefined;
	if (n === 20) return second.ms;
	if (n < 22 || text.charCodeAt(19) !== 0x2e) return undefined;
	for (let i = 20; i < n - 1; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return undefined;
	}
	// The first three digits are the milliseconds, as the full parse reads them.
	return second.ms + Number((text.slice(20, n - 1) + '000').slice(0, 3));
}

export function msToIso(ms: number | undefined): string | undefined {
	if (ms === undefined || !Number.isFinite(ms)) return undefined;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Clocks of a CI's machines disagree by a little; an end further before its start is no duration at all. */
const SKEW_MS = 2000;

/** A duration between two instants: slightly negative ones are 0, others unknown. */
export function between(start: number | undefined, end: number | undefined): number | undefined {
	if (start === undefined || end === undefined) return undefined;
	if (end - start < -SKEW_MS) return undefined;
	return Math.max(0, end - start);
}
