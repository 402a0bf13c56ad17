/**
 * Code-point order: `localeCompare` follows the machine's locale, and the same input must give
 * the same site everywhere.
 */
export function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
