import type { Diagnostic } from '../model';

/** `file:line:col: severity: message`, the form editors and CI annotations recognise. */
export function formatDiagnostic(d: Diagnostic): string {
	const { file, line, column } = d.location;
	return `${file}:${line}:${column}: ${d.severity}: ${d.message}`;
}
