/** The Procfile: `<process type>: <command>` per line, as Heroku reads it. */
import type { SourceFile } from '../types';
import type { Reporter } from '../report';
import type { SourceLocation } from '../../model';

export interface ProcessType {
	name: string;
	command: string;
	location: SourceLocation;
}

/** Heroku's own pattern for a Procfile line. */
const LINE = /^([A-Za-z0-9_-]+):\s*(.+?)\s*$/;

export function parseProcfile(file: SourceFile, report: Reporter): ProcessType[] {
	const processes = new Map<string, ProcessType>();
	const lines = file.text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
	for (const [index, raw] of lines.entries()) {
		const location = { file: file.path, line: index + 1, column: 1 };
		if (raw.trim() === '' || /^\s*#/.test(raw)) continue;
		const match = LINE.exec(raw);
		if (!match) {
			const named = /^\s*([A-Za-z0-9_-]+)\s*:\s*$/.exec(raw);
			report.warning(
				'procfile-line',
				named ? `Process type \`${named[1]}\` has no command` : `This Procfile line is not \`<process type>: <command>\`; Heroku ignores it`,
				location,
				'Write one process per line, such as `web: gunicorn app.wsgi`; process type names use letters, digits, `_` and `-` and start the line.',
			);
			continue;
		}
		const [, name, command] = match as unknown as [string, string, string];
		const earlier = processes.get(name);
		if (earlier) {
			report.warning('duplicate-process', `Process type \`${name}\` is defined again (first on line ${earlier.location.line}); only one definition is used`, location, 'Keep one line per process type; the later one is shown.');
			processes.delete(name);
		}
		processes.set(name, { name, command, location });
	}
	return [...processes.values()];
}
