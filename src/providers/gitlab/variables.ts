import type { EnvScope, EnvVar, Parameter, SourceLocation } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { referencesOnly } from '../env-value';
import { describeValue, entryOf, isNull, renderInline, scalarText, valueOf, type YamlValue } from '../yaml';
import { flattenList } from './merge';
import type { Reporter } from '../report';

/** Said of a pipeline variable with a `description` or `options`. */
const PREFILLED = 'Offered in GitLab’s Run pipeline form when the pipeline is run by hand';

/** Text of a scalar as written (`1.10` stays `1.10`). */
export function scalarSource(value: YamlValue | undefined): string | undefined {
	if (value?.kind !== 'scalar') return undefined;
	return value.source ?? scalarText(value);
}

/**
 * `variables:` (pipeline or job). A value is text or `{value, description, options, expand}`;
 * pipeline variables with a description or options are what the "Run pipeline" form offers,
 * so they also become parameters. Secret-looking names are kept by name only.
 */
export function readVariables(value: YamlValue | undefined, scope: EnvScope, report: Reporter, parameters?: Parameter[]): EnvVar[] {
	if (isNull(value)) return [];
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`variables\` must be a map of names to values, not ${describeValue(value)}`, value.location);
		return [];
	}
	const vars: EnvVar[] = [];
	for (const entry of value.entries) {
		let text: string | undefined;
		// `expand: false`: GitLab takes `$X` in the value as written.
		let expand = true;
		if (entry.value.kind === 'map') {
			text = scalarSource(valueOf(entry.value, 'value'));
			// GitLab reads YAML 1.1, where `no` and `off` are false too.
			expand = !/^(false|no|off)$/i.test(scalarText(valueOf(entry.value, 'expand')) ?? '');
			const description = scalarText(valueOf(entry.value, 'description'));
			const options = entryOf(entry.value, 'options') ? flattenList(valueOf(entry.value, 'options')).map((o) => renderInline(o)) : undefined;
			if (parameters && (description !== undefined || options !== undefined)) {
				const parameter: Parameter = { name: entry.key, type: options ? 'enum' : 'string', location: entry.keyLocation };
				// GitLab's "prefilled variables": its Run pipeline form offers them, as GitHub's and
				// Bitbucket's parameters say of theirs.
				parameter.description = description !== undefined ? `${description} — ${PREFILLED}` : PREFILLED;
				if (text !== undefined && !isSecretName(entry.key)) parameter.default = text;
				if (options) parameter.enum = options;
				parameters.push(parameter);
			}
		} else if (entry.value.kind === 'scalar') {
			text = scalarSource(entry.value);
		} else {
			report.error('invalid-type', `Variable \`${entry.key}\` must have a text value, not ${describeValue(entry.value)}`, entry.value.location);
			text = renderInline(entry.value);
		}
		vars.push(envVar(entry.key, text ?? '', scope, entry.keyLocation, report, expand));
	}
	return vars;
}

export function envVar(name: string, value: string, scope: EnvScope, definedAt: SourceLocation, report: Reporter, expand = true): EnvVar {
	if (!isSecretName(name)) return { name, value, ...(expand ? {} : { literal: true }), secret: false, scope, definedAt, usedBy: [] };
	// A value that only refers to other variables (`$CI_JOB_TOKEN`) leaks nothing, and is shown; a literal is not.
	const valueFrom = referencesOnly(value, expand ? 'shell' : 'none');
	if (valueFrom) return { name, valueFrom, secret: true, scope, definedAt, usedBy: [] };
	if (value !== '') {
		report.warning(
			'secret-in-config',
			`\`${name}\` looks like a secret and is set in the config; its value is hidden from the pages`,
			definedAt,
			'Store secrets as masked CI/CD variables in the project settings, not in .gitlab-ci.yml.',
		);
	}
	return { name, secret: true, scope, definedAt, usedBy: [] };
}

/** `secrets:` and `id_tokens:`: variables the runner fills with secrets at run time. */
export function secretVariables(value: YamlValue | undefined): EnvVar[] {
	if (value?.kind !== 'map') return [];
	return value.entries.map((entry) => ({ name: entry.key, secret: true, scope: 'secret' as const, definedAt: entry.keyLocation, usedBy: [] }));
}
