/** Paths of run files: relative, `/`-separated. */

export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder part, '' at the top of the run folder. */
export function dirName(path: string): string {
	const i = path.lastIndexOf('/');
	return i === -1 ? '' : path.slice(0, i);
}

/** The file name without its last extension (a name of only an extension stays whole). */
export function stem(path: string): string {
	const base = baseName(path);
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(0, dot) : base;
}

/** Code-point order, as the rest of the project sorts, so runs come out the same on every machine. */
export function comparePaths(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
