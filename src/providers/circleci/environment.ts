import type { EnvScope, EnvVar, SourceLocation } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { describeValue, isNull, renderInline, scalarText, type YamlValue } from '../yaml';
import type { Reporter } from '../report';

/**
 * An `environment:` block (a map, or a list of `KEY=value` strings) as variables. A variable
 * whose name says it holds a secret is kept by name only: its value never enters the model.
 * `for` a container the job starts beside its own (a database), such a value is noted, not
 * warned about: it is that container's throwaway setting, as GitHub's services' are.
 */
export function readEnvironment(value: YamlValue | undefined, scope: EnvScope, report: Reporter, target: 'job' | 'container' = 'job'): EnvVar[] {
	if (isNull(value)) return [];
	const vars: EnvVar[] = [];
	const add = (name: string, text: string, location: SourceLocation) => vars.push(envVar(name, text, scope, location, report, target));
	if (value.kind === 'map') {
		for (const entry of value.entries) {
			if (entry.value.kind !== 'scalar') {
				report.error('invalid-type', `Environment variable \`${entry.key}\` must have a text value, not ${describeValue(entry.value)}`, entry.value.location);
			}
			add(entry.key, entry.value.kind === 'scalar' ? scalarText(entry.value) ?? '' : renderInline(entry.value), entry.keyLocation);
		}
		return vars;
	}
	// Also accepted: a list of `NAME=value` strings, or one such string.
	if (value.kind === 'seq' || typeof value.value === 'string') {
		for (const item of value.kind === 'seq' ? value.items : [value]) {
			if (item.kind === 'map') {
				vars.push(...readEnvironment(item, scope, report, target));
				continue;
			}
			const text = scalarText(item) ?? '';
			const equals = text.indexOf('=');
			if (equals <= 0) {
				report.error('invalid-value', `\`${text}\` is not a \`NAME=value\` environment entry`, item.location);
				continue;
			}
			add(text.slice(0, equals), text.slice(equals + 1), item.location);
		}
		return vars;
	}
	report.error('invalid-type', '`environment` must be a map of names to values', value.location);
	return vars;
}

function envVar(name: string, value: string, scope: EnvScope, definedAt: SourceLocation, report: Reporter, target: 'job' | 'container'): EnvVar {
	if (!isSecretName(name)) return { name, value, secret: false, scope, definedAt, usedBy: [] };
	if (target === 'container') {
		report.info('secret-in-config', `\`${name}\` looks like a secret and is set in the config for a container the job starts; its value is hidden from the pages`, definedAt);
		return { name, secret: true, scope, definedAt, usedBy: [] };
	}
	report.warning(
		'secret-in-config',
		`\`${name}\` looks like a secret and is set in the config; its value is hidden from the pages`,
		definedAt,
		'Store secrets as project environment variables or in a context, not in the config file.',
	);
	return { name, secret: true, scope, definedAt, usedBy: [] };
}
