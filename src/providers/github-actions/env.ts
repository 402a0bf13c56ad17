/**
 * Environment variables: `env:` blocks at workflow, job and step level, and the secrets
 * (`secrets.X`) and configuration variables (`vars.X`) the expressions refer to. A secret is
 * only ever named: no value enters the model.
 */
import type { EnvScope, EnvVar, SourceLocation } from '../../model';
import { isSecretName } from '../../redact/secret-names';
import { referencesOnly } from '../env-value';
import type { Reporter } from '../report';
import { describeValue, isNull, renderInline, scalarText, type YamlValue } from '../yaml';
import { byCodePoint } from '../../ingest/order';

/** An `env:` given as one expression (`${{ matrix.env }}`), as written: a map only the run knows. */
export function envExpression(value: YamlValue | undefined): string | undefined {
	if (value?.kind !== 'scalar') return undefined;
	const text = scalarText(value) ?? '';
	return isExpression(text) ? text : undefined;
}

/**
 * Reads an `env:` map. A value that is an expression is kept verbatim. `container`: the map
 * sets up a container the job starts itself (a service's database), whose password written in
 * the workflow is the usual throwaway: hidden all the same, but noted rather than warned about.
 */
export function readEnv(value: YamlValue | undefined, scope: EnvScope, report: Reporter, where: string, container = false): EnvVar[] {
	if (isNull(value)) return [];
	const expression = envExpression(value);
	if (expression) {
		report.info('not-modelled', `\`env\` of ${where} is computed by an expression (\`${expression}\`); its variables are only known at run time`, value.location);
		return [];
	}
	if (value.kind !== 'map') {
		report.error('invalid-type', `\`env\` of ${where} must be a map of names to values, not ${describeValue(value)}`, value.location);
		return [];
	}
	return value.entries.map((entry) => {
		const text = entry.value.kind === 'scalar' ? scalarText(entry.value) ?? '' : renderInline(entry.value);
		if (entry.value.kind !== 'scalar') report.error('invalid-type', `Environment variable \`${entry.key}\` must have a text value, not ${describeValue(entry.value)}`, entry.value.location);
		return envVar(entry.key, text, scope, entry.keyLocation, report, container);
	});
}

function envVar(name: string, value: string, scope: EnvScope, definedAt: SourceLocation, report: Reporter, container: boolean): EnvVar {
	const fromSecret = /\bsecrets\s*(\.|\[)/.test(value);
	if (!isSecretName(name) && !fromSecret) return { name, value, secret: false, scope, definedAt, usedBy: [] };
	// `${{ secrets.NPM_TOKEN }}` names the secret and leaks nothing: shown as written.
	const valueFrom = referencesOnly(value, 'expression');
	if (valueFrom) return { name, valueFrom, secret: true, scope, definedAt, usedBy: [] };
	if (!fromSecret && !isExpression(value) && value !== '' && container) {
		report.info('secret-in-config', `\`${name}\` looks like a secret and is set in the workflow for a container the job starts; its value is hidden from the pages`, definedAt);
	} else if (!fromSecret && !isExpression(value) && value !== '') {
		report.warning(
			'secret-in-config',
			`\`${name}\` looks like a secret and is set in the workflow; its value is hidden from the pages`,
			definedAt,
			'Store it as a repository or environment secret and write `${{ secrets.NAME }}` instead.',
		);
	}
	return { name, secret: true, scope, definedAt, usedBy: [] };
}

export function isExpression(text: string): boolean {
	return /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(text);
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const SECRET_REF = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;
const VAR_REF = /\bvars\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;

/** Collects `secrets.X` and `vars.X` references, with the steps that read them. */
export class References {
	readonly #vars = new Map<string, EnvVar>();

	/** Scans every expression under `value`; `condition` marks an `if:` (an expression without `${{ }}`). */
	scan(value: YamlValue | undefined, usedBy?: string, condition = false): void {
		if (value === undefined) return;
		if (value.kind === 'map') {
			for (const entry of value.entries) this.scan(entry.value, usedBy, entry.key === 'if');
			return;
		}
		if (value.kind === 'seq') {
			for (const item of value.items) this.scan(item, usedBy);
			return;
		}
		const text = scalarText(value);
		// Most values hold no expression: `includes` spares them a regular-expression match.
		if (!text || (!condition && !text.includes('${{'))) return;
		const expressions = condition && !text.includes('${{') ? [text] : [...text.matchAll(EXPRESSION)].map((match) => match[1] ?? '');
		for (const expression of expressions) {
			for (const match of expression.matchAll(SECRET_REF)) this.#add(match[1] ?? match[2]!, 'secret', usedBy);
			for (const match of expression.matchAll(VAR_REF)) this.#add(match[1] ?? match[2]!, 'project', usedBy);
		}
	}

	#add(name: string, scope: 'secret' | 'project', usedBy: string | undefined): void {
		const key = `${scope}:${name}`;
		let found = this.#vars.get(key);
		if (!found) {
			found = { name, secret: scope === 'secret', scope, usedBy: [] };
			this.#vars.set(key, found);
		}
		if (usedBy && !found.usedBy.includes(usedBy)) found.usedBy.push(usedBy);
	}

	list(): EnvVar[] {
		return [...this.#vars.values()].sort((a, b) => byCodePoint(a.scope, b.scope) || byCodePoint(a.name, b.name));
	}
}
