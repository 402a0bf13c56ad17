/** Plain-text tables for the terminal: aligned columns, nothing the reader has to install. */

export type Cell = string | number | undefined;

export function table(headers: string[], rows: Cell[][]): string {
	const text = rows.map((r) => r.map((c) => (c === undefined ? '—' : String(c))));
	const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

export const s = (ms: number | undefined, digits = 1) => (ms === undefined || !Number.isFinite(ms) ? undefined : `${(ms / 1000).toFixed(digits)} s`);
export const mib = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
export const num = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? undefined : Math.round(n).toLocaleString('en-US'));
export const ratio = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? undefined : `${x.toFixed(digits)}×`);
export const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? undefined : `${(x * 100).toFixed(0)}%`);
