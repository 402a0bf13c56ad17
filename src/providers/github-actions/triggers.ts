/**
 * `on:` in all its forms (an event name, a list of names, a map of events to their filters)
 * as triggers, and the inputs of `workflow_dispatch`/`workflow_call` as parameters.
 */
import type { Filters, Parameter, Pattern, RefFilter, SourceLocation, Trigger, TriggerEvent } from '../../model';
import type { Reporter } from '../report';
import { describeValue, entryOf, isNull, renderInline, renderText, scalarText, valueOf, type YamlValue } from '../yaml';
import { checkKeys, type KeyContextName } from './keys';

const EVENTS: Record<string, TriggerEvent> = {
	push: 'push',
	pull_request: 'pull_request',
	pull_request_target: 'pull_request',
	schedule: 'schedule',
	workflow_dispatch: 'manual',
	workflow_call: 'workflow_call',
	repository_dispatch: 'api',
};

/** GitHub's events, to tell a misspelt event from one Pipeline Atlas does not know. */
const KNOWN_EVENTS = [
	...Object.keys(EVENTS),
	'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status', 'discussion',
	'discussion_comment', 'fork', 'gollum', 'issue_comment', 'issues', 'label', 'merge_group', 'milestone', 'page_build',
	'project', 'project_card', 'project_column', 'public', 'pull_request_review', 'pull_request_review_comment', 'registry_package',
	'release', 'status', 'watch', 'workflow_run', 'image_versions',
];

export interface TriggerResult {
	triggers: Trigger[];
	parameters: Parameter[];
}

export function readTriggers(on: YamlValue | undefined, workflowLabel: string, fallback: SourceLocation, report: Reporter): TriggerResult {
	const result: TriggerResult = { triggers: [], parameters: [] };
	if (isNull(on)) {
		report.error('missing-on', 'The workflow has no `on:`: GitHub never starts it', on?.location ?? fallback, 'Add the events that start it, for example `on: [push, pull_request]`.');
		return result;
	}
	if (on.kind === 'scalar') {
		addEvent(scalarText(on) ?? '', undefined, on.location, workflowLabel, report, result);
	} else if (on.kind === 'seq') {
		for (const item of on.items) {
			if (item.kind !== 'scalar') {
				report.error('invalid-type', `An event in the \`on:\` list must be a name, not ${describeValue(item)}`, item.location);
				continue;
			}
			addEvent(scalarText(item) ?? '', undefined, item.location, workflowLabel, report, result);
		}
	} else {
		for (const entry of on.entries) addEvent(entry.key, entry.value, entry.keyLocation, workflowLabel, report, result);
	}
	return result;
}

function addEvent(name: string, config: YamlValue | undefined, location: SourceLocation, workflowLabel: string, report: Reporter, result: TriggerResult): void {
	if (!KNOWN_EVENTS.includes(name)) {
		const near = KNOWN_EVENTS.find((known) => known.replace(/_/g, '') === name.replace(/[-_]/g, '').toLowerCase());
		report.warning(
			near ? 'misspelt-key' : 'unknown-event',
			near ? `\`${name}\` is not a GitHub event; did you mean \`${near}\`?` : `\`${name}\` is not an event GitHub Actions knows; the trigger is shown as written`,
			location,
		);
	}
	const event = EVENTS[name] ?? 'other';
	if (name === 'schedule') {
		readSchedule(config, location, report, result);
		return;
	}
	const trigger: Trigger = { event, location };
	if (event === 'other' || name !== event) trigger.name = name;
	if (name === 'push' || name === 'pull_request' || name === 'pull_request_target') {
		checkKeys(config, name === 'push' ? 'push' : 'pull_request', report);
		const filters = readFilters(config, location);
		if (filters) trigger.filters = filters;
		// A push filtered on tags alone only runs for tags.
		if (name === 'push' && filters?.tags && !filters.branches) {
			trigger.event = 'tag';
			trigger.name = 'push';
		}
	} else if (name === 'workflow_dispatch' || name === 'workflow_call') {
		checkKeys(config, name, report);
		result.parameters.push(...readInputs(valueOf(config, 'inputs'), name, workflowLabel, report));
	} else if (config?.kind === 'map') {
		for (const entry of config.entries) {
			if (entry.key === 'types') continue;
			if (name === 'workflow_run' && entry.key === 'workflows') {
				const names = (entry.value.kind === 'seq' ? entry.value.items : [entry.value]).map((item) => (item.kind === 'scalar' ? scalarText(item) ?? '' : renderInline(item)));
				trigger.afterWorkflows = names.filter((n) => n !== '');
				continue;
			}
			// GitHub starts these events for every branch and tag: the keys are written, and ignored.
			if ((name === 'create' || name === 'delete') && /^(branches|tags)(-ignore)?$/.test(entry.key)) {
				report.info('ignored-key', `\`${entry.key}\` does not filter the \`${name}\` event: GitHub runs the workflow for every ${name === 'create' ? 'created' : 'deleted'} branch and tag`, entry.keyLocation, 'Check `github.ref_type` and `github.ref_name` in an `if:` instead.');
				continue;
			}
			report.info('not-modelled', `\`${entry.key}\` of the \`${name}\` event is not modelled by Pipeline Atlas yet; the trigger is shown without it`, entry.keyLocation);
		}
	}
	const types = activityTypes(valueOf(config, 'types'), report);
	if (types) trigger.types = types;
	result.triggers.push(trigger);
}

