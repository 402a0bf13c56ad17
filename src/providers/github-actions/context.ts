import type { Diagnostic } from '../../model';
import type { Reporter } from '../report';
import type { YamlValue } from '../yaml';
import type { References } from './env';

/** What reading one workflow file needs to know. */
export interface Context {
	report: Reporter;
	refs: References;
	/** Files of the pipeline folder by relative path (local actions, called workflows). */
	files: ReadonlyMap<string, string>;
	displayPrefix: string;
	/** Workflows of the repository by relative path (`.github/workflows/x.yml`) -> display path and text. */
	workflows: ReadonlyMap<string, { path: string; text: string }>;
	/** Parsed local files, so a file used many times is read once. */
	cache: Map<string, { root: YamlValue | undefined; path: string; diagnostics: readonly Diagnostic[] }>;
	/** Files being expanded, outermost first (to stop a file that includes itself). */
	stack: readonly string[];
}

export const MAX_DEPTH = 5;
