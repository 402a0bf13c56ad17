/** Just enough YAML writing for hand-shaped configs: scalars quoted when they must be, literal blocks. */

/** Characters a plain scalar may not start with. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;
const NUMBER = /^[-+]?(?:[\d_]+(?:\.[\d_]*)?(?:e[-+]?\d+)?|\.\d+|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** A scalar as YAML: plain when that reads back as the same string, else double-quoted (JSON escapes are valid YAML). */
export function q(value: string | number | boolean): string {
	if (typeof value !== 'string') return String(value);
	const plain =
		value !== '' &&
		!INDICATOR.test(value) &&
		!/\s$/.test(value) &&
		!value.includes(': ') &&
		!value.includes(' #') &&
		!value.endsWith(':') &&
		!/[\x00-\x1f\x7f]/.test(value) &&
		!RESERVED.test(value) &&
		!NUMBER.test(value) &&
		!value.startsWith('<<');
	return plain ? value : JSON.stringify(value);
}

/** `key: value` or `key: |` with the text indented below it. */
export function field(indent: string, key: string, value: string): string[] {
	if (!value.includes('\n')) return [`${indent}${key}: ${q(value)}`];
	return [`${indent}${key}: |`, ...value.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`))];
}

/** A list item whose value may be multi-line (`- |`). */
export function item(indent: string, value: string): string[] {
	if (!value.includes('\n')) return [`${indent}- ${q(value)}`];
	return [`${indent}- |`, ...value.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`))];
}

export function lines(...parts: (string | string[] | false | undefined)[]): string {
	return `${parts.flatMap((p) => (p === false || p === undefined ? [] : Array.isArray(p) ? p : [p])).join('\n')}\n`;
}
