/**
 * Just enough of the shell to tell what a CI script runs: logical lines (continuations joined,
 * comments dropped, heredoc bodies attached to their line), then each line cut into simple
 * commands joined by `&&`, `||`, `;` and pipes. Not a shell: quoting is undone, expansions are
 * kept as written, and anything odd is left for the caller to not recognise.
 */

/** One logical line of a script: what a reader counts as one command line. */
export interface ScriptLine {
	text: string;
	/** 1-based line in the script where it starts. */
	line: number;
	/** The body of a heredoc (`cat > f <<EOF … EOF`) written below this line. */
	heredoc?: string;
}

export interface Redirect {
	/** `>`, `>>`, `<`, `2>&1`'s `>&`, `<<` (heredoc), `<<<`. */
	op: string;
	/** The file descriptor written before the operator (`2` in `2>/dev/null`), `&` for `&>`. */
	fd?: string;
	target: string;
}

/** One command with its arguments: `NAME=v cmd arg… > file`. */
export interface SimpleCommand {
	/** Words with quotes removed; `$VAR`, `$(…)` and `${{ … }}` kept as written. */
	words: string[];
	/** `NAME=value` written before the command. */
	assignments: string[];
	redirects: Redirect[];
	/** The command as written, trimmed. */
	raw: string;
	/** Position in its pipeline (`a | b`: a is 0, b is 1) and the pipeline's length. */
	pipe: { index: number; length: number };
	/** Started with a trailing `&`: the script goes on without waiting for it. */
	background?: boolean;
}

/** Scripts as CI configs hold them, split into the lines a reader would read one by one. */
export function scriptLines(script: string): ScriptLine[] {
	const protectedText = protect(script.replace(/\r\n?/g, '\n'));
	const out: ScriptLine[] = [];
	const physical = protectedText.split('\n');
	let i = 0;
	while (i < physical.length) {
		const start = i;
		let text = physical[i]!;
		i++;
		// Backslash continuations and quotes left open join the following lines.
		while (i < physical.length && (endsWithContinuation(text) || openQuote(text))) {
			text = endsWithContinuation(text) ? `${text.replace(/\\$/, '')} ${physical[i]!.trim()}` : `${text}\n${physical[i]!}`;
			i++;
		}
		const stripped = stripComment(text).trim();
		if (stripped === '') continue;
		const line: ScriptLine = { text: restore(stripped), line: start + 1 };
		const delimiter = heredocDelimiter(stripped);
		if (delimiter !== undefined) {
			const body: string[] = [];
			while (i < physical.length && physical[i]!.trim() !== delimiter) body.push(physical[i++]!);
			i++;
			line.heredoc = restore(body.join('\n'));
		}
		out.push(line);
	}
	return out;
}

/** A logical line cut into pipelines (`a | b`), each a list of simple commands. */
export function splitLine(text: string): SimpleCommand[][] {
	const tokens = lex(protect(text));
	const pipelines: SimpleCommand[][] = [];
	let pipeline: Token[][] = [];
	let current: Token[] = [];
	const endCommand = () => {
		if (current.length > 0) pipeline.push(current);
		current = [];
	};
	const endPipeline = () => {
		endCommand();
		if (pipeline.length > 0) pipelines.push(pipeline.map((tokens, index) => simpleCommand(tokens, index, pipeline.length)));
		pipeline = [];
	};
	for (const token of tokens) {
		if (token.type === 'op') {
			if (token.value === '|' || token.value === '|&') endCommand();
			else {
				endPipeline();
				if (token.value === '&') {
					const last = pipelines.at(-1)?.at(-1);
					if (last) last.background = true;
				}
			}
		} else current.push(token);
	}
	endPipeline();
	return pipelines;
}

/** Splits a plain argument string the way the shell would (for `bash -c "…"` and wrapped commands). */
export function words(text: string): string[] {
	return lex(protect(text))
		.filter((t): t is WordToken => t.type === 'word')
		.map((t) => t.value);
}

// --- lexing ---------------------------------------------------------------------------------

interface WordToken {
	type: 'word';
	value: string;
	raw: string;
}
interface OpToken {
	type: 'op';
	value: string;
}
interface RedirectToken {
	type: 'redirect';
	redirect: Redirect;
	raw: string;
}
type Token = WordToken | OpToken | RedirectToken;

const OPERATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')'];
const REDIRECT = /^(\d+|&)?(>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/;

function lex(text: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		// `<(cmd)` / `>(cmd)` process substitution is a word (a file name), not a redirect.
		const redirect = /[<>]\(/.test(text.slice(i, i + 2)) ? null : REDIRECT.exec(text.slice(i));
		if (redirect && (redirect[1] === undefined || i === 0 || /\s/.test(text[i - 1]!))) {
			const [whole, fd, op] = redirect;
			i += whole.length;
			let target = '';
			if (op === '>&' || op === '<&') {
				const m = /^\s*([\d-]+|\S+)/.exec(text.slice(i));
				target = m?.[1] ?? '';
				i += m?.[0].length ?? 0;
			} else {
				while (i < text.length && /[ \t]/.test(text[i]!)) i++;
				const word = readWord(text, i);
				target = word.value;
				i = word.end;
			}
			const r: Redirect = { op: op!, target };
			if (fd !== undefined) r.fd = fd;
			out.push({ type: 'redirect', redirect: r, raw: text.slice(i - whole.length, i) });
			continue;
		}
		const op = OPERATORS.find((o) => text.startsWith(o, i));
		if (op) {
			out.push({ type: 'op', value: op });
			i += op.length;
			continue;
		}
		const word = readWord(text, i);
		if (word.end === i) {
			i++;
			continue;
		}
		out.push({ type: 'word', value: restore(word.value), raw: restore(text.slice(i, word.end)) });
		i = word.end;
	}
	return out;
}

/** One word from `start`: quotes removed, `$(…)`, `${…}`, backticks and `<(…)` kept whole. */
function readWord(text: string, start: number): { value: string; end: number } {
	let i = start;
	let value = '';
	while (i < text.length) {
		const c = text[i]!;
		if (/\s/.test(c)) break;
		if (c === "'") {
			const end = text.indexOf("'", i + 1);
			const stop = end === -1 ? text.length : end;
			value += text.slice(i + 1, stop);
			i = stop + 1;
			continue;
		}
		if (c === '"') {
			let j = i + 1;
			while (j < text.length && text[j] !== '"') {
				// Inside double quotes a backslash only escapes $ ` " \ and newlines (`C:\dir` stays as written).
				if (text[j] === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1]!)) {
					value += text[j + 1];
					j += 2;
				} else if (text.startsWith('$(', j) || text.startsWith('${', j)) {
					const end = balanced(text, j + 1);
					value += text.slice(j, end);
					j = end;
				} else value += text[j++];
			}
			i = j + 1;
			continue;
		}
		if (c === '\\') {
			// `C:\msys64\usr` (Windows paths) keep their backslashes; elsewhere it escapes the next character.
			if (/[A-Za-z0-9]/.test(text[i + 1] ?? '')) value += c + text[i + 1];
			else value += text[i + 1] ?? '';
			i += 2;
			continue;
		}
		if (c === '`') {
			const end = text.indexOf('`', i + 1);
			const stop = end === -1 ? text.length : end + 1;
			value += text.slice(i, stop);
			i = stop;
			continue;
		}
		if ((c === '$' || c === '<' || c === '>') && (text[i + 1] === '(' || (c === '$' && text[i + 1] === '{'))) {
			const end = balanced(text, i + 1);
			value += text.slice(i, end);
			i = end;
			continue;
		}
		if (';&|()<>'.includes(c)) break;
		value += c;
		i++;
	}
	return { value, end: i };
}

/** The index just past the bracket that closes the one at `open`, quotes respected. */
function balanced(text: string, open: number): number {
	const opening = text[open]!;
	const closing = opening === '(' ? ')' : '}';
	let depth = 0;
	let quote: string | undefined;
	for (let i = open; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
			continue;
		}
		if (c === "'" || c === '"') quote = c;
		else if (c === opening) depth++;
		else if (c === closing && --depth === 0) return i + 1;
	}
	return text.length;
}

function simpleCommand(tokens: Token[], index: number, length: number): SimpleCommand {
	const words: string[] = [];
	const assignments: string[] = [];
	const redirects: Redirect[] = [];
	const raw: string[] = [];
	for (const token of tokens) {
		if (token.type === 'redirect') {
			redirects.push(token.redirect);
			raw.push(token.raw);
		} else if (token.type === 'word') {
			raw.push(token.raw);
			if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(token.raw)) assignments.push(token.value);
			else words.push(token.value);
		}
	}
	return { words, assignments, redirects, raw: raw.join(' '), pipe: { index, length } };
}

// --- line handling --------------------------------------------------------------------------

function endsWithContinuation(text: string): boolean {
	return /(^|[^\\])(\\\\)*\\$/.test(text);
}

/** True while a `'` or `"` opened on this logical line is not closed yet. */
function openQuote(text: string): boolean {
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '\\') i++;
		else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return false;
		else if (c === "'" || c === '"') quote = c;
	}
	return quote !== undefined;
}

/** The line without a trailing `# comment` (a `#` that starts a word, outside quotes). */
function stripComment(text: string): string {
	let quote: string | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '\\') i++;
		else if (c === "'" || c === '"') quote = c;
		else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i);
	}
	return text;
}

function heredocDelimiter(text: string): string | undefined {
	return /(?:^|[^<])<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(text)?.[2];
}

// CircleCI's `<< parameters.x >>` would read as a heredoc: it is swapped for private-use
// brackets while lexing and swapped back in every word handed out.
const OPEN = '\u{F0001}';
const CLOSE = '\u{F0002}';

function protect(text: string): string {
	return text.replace(/<<\s*((?:parameters|pipeline|matrix)\.[\w.-]+|include\([^)]*\))\s*>>/g, `${OPEN}$1${CLOSE}`);
}

function restore(text: string): string {
	return text.replaceAll(OPEN, '<< ').replaceAll(CLOSE, ' >>');
}
