/**
 * CircleCI logic statements (`when`/`unless` of workflows and steps) as one readable line.
 *
 *   {and: [a, {not: b}]}                  -> a and not b
 *   {equal: [main, << pipeline.git.branch >>]} -> "main" == << pipeline.git.branch >>
 *   {matches: {pattern: "^v[0-9]", value: x}} -> x matches /^v[0-9]/
 *
 * Expression strings (`pipeline.git.branch == "main"`) and bare values are kept as written.
 */
import { renderInline, type YamlValue } from '../yaml';

const OPERATORS = new Set(['and', 'or', 'not', 'equal', 'matches']);

/** The condition under which a `when` runs its steps (or workflow). */
export function renderCondition(value: YamlValue): string {
	return render(value, false);
}

/** An `unless`, stated as the condition under which it runs. */
export function renderUnless(value: YamlValue): string {
	return `not ${render(value, true)}`;
}

function render(value: YamlValue, nested: boolean): string {
	if (value.kind === 'scalar') return value.value === null || value.value === '' ? JSON.stringify(value.value) : String(value.value);
	if (value.kind === 'seq') return renderInline(value, { aliases: true });
	const only = value.entries.length === 1 ? value.entries[0]! : undefined;
	if (!only || !OPERATORS.has(only.key)) return renderInline(value, { aliases: true });
	const operand = only.value;
	let text: string;
	switch (only.key) {
		case 'and':
		case 'or': {
			const items = operand.kind === 'seq' ? operand.items : [operand];
			if (items.length === 1) return render(items[0]!, nested);
			text = items.map((item) => render(item, true)).join(` ${only.key} `);
			break;
		}
		case 'not':
			return `not ${render(operand, true)}`;
		case 'equal': {
			const items = operand.kind === 'seq' ? operand.items : [operand];
			text = items.map(literal).join(' == ');
			break;
		}
		case 'matches': {
			const pattern = operand.kind === 'map' ? operand.entries.find((e) => e.key === 'pattern')?.value : undefined;
			const subject = operand.kind === 'map' ? operand.entries.find((e) => e.key === 'value')?.value : undefined;
			text = `${subject ? literal(subject) : '?'} matches /${pattern ? renderInline(pattern) : ''}/`;
			break;
		}
		default:
			text = renderInline(value, { aliases: true });
	}
	return nested ? `(${text})` : text;
}

/** An operand of `equal`/`matches`: references and numbers as written, text quoted. */
function literal(value: YamlValue): string {
	if (value.kind !== 'scalar') return renderInline(value, { aliases: true });
	if (typeof value.value !== 'string') return String(value.value);
	return /^\s*<<[^>]*>>\s*$/.test(value.value) ? value.value.trim() : JSON.stringify(value.value);
}
