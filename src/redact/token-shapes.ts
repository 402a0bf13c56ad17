import { isSecretValue } from './marker';
import type { Range } from './ranges';

/**
 * A credential recognisable by its shape, whatever it is called. `secret` is the capture
 * group to hide (0: the whole match), so a URL keeps its host and a header its name.
 * Every pattern is a literal prefix or a bounded class run: no nested quantifiers, so a
 * 700 KB log cannot make one backtrack.
 */
interface Shape {
	pattern: RegExp;
	secret: number;
	/** Values that only refer to a secret (`Bearer $TOKEN`) stay readable. */
	checked?: boolean;
	/** A named part must be credential-like (query parameters). */
	name?: (match: RegExpExecArray) => boolean;
	/** What `text.matchAll(pattern)` gives, found a faster way. */
	matches?: (text: string) => Iterable<RegExpExecArray>;
}

/** Query parameters that carry credentials in pre-signed URLs (S3, GCS, Azure SAS, CloudFront). */
const SECRET_PARAM =
	/(?:^|[-_.])(?:sig|signature|token|secret|password|passwd|credential|api[-_]?key|apikey|access[-_]?token|private[-_]?token|client[-_]?secret|key-pair-id|policy)$/i;

/** `scheme://user:password@`, the password captured. */
export const USERINFO = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/?#]*:([^\s@/?#]+)@/dg;
/** USERINFO at one place. */
const USERINFO_HERE = new RegExp(USERINFO.source, 'dy');
/** USERINFO's scheme is at most this long. */
const MAX_SCHEME = 31;

function isSchemeChar(c: number): boolean {
	return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d;
}

/**
 * `text.matchAll(USERINFO)`, found from each `://` instead of trying the pattern at every
 * letter of a log (it was the dearest of the shapes by far). The look behind lets a match
 * start only where a run of scheme characters does, so each `://` has one place to try: the
 * start of the run before it (a run too long for a scheme fails there). Matches cannot
 * overlap: one holds no `://` after its own, and ends with `@`, which no run holds.
 */
export function* userinfoMatches(text: string): Generator<RegExpExecArray> {
	for (let colon = text.indexOf('://'); colon !== -1; colon = text.indexOf('://', colon + 1)) {
		let start = colon;
		while (start > 0 && colon - start < MAX_SCHEME && isSchemeChar(text.charCodeAt(start - 1))) start--;
		USERINFO_HERE.lastIndex = start;
		const m = USERINFO_HERE.exec(text);
		if (m) yield m;
	}
}

