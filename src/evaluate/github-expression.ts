/**
 * GitHub Actions `if:` expressions, evaluated in three values as "What runs when" needs them:
 * the `github` values an event fixes (`github.ref`, `github.event_name`, ...) are known, and
 * so are a run's inputs when its event has none (a push's `inputs.deploy` is null); every other
 * context (`vars`, `needs`, `matrix`, a manual run's inputs...) is not, and whatever depends on
 * it is `unknown`. The jobs before have passed (`success()`, `always()` hold; `failure()`,
 * `cancelled()` do not).
 *
 * Hand-written for the subset jobs gate on (`==`, `!=`, `!`, `&&`, `||`, parentheses, strings,
 * numbers, `true`/`false`/`null`, `startsWith`, `endsWith`, `contains`), as GitHub compares:
 * strings without regard to case. GitHub's own `@actions/expressions` (already installed for the
 * workflow parser) does all of it in two values, and the browser runs this evaluation too, for a
 * ref the reader types, where that package would be most of the page's script.
 */
import type { Truth } from './gitlab-expression';

/** An expression that is one matrix value, as written: `${{ matrix.experimental }}`. */
const MATRIX_VALUE = /^\$\{\{\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

/**
 * A flag written as one matrix value (`continue-on-error: ${{ matrix.experimental }}`, the
 * idiom GitHub's docs give), for a matrix instance with these values: true when the value is
 * `true`. Undefined for any other expression, or outside a matrix instance.
 */
export function matrixFlag(expression: string, matrix: Readonly<Record<string, string>> | undefined): boolean | undefined {
	const key = MATRIX_VALUE.exec(expression)?.[1];
	return key === undefined || matrix === undefined ? undefined : matrix[key] === 'true';
}

/** The `github` context values an event fixes, by name (`ref`, `event_name`...). */
export type GitHubValues = Readonly<Record<string, string>>;

const UNKNOWN = Symbol('unknown');
type Value = string | number | boolean | null | typeof UNKNOWN;

type Token = { kind: 'op'; value: string } | { kind: 'name'; value: string } | { kind: 'str'; value: string } | { kind: 'num'; value: number };

function tokenize(text: string): Token[] | undefined {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const rest = text.slice(i);
		const match =
			/^\s+/.exec(rest) ??
			/^(\|\||&&|==|!=|<=|>=|[()!,<>])/.exec(rest) ??
			/^'((?:[^']|'')*)'/.exec(rest) ??
			/^-?\d+(\.\d+)?\b/.exec(rest) ??
			/^[A-Za-z_][\w-]*(\.[A-Za-z_*][\w-]*)*/.exec(rest);
		if (!match) return undefined;
		const text0 = match[0];
		if (/^\s/.test(text0)) {
			// whitespace
		} else if (text0.startsWith("'")) tokens.push({ kind: 'str', value: match[1]!.replaceAll("''", "'") });
		else if (/^-?\d/.test(text0)) tokens.push({ kind: 'num', value: Number(text0) });
		else if (/^[A-Za-z_]/.test(text0)) tokens.push({ kind: 'name', value: text0 });
		else tokens.push({ kind: 'op', value: text0 });
		i += text0.length;
	}
	return tokens;
}

/**
 * The event whose runs have inputs: a manual run's form. (A called workflow's inputs come from
 * its caller's `with:`, and its `event_name` is its caller's: it is left to the caller's event.)
 */
const WITH_INPUTS = new Set(['workflow_dispatch']);

const STATUS: Readonly<Record<string, boolean>> = { success: true, always: true, failure: false, cancelled: false };

/** GitHub's truthiness: false, 0, '', null are false. */
function truthy(v: Value): Truth {
	if (v === UNKNOWN) return 'unknown';
	return !(v === false || v === 0 || v === '' || v === null);
}

/** A value as GitHub coerces it to compare it with one of another type: null 0, booleans 1 and 0, '' 0. */
function toNumber(v: Exclude<Value, typeof UNKNOWN>): number {
	if (v === null || v === '') return 0;
	if (typeof v === 'boolean') return v ? 1 : 0;
	return typeof v === 'number' ? v : Number(v.trim() === '' ? Number.NaN : v);
}

