import { escapesIn, stripEscapes, visibleText, type VisibleText } from './ansi';
import { ciMaskLengths, ciMaskRanges, type CiMasks } from './ci-masks';
import { REDACTED } from './marker';
import { mergeRanges, occurrences, type Range } from './ranges';
import { SHORTEST_SHAPE, tokenShapeRanges } from './token-shapes';
import { valueForms } from './value-forms';

export interface Redactor {
	/** The text with every secret replaced by REDACTED; line breaks and ANSI codes kept. */
	redact(text: string): string;
	/**
	 * Lines of one log, redacted together: a private key spanning lines is hidden whole.
	 * `joined`, when the caller has it already, is `lines.join('\n')` (a long log's copy saved).
	 */
	redactLines(lines: readonly string[], joined?: string): string[];
	/** No text shorter than this is changed (a bound, not always a text it would change): one is returned as it is. */
	readonly shortest: number;
}

export interface RedactorOptions {
	/** Known secret values (a token, values from secretValuesIn); shorter than MIN_SECRET_LENGTH are ignored. */
	values?: Iterable<string>;
	/** Whose masks (`***`, `[MASKED]`, `********`) to normalise to REDACTED; none when absent. */
	ciMasks?: CiMasks;
}

/**
 * Hides, in this order of precedence: the given values (and their encoded forms), well-known
 * token shapes whatever they are called, then the CI's own masks. All rules look at the same
 * original text and their spans are united, so one rule's marker can never cut a token into
 * pieces another rule no longer recognises (a value inside a JWT would leave the rest of it).
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
	const forms = [...new Set([...(options.values ?? [])].flatMap((v) => (typeof v === 'string' ? valueForms(v) : [])))].sort(
		(a, b) => b.length - a.length,
	);
	// A loop, not Math.min(...): a run's files may hold thousands of values, each with its forms.
	let shortest = SHORTEST_SHAPE;
	for (const length of [...forms.map((form) => form.length), ...ciMaskLengths(options.ciMasks)]) if (length < shortest) shortest = length;
	const redact = (text: string): string => {
		const original = typeof text === 'string' ? text : String(text ?? '');
		// Escapes only lengthen a text: its visible part is shorter still.
		if (original.length < shortest) return original;
		try {
			const visible = visibleText(original);
			const ranges: Range[] = [];
			for (const form of forms) occurrences(visible.text, form, ranges);
			tokenShapeRanges(visible.text, ranges);
			ciMaskRanges(visible.text, options.ciMasks, ranges);
			return ranges.length === 0 ? original : hide(original, visible, mergeRanges(ranges));
		} catch {
			// Never throw, never leak: a text the rules cannot handle is hidden line by line.
			return original.replace(/[^\n]+/g, REDACTED);
		}
	};
	return {
		redact,
		shortest,
		redactLines(lines, joined = lines.join('\n')) {
			const redacted = redact(joined);
			// Nothing hidden (most logs): the lines as they were, not copies cut from the joined text.
			if (redacted === joined) return [...lines];
			// Redaction keeps every `\n`, so the joined text splits back into the same lines.
			const breaks = lines.map((line) => countBreaks(line));
			const pieces = redacted.split('\n');
			let at = 0;
			return breaks.map((n) => {
				const line = pieces.slice(at, at + n + 1).join('\n');
				at += n + 1;
				return line;
			});
		},
	};
}

function countBreaks(line: string): number {
	let n = 0;
	for (let i = line.indexOf('\n'); i !== -1; i = line.indexOf('\n', i + 1)) n++;
	return n;
}

/** The original text with each visible span replaced by the marker, keeping escapes and line breaks inside it. */
function hide(original: string, visible: VisibleText, ranges: readonly Range[]): string {
	const out: string[] = [];
	let done = 0;
	// Merged ranges are apart and in order: their ends ascend, as originals wants.
	const ends = visible.originals(ranges.flatMap(([s, e]) => [s, e - 1]));
	for (let i = 0; i < ranges.length; i++) {
		const from = ends[2 * i]!;
		const to = ends[2 * i + 1]! + 1;
		out.push(original.slice(done, from), masked(original.slice(from, to)));
		done = to;
	}
	out.push(original.slice(done));
	return out.join('');
}

/** One marker per line of a hidden span, followed by the escapes it held so colours stay balanced. */
function masked(span: string): string {
	return span
		.split('\n')
		.map((piece) => {
			const cr = piece.endsWith('\r') ? '\r' : '';
			const content = cr ? piece.slice(0, -1) : piece;
			return (stripEscapes(content) !== '' ? REDACTED : '') + escapesIn(content) + cr;
		})
		.join('\n');
}