const SHAPES: Shape[] = [
	// GitHub classic tokens (personal, OAuth, user-to-server, server-to-server, refresh), fine-grained tokens.
	{ pattern: /gh[pousr]_[A-Za-z0-9]{36,}/dg, secret: 0 },
	{ pattern: /github_pat_[A-Za-z0-9_]{22,}/dg, secret: 0 },
	// GitLab personal, pipeline-trigger, deploy, runner and CI-build tokens; CircleCI personal and project tokens.
	{ pattern: /gl(?:pat|ptt|dt|rt|cbt|soat|ffct)-[A-Za-z0-9_-]{20,}/dg, secret: 0 },
	{ pattern: /CCI(?:PAT|PRJ)_[A-Za-z0-9_]{20,}/dg, secret: 0 },
	// AWS access key ids (long-lived and temporary); the secret key only where it is named.
	{ pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/dg, secret: 0 },
	{
		pattern: /(?:aws_secret_access_key|secretaccesskey|aws_session_token|sessiontoken)["']?\s{0,8}[:=]\s{0,8}["']?([A-Za-z0-9/+=]{16,})/dgi,
		secret: 1,
	},
	{ pattern: /xox[abprs]-[A-Za-z0-9-]{10,}/dg, secret: 0 },
	{ pattern: /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/dg, secret: 0 },
	{ pattern: /npm_[A-Za-z0-9]{36,}/dg, secret: 0 },
	{ pattern: /(?<![A-Za-z0-9])_(?:authToken|auth|password)\s{0,8}=\s{0,8}["']?([^\s"']+)/dg, secret: 1, checked: true },
	// `scheme://user:password@host`: only the password goes.
	{ pattern: USERINFO, secret: 1, checked: true, matches: userinfoMatches },
	{
		pattern: /(?<![A-Za-z0-9-])(?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?(?:bearer|basic|token|bot|digest|negotiate)\s+([^\s"',;]+)/dgi,
		secret: 1,
		checked: true,
	},
	{
		pattern: /(?<![A-Za-z0-9-])(?:private-token|job-token|circle-token|x-api-key|x-auth-token|x-access-token)["']?\s{0,8}[:=]\s{0,8}["']?([^\s"',;@]+)/dgi,
		secret: 1,
		checked: true,
	},
	{ pattern: /[?&]([A-Za-z0-9_.-]{1,64})=([^&#\s"'<>]+)/dg, secret: 2, checked: true, name: (m) => SECRET_PARAM.test(m[1]!) },
];

/**
 * No shape matches a visible text shorter than this: the shortest are a credential-named query
 * parameter with a value worth hiding (`?sig=` and four characters, 9), `_auth=` and four (10),
 * a URL's password (`a://:` and four characters and `@`, 10); a token's own shape is longer
 * (`eyJ…` 12, an AWS key id 20), and a private key's block holds `PRIVATE KEY`. Keep it in step
 * with SHAPES: a redactor returns a shorter text unread, and a model's texts are mostly
 * shorter (keys, names, `true`), by the hundred thousand.
 */
export const SHORTEST_SHAPE = 9;

/**
 * A text none of the shapes can match lacks all of these: one or two tests instead of one pass
 * per shape. Most texts redacted are short (names, fields, a line), where the passes themselves
 * cost more than the scanning: with this, reading runs spends a third of the time it did here.
 * Keep them in step with SHAPES: MAYBE_CASED may match more than the shapes of one case do,
 * never less, and MAYBE_ANY_CASE the same for the shapes of any case (`i`).
 * Two, as the shapes' cases are: letters in either case make a pattern's every step dearer, and
 * a long log nearly always holds a URL (cased) but rarely an `Authorization` header or an AWS
 * key's name: the shapes of any case then make no pass over it.
 */
export const MAYBE_CASED = /gh[pousr]_|github_pat_|gl(?:pat|ptt|dt|rt|cbt|soat|ffct)-|CCI(?:PAT|PRJ)_|AKIA|ASIA|xox[abprs]-|eyJ|npm_|_(?:authToken|auth|password)|:\/\/|[?&][A-Za-z0-9_.-]{1,64}=/;
export const MAYBE_ANY_CASE = /aws_secret_access_key|secretaccesskey|aws_session_token|sessiontoken|authorization|private-token|job-token|circle-token|x-api-key|x-auth-token|x-access-token/i;

/** Spans of well-known token shapes in a text. */
export function tokenShapeRanges(text: string, into: Range[]): void {
	pemRanges(text, into);
	const cased = MAYBE_CASED.test(text);
	const anyCase = MAYBE_ANY_CASE.test(text);
	if (!cased && !anyCase) return;
	for (const shape of SHAPES) {
		if (!(shape.pattern.ignoreCase ? anyCase : cased)) continue;
		shape.pattern.lastIndex = 0;
		for (const m of shape.matches?.(text) ?? text.matchAll(shape.pattern)) {
			const span = m.indices?.[shape.secret];
			if (!span) continue;
			if (shape.name && !shape.name(m)) continue;
			if (shape.checked && !isSecretValue(m[shape.secret]!)) continue;
			into.push(span);
		}
	}
}

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
/** A key never runs longer than this; a block without END is hidden this far, never to the end of a log. */
const PEM_MAX_LINES = 120;
/** Kept at the start of a hidden line, so each line still parses: GitHub's timestamp, GitLab's stream marker. */
const LINE_PREFIX = /^\uFEFF?(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?(?:[0-9a-f]{2}[OE]\+? ?)?)?\s*/;

/**
 * The body of each private key block, line by line, keeping the BEGIN and END lines (a reader
 * learns a key was printed) and each line's break and prefix (line numbers stay right).
 */
function pemRanges(text: string, into: Range[]): void {
	if (!text.includes('PRIVATE KEY')) return;
	PEM_BEGIN.lastIndex = 0;
	for (let begin = PEM_BEGIN.exec(text); begin; begin = PEM_BEGIN.exec(text)) {
		const bodyStart = begin.index + begin[0].length;
		PEM_END.lastIndex = bodyStart;
		const end = PEM_END.exec(text);
		let bodyEnd = end?.index ?? text.length;
		// Without END, or with END far away (another block's), stop after PEM_MAX_LINES lines.
		let cut = bodyStart;
		for (let n = 0; n <= PEM_MAX_LINES && cut !== -1 && cut < bodyEnd; n++) cut = text.indexOf('\n', cut + 1);
		if (cut !== -1 && cut < bodyEnd) bodyEnd = cut;
		linesOf(text, bodyStart, bodyEnd, into);
		PEM_BEGIN.lastIndex = Math.max(bodyEnd, PEM_BEGIN.lastIndex);
	}
}

function linesOf(text: string, from: number, to: number, into: Range[]): void {
	let start = from;
	while (start < to) {
		let stop = text.indexOf('\n', start);
		if (stop === -1 || stop > to) stop = to;
		let s = start;
		// The first piece follows BEGIN on its own line; only later lines carry a prefix.
		if (start !== from) s += LINE_PREFIX.exec(text.slice(start, stop))?.[0].length ?? 0;
		let e = stop;
		while (e > s && /\s/.test(text[e - 1]!)) e--;
		while (s < e && /\s/.test(text[s]!)) s++;
		if (e > s) into.push([s, e]);
		start = stop + 1;
	}
}