/** GitHub's loose equality: strings without case; values of two types compared as numbers. */
function equal(a: Value, b: Value): Truth {
	if (a === UNKNOWN || b === UNKNOWN) return 'unknown';
	if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
	if (typeof a === typeof b) return a === b;
	return toNumber(a) === toNumber(b);
}

const text = (v: Value) => (v === null ? '' : String(v)).toLowerCase();

/** Evaluates a job's or step's `if:` (with or without `${{ }}`) for the event's `github` values. */
export function evaluateGitHubCondition(condition: string, github: GitHubValues): Truth {
	const bare = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition;
	// A run no one started by hand has no inputs: `inputs.deploy` is null on a push.
	const noInputs = github.event_name !== undefined && !WITH_INPUTS.has(github.event_name);
	const tokens = tokenize(bare);
	if (!tokens || tokens.length === 0) return 'unknown';
	let pos = 0;
	const isOp = (value: string) => tokens[pos]?.kind === 'op' && (tokens[pos] as { value: string }).value === value;
	const expectOp = (value: string) => {
		if (!isOp(value)) throw new Error(`expected ${value}`);
		pos++;
	};

	function primary(): Value {
		const token = tokens![pos++];
		if (!token) throw new Error('end');
		if (token.kind === 'str' || token.kind === 'num') return token.value;
		if (token.kind === 'op') {
			if (token.value === '(') {
				const inner = or();
				expectOp(')');
				return inner;
			}
			if (token.value === '!') {
				const t = truthy(primary());
				return t === 'unknown' ? UNKNOWN : !t;
			}
			throw new Error(`unexpected ${token.value}`);
		}
		const name = token.value;
		if (isOp('(')) {
			pos++;
			const args: Value[] = [];
			while (!isOp(')')) {
				args.push(or());
				if (isOp(',')) pos++;
				else break;
			}
			expectOp(')');
			return call(name.toLowerCase(), args);
		}
		const lower = name.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
		if (lower === 'null') return null;
		const [context, ...path] = lower.split('.');
		if (context === 'github' && path.length === 1 && Object.hasOwn(github, path[0]!)) return github[path[0]!]!;
		if (noInputs && (context === 'inputs' || (context === 'github' && path[0] === 'event' && path[1] === 'inputs'))) return null;
		return UNKNOWN;
	}

	function call(name: string, args: Value[]): Value {
		if (Object.hasOwn(STATUS, name)) return args.length === 0 ? STATUS[name]! : UNKNOWN;
		if (args.length !== 2 || args.some((a) => a === UNKNOWN)) return UNKNOWN;
		const [a, b] = args;
		if (name === 'startswith') return text(a!).startsWith(text(b!));
		if (name === 'endswith') return text(a!).endsWith(text(b!));
		if (name === 'contains') return text(a!).includes(text(b!));
		return UNKNOWN;
	}

	function comparison(): Value {
		const left = primary();
		if (isOp('==') || isOp('!=')) {
			const negate = isOp('!=');
			pos++;
			const same = equal(left, primary());
			return same === 'unknown' ? UNKNOWN : negate ? !same : same;
		}
		if (isOp('<') || isOp('>') || isOp('<=') || isOp('>=')) {
			pos++;
			primary();
			return UNKNOWN;
		}
		return left;
	}

	// `&&` stops at an operand known false, `||` at one known true; each gives one of its operands,
	// as GitHub's do, and is unknown only when no operand decides it.
	function logical(op: '&&' | '||', operand: () => Value): Value {
		const decisive = op === '||';
		let result = operand();
		while (isOp(op)) {
			pos++;
			const right = operand();
			const left = truthy(result);
			if (left === decisive) continue;
			result = left === !decisive || truthy(right) === decisive ? right : UNKNOWN;
		}
		return result;
	}
	const and = (): Value => logical('&&', comparison);
	const or = (): Value => logical('||', and);

	try {
		const result = or();
		return pos === tokens.length ? truthy(result) : 'unknown';
	} catch {
		return 'unknown';
	}
}
