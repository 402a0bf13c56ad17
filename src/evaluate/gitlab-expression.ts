/**
 * GitLab CI/CD variable expressions (`rules:if`), evaluated in three values: a predefined
 * variable the event fixes (`$CI_COMMIT_BRANCH`, `$CI_COMMIT_TAG`, `$CI_PIPELINE_SOURCE`...)
 * is known, any other variable is not, and whatever depends on it is `unknown`.
 * Grammar: `||`, `&&`, parentheses, `==`, `!=`, `=~`, `!~`, `$VAR`, quoted strings, `/regex/`, `null`.
 */

export type Truth = true | false | 'unknown';
/** A variable's value: a string, `null` when unset, `undefined` when not known at build time. */
export type Variables = Readonly<Record<string, string | null>>;

const UNKNOWN = Symbol('unknown');
type Value = string | null | typeof UNKNOWN | RegExp;

type Token = { kind: 'op'; value: string } | { kind: 'var'; value: string } | { kind: 'str'; value: string } | { kind: 'regex'; value: RegExp } | { kind: 'null' };

function tokenize(text: string): Token[] | undefined {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const rest = text.slice(i);
		const space = /^\s+/.exec(rest);
		if (space) {
			i += space[0].length;
			continue;
		}
		const op = /^(\|\||&&|==|!=|=~|!~|\(|\))/.exec(rest);
		const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(rest);
		const str = /^"((?:[^"\\]|\\.)*)"|^'((?:[^'\\]|\\.)*)'/.exec(rest);
		const regex = /^\/((?:[^/\\]|\\.)*)\/([a-z]*)/.exec(rest);
		if (op) tokens.push({ kind: 'op', value: op[1]! });
		else if (variable) tokens.push({ kind: 'var', value: variable[1]! });
		else if (str) tokens.push({ kind: 'str', value: (str[1] ?? str[2] ?? '').replace(/\\(.)/g, '$1') });
		else if (regex) {
			try {
				tokens.push({ kind: 'regex', value: new RegExp(regex[1]!, regex[2]!.replace(/[^imsu]/g, '')) });
			} catch {
				return undefined;
			}
		} else if (/^null\b/.test(rest)) tokens.push({ kind: 'null' });
		else return undefined;
		i += (op ?? variable ?? str ?? regex ?? /^null/.exec(rest))![0].length;
	}
	return tokens;
}

const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true);
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === 'unknown' || b === 'unknown' ? 'unknown' : false);

/** Evaluates `expression` with the variables the event fixes; `unknown` when it cannot be decided. */
export function evaluateExpression(expression: string, variables: Variables): Truth {
	const tokens = tokenize(expression);
	if (!tokens || tokens.length === 0) return 'unknown';
	let pos = 0;
	const peek = () => tokens[pos];
	const isOp = (value: string) => peek()?.kind === 'op' && (peek() as { value: string }).value === value;

	function value(): Value {
		const token = tokens![pos++];
		if (!token) throw new Error('end');
		switch (token.kind) {
			case 'var':
				return token.value in variables ? variables[token.value]! : UNKNOWN;
			case 'str':
				return token.value;
			case 'regex':
				return token.value;
			case 'null':
				return null;
			default:
				throw new Error(`unexpected ${token.value}`);
		}
	}

	function truthy(v: Value): Truth {
		if (v === UNKNOWN) return 'unknown';
		return v !== null && v !== '' && !(v instanceof RegExp) ? true : v instanceof RegExp;
	}

	function comparison(): Truth {
		if (isOp('(')) {
			pos++;
			const inner = disjunction();
			if (!isOp(')')) throw new Error('missing )');
			pos++;
			return inner;
		}
		const left = value();
		const op = peek();
		if (op?.kind !== 'op' || !['==', '!=', '=~', '!~'].includes(op.value)) return truthy(left);
		pos++;
		const right = value();
		if (left === UNKNOWN || right === UNKNOWN) return 'unknown';
		if (op.value === '==' || op.value === '!=') {
			const equal = left instanceof RegExp || right instanceof RegExp ? false : left === right;
			return op.value === '==' ? equal : !equal;
		}
		const pattern = right instanceof RegExp ? right : typeof right === 'string' ? safeRegExp(right) : undefined;
		if (!pattern) return 'unknown';
		const matched = typeof left === 'string' && pattern.test(left);
		return op.value === '=~' ? matched : !matched;
	}

	function conjunction(): Truth {
		let result = comparison();
		while (isOp('&&')) {
			pos++;
			result = and(result, comparison());
		}
		return result;
	}

	function disjunction(): Truth {
		let result = conjunction();
		while (isOp('||')) {
			pos++;
			result = or(result, conjunction());
		}
		return result;
	}

	try {
		const result = disjunction();
		return pos === tokens.length ? result : 'unknown';
	} catch {
		return 'unknown';
	}
}

function safeRegExp(source: string): RegExp | undefined {
	const m = /^\/(.*)\/([a-z]*)$/.exec(source);
	try {
		return m ? new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, '')) : undefined;
	} catch {
		return undefined;
	}
}
