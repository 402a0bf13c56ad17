/**
 * Job groups (`job-groups:`): named sets of jobs a workflow runs as one unit. A workflow names
 * a group as it names a job, with only `requires`, `serial-group` and `name`; the group's jobs
 * are written as a workflow's are, and wait only for each other. Read here: the definitions,
 * and which of them no workflow runs. Expanding them into a workflow's entries is in
 * ./workflows.ts, with the rest of a workflow's entries.
 */
import type { SourceLocation } from '../../model';
import { describeValue, isNull, type YamlValue } from '../yaml';
import type { Reporter } from '../report';
import { checkKeys } from './keys';

export interface JobGroupDefinition {
	name: string;
	/** The items of its `jobs:` list, read as a workflow's are. */
	jobs: YamlValue[];
	location: SourceLocation;
	/** A workflow runs it (for the "not run by any workflow" warning). */
	used: boolean;
}

/** Keys a workflow may give a group it runs; CircleCI refuses any other (its job arguments too). */
export const GROUP_INVOCATION_KEYS = new Set(['requires', 'serial-group', 'name']);

/** The top-level `job-groups:` map, by name; a group without a usable `jobs` list is left out, with an error. */
export function readJobGroups(value: YamlValue | undefined, report: Reporter): Map<string, JobGroupDefinition> {
	const groups = new Map<string, JobGroupDefinition>();
	if (isNull(value)) return groups;
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`job-groups\` must be a map of group names to groups, not ${describeValue(value)}`, value.location);
		return groups;
	}
	for (const entry of value.entries) {
		const body = entry.value;
		if (body.kind !== 'map') {
			report.error('invalid-type', `Job group \`${entry.key}\` must be a map with \`jobs\`, not ${describeValue(body)}`, body.location);
			continue;
		}
		checkKeys(body, 'jobGroup', report);
		const jobs = body.entries.find((e) => e.key === 'jobs')?.value;
		if (jobs?.kind !== 'seq' || jobs.items.length === 0) {
			report.error('missing-key', `Job group \`${entry.key}\` has no \`jobs\` list`, jobs?.location ?? entry.keyLocation, 'List the jobs the group runs under `jobs:`, as a workflow lists them.');
			continue;
		}
		groups.set(entry.key, { name: entry.key, jobs: jobs.items, location: entry.keyLocation, used: false });
	}
	return groups;
}

/**
 * Groups no workflow runs (their jobs never run through them), and groups named like a job:
 * a workflow's `- name` then runs the group, and the job only where no group could be meant.
 */
export function checkJobGroups(groups: ReadonlyMap<string, JobGroupDefinition>, jobNames: readonly string[], report: Reporter): void {
	const jobs = new Set(jobNames);
	for (const group of groups.values()) {
		if (jobs.has(group.name)) {
			report.warning('name-clash', `\`${group.name}\` names both a job and a job group; a workflow that lists \`${group.name}\` runs the group`, group.location, 'Give the group a name of its own.');
		}
		if (!group.used) {
			report.warning('unused-job-group', `Job group \`${group.name}\` is not run by any workflow`, group.location, `List \`${group.name}\` under a workflow's \`jobs\`, or remove the group.`);
		}
	}
}