/** `types: [opened, synchronize]`: the activities of the event that start the workflow. */
function activityTypes(value: YamlValue | undefined, report: Reporter): string[] | undefined {
	if (isNull(value)) return undefined;
	const items = value.kind === 'seq' ? value.items : [value];
	const types: string[] = [];
	for (const item of items) {
		const type = item.kind === 'scalar' ? scalarText(item) : undefined;
		if (type) types.push(type);
		else report.error('invalid-type', `An activity type in \`types\` must be a name, not ${describeValue(item)}`, item.location);
	}
	return types.length > 0 ? types : undefined;
}

function readSchedule(config: YamlValue | undefined, location: SourceLocation, report: Reporter, result: TriggerResult): void {
	if (config?.kind !== 'seq') {
		report.error('invalid-type', '`schedule` must be a list of `- cron: "..."` items', config?.location ?? location);
		return;
	}
	for (const item of config.items) {
		checkKeys(item, 'schedule', report);
		const cron = scalarText(valueOf(item, 'cron'));
		if (cron === undefined) {
			report.error('missing-key', 'A `schedule` item needs a `cron` expression', item.location);
			continue;
		}
		result.triggers.push({ event: 'schedule', name: 'schedule', cron, location: item.location });
	}
}

function readFilters(config: YamlValue | undefined, location: SourceLocation): Filters | undefined {
	if (config?.kind !== 'map') return undefined;
	const filters: Filters = { location: config.location };
	const pair = (only: string, ignore: string): RefFilter | undefined => {
		const a = patterns(valueOf(config, only));
		const b = patterns(valueOf(config, ignore));
		if (!a && !b) return undefined;
		const filter: RefFilter = {};
		if (a) filter.only = a;
		if (b) filter.ignore = b;
		return filter;
	};
	const branches = pair('branches', 'branches-ignore');
	const tags = pair('tags', 'tags-ignore');
	const paths = pair('paths', 'paths-ignore');
	if (branches) filters.branches = branches;
	if (tags) filters.tags = tags;
	if (paths) filters.paths = paths;
	return branches || tags || paths ? filters : (void location, undefined);
}

function patterns(value: YamlValue | undefined): Pattern[] | undefined {
	if (isNull(value)) return undefined;
	const items = value.kind === 'seq' ? value.items : [value];
	return items.map((item) => ({ kind: 'glob', value: item.kind === 'scalar' ? scalarText(item) ?? '' : renderInline(item) }));
}

function readInputs(inputs: YamlValue | undefined, event: string, workflowLabel: string, report: Reporter): Parameter[] {
	if (inputs?.kind !== 'map') return [];
	const note = `${event === 'workflow_dispatch' ? 'Input of a manual run' : 'Input of a call'} (\`${event}\`) of ${workflowLabel}`;
	return inputs.entries.map((entry) => {
		checkKeys(entry.value, 'input' satisfies KeyContextName, report);
		const description = scalarText(valueOf(entry.value, 'description'));
		const type = scalarText(valueOf(entry.value, 'type')) ?? 'string';
		const parameter: Parameter = {
			name: entry.key,
			type: type === 'choice' ? 'enum' : type,
			description: description ? `${description} — ${note}` : note,
			location: entry.keyLocation,
		};
		const def = entryOf(entry.value, 'default');
		if (def && !isNull(def.value)) parameter.default = renderText(def.value);
		const options = valueOf(entry.value, 'options');
		if (options?.kind === 'seq') parameter.enum = options.items.map((item) => renderInline(item));
		const required = valueOf(entry.value, 'required');
		if (required?.kind === 'scalar' && required.value === true) parameter.required = true;
		return parameter;
	});
}
