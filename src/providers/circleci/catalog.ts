/**
 * The pipeline's jobs: every job the config defines, in order, plus each orb job a workflow
 * uses (added on first use, expanded when the orb's source is available).
 */
import type { SourceLocation, StepOrigin } from '../../model';
import type { ProviderJob } from '../types';
import type { Context } from './context';
import { buildJob, jobType, placeholderJob, unexpandedOrbJob } from './jobs';
import { resolve } from './scope';
import type { FoundJob, JobLookup } from './workflows';

export class JobCatalog implements JobLookup {
	readonly jobs: ProviderJob[] = [];
	readonly #found = new Map<string, FoundJob>();
	readonly #ctx: Context;

	constructor(ctx: Context) {
		this.#ctx = ctx;
		for (const def of ctx.root.jobs.values()) {
			// An approval job is a gate in a workflow, not something that runs.
			const approval = jobType(def) === 'approval';
			this.#found.set(def.name, { id: def.name, def, approval });
			if (approval) continue;
			// A job that fails to read stays listed, so workflow entries still point at a job.
			this.jobs.push(ctx.report.guard(def.location, `job \`${def.name}\``, () => buildJob(def.name, def, ctx)) ?? placeholderJob(def.name, def.location));
		}
	}

	find(name: string, location: SourceLocation): FoundJob | undefined {
		const known = this.#found.get(name);
		if (known) return known;
		const resolution = resolve(this.#ctx.root, 'jobs', name);
		const orb = resolution?.orb;
		if (!resolution || !orb) return undefined;
		if (this.#ctx.version !== '2.1') this.#ctx.report.error('version-feature', `Orb jobs (\`${name}\`) need \`version: 2.1\``, location);
		const { def } = resolution;
		if (!def && orb.scope) {
			this.#ctx.report.error('unknown-job', `Orb \`${orb.alias}\` has no job \`${name.slice(name.indexOf('/') + 1)}\``, location);
			return undefined;
		}
		const found: FoundJob = { id: name, approval: false };
		if (def) {
			found.def = def;
			const origin: StepOrigin = { type: 'orb', name, expanded: true };
			if (orb.ref !== undefined) origin.ref = orb.ref;
			this.jobs.push(this.#ctx.report.guard(def.location, `orb job \`${name}\``, () => buildJob(name, def, this.#ctx, origin)) ?? placeholderJob(name, def.location, origin));
		} else {
			this.jobs.push(unexpandedOrbJob(name, orb.ref, location));
		}
		this.#found.set(name, found);
		return found;
	}

	names(): string[] {
		return [...this.#found.keys()];
	}
}
