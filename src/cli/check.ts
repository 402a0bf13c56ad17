import type { Diagnostic } from '../model';
import { formatDiagnostic } from './format';
import { pipelinesFrom } from './inputs';

export async function check(paths: readonly string[], options: { all: boolean }): Promise<number> {
	const seen = new Set<string>();
	const diagnostics: Diagnostic[] = [];
	let pipelines = 0;
	for (const path of paths) {
		for (const pipeline of (await pipelinesFrom(path)).pipelines) {
			pipelines++;
			for (const d of pipeline.diagnostics) {
				// Files shared by several pipelines of a folder (pipeline.yml) report once.
				const key = `${formatDiagnostic(d)}\n${d.hint ?? ''}`;
				if (!seen.has(key)) diagnostics.push(d);
				seen.add(key);
			}
		}
	}
	const shown = options.all ? diagnostics : diagnostics.filter((d) => d.severity !== 'info');
	for (const d of shown) {
		console.log(formatDiagnostic(d));
		if (d.hint) console.log(`  hint: ${d.hint}`);
	}
	const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
	const errors = count('error');
	const notes = count('info');
	console.error(
		`${pipelines} pipeline${pipelines === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}` +
			(notes && !options.all ? `, ${notes} note${notes === 1 ? '' : 's'} (--all shows them)` : ''),
	);
	return errors > 0 ? 1 : 0;
}
