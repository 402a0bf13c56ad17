import type { Diagnostic, Severity, SourceLocation } from '../model';

/**
 * Collects diagnostics while a config is read, for every provider. Reusable parts (CircleCI
 * commands and executors, GitLab templates, composite actions) are expanded once per use, so the
 * same problem in their definition would otherwise be reported once per job: identical
 * diagnostics at the same place are kept once.
 */
export class Reporter {
	readonly diagnostics: Diagnostic[] = [];
	readonly #seen = new Set<string>();

	add(severity: Severity, code: string, message: string, location: SourceLocation, hint?: string): void {
		const key = `${severity}|${code}|${location.file}:${location.line}:${location.column}|${message}`;
		if (this.#seen.has(key)) return;
		this.#seen.add(key);
		this.diagnostics.push(hint === undefined ? { severity, code, message, location } : { severity, code, message, location, hint });
	}

	error(code: string, message: string, location: SourceLocation, hint?: string): void {
		this.add('error', code, message, location, hint);
	}

	warning(code: string, message: string, location: SourceLocation, hint?: string): void {
		this.add('warning', code, message, location, hint);
	}

	info(code: string, message: string, location: SourceLocation, hint?: string): void {
		this.add('info', code, message, location, hint);
	}

	/**
	 * Runs one independent part of the config (a job, a workflow); an unexpected failure in it
	 * becomes a located error instead of losing the whole pipeline.
	 */
	guard<T>(location: SourceLocation, what: string, run: () => T): T | undefined {
		try {
			return run();
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			this.error('internal-error', `Pipeline Atlas failed to read ${what}: ${reason}`, location, 'This is a bug in Pipeline Atlas; the rest of the config was still read.');
			return undefined;
		}
	}
}
