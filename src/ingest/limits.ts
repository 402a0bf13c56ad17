/**
 * Size limits applied where files are read, so a stray dump or a hostile file costs a
 * diagnostic rather than the build's memory. The parsers behind them are pure and never see
 * more than these.
 */

const MB = 1024 * 1024;

/** Larger files are not configs a person wrote; they are refused unread. */
export const MAX_CONFIG_BYTES = 5 * MB;

/**
 * Of a longer log only the end is read: that is where a failed run says why. JSON and zips
 * cannot be cut, so above this they are refused.
 */
export const MAX_LOG_BYTES = 8 * MB;

/** A run folder's files together: past this, further files are left out. */
export const MAX_RUN_BYTES = 64 * MB;

/** `8 MB`, `200 MB`, `0.3 MB`: sizes as messages show them (binary megabytes, one decimal at most). */
export function megabytes(bytes: number): string {
	const value = bytes / MB;
	const shown = value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
	return `${shown} MB`;
}

/** The line a log cut to its end starts with, so no reader takes the first line shown for the first line run. */
export function truncationMarker(kept: number, size: number): string {
	return `[log truncated: showed the last ${megabytes(kept).replace(/ MB$/, '')} of ${megabytes(size)}]`;
}
