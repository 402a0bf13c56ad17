/**
 * CI timestamps: GitHub writes 7 fractional digits, GitLab 6, CircleCI 3, and some are unix
 * seconds. Parsed by hand so precision beyond milliseconds never depends on the engine.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or undefined for anything that is not an ISO-8601 date-time. */
export function isoToMs(text: unknown): number | undefined {
	if (typeof text !== 'string') return undefined;
	const m = ISO.exec(text.trim());
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = m;
	const ms = Number((fraction + '000').slice(0, 3));
	let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
	if (zone !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
	}
	return Number.isFinite(time) ? time : undefined;
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
