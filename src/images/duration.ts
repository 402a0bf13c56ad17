/**
 * A duration as CI job pages print it: `42s`, `1m 04s`, `2h 03m 07s`. Seconds are padded once
 * minutes show so a column of durations lines up; under a second is `<1s`, not a misleading `0s`.
 */
export function formatDuration(ms: number | undefined): string | undefined {
	if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
	if (ms === 0) return '0s';
	if (ms < 1000) return '<1s';
	const total = Math.round(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const pad = (n: number) => String(n).padStart(2, '0');
	if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
	if (m > 0) return `${m}m ${pad(s)}s`;
	return `${s}s`;
}
