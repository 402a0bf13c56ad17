import type { Reporter } from '../report';
import type { JobGroupDefinition } from './job-groups';
import type { Scope } from './scope';

/** What every part of the reader shares while one config is read. */
export interface Context {
	report: Reporter;
	/** `2` (2.0) or `2.1`: reusable config (commands, orbs, parameters...) needs 2.1. */
	version: '2' | '2.1';
	root: Scope;
	/** The config has no `workflows`: its `build` job runs alone, honouring a 2.0 `branches` filter. */
	implicitWorkflow: boolean;
	/** The config's `job-groups`, by name. */
	jobGroups: ReadonlyMap<string, JobGroupDefinition>;
	/**
	 * Steps left to produce. Commands calling commands can multiply: this bounds the work on a
	 * pathological config instead of hanging.
	 */
	budget: { steps: number; exhausted: boolean };
}

export const STEP_BUDGET = 20_000;
/** Commands expanding commands deeper than this are cut (a cycle the name check missed). */
export const MAX_COMMAND_DEPTH = 40;
