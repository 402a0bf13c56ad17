import { MIN_SECRET_LENGTH } from './marker';

/** Below this, encoded forms are not searched for: they would be short and common. */
const MIN_ENCODED_LENGTH = 8;

/**
 * The ways a log prints a value: as is, trimmed, JSON-escaped, URL-encoded (either hex case)
 * and base64 (standard and URL-safe). Base64 is searched at the three byte alignments a value
 * can have inside a longer encoded string (`user:token` in a Basic header), keeping only the
 * characters that depend on the value alone, as GitHub's runner does.
 * Each line of a multi-line value is a form too: logs prefix lines (timestamps) or print one.
 */
export function valueForms(value: string): string[] {
	const forms = new Set<string>();
	const add = (form: string, min = MIN_SECRET_LENGTH) => {
		if (form.length >= min) forms.add(form);
	};
	const trimmed = value.trim();
	add(value);
	add(trimmed);
	if (trimmed.length < MIN_ENCODED_LENGTH) return [...forms];
	add(JSON.stringify(trimmed).slice(1, -1));
	const url = encodeURIComponent(trimmed);
	add(url);
	add(url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
	for (const core of base64Cores(trimmed)) {
		add(core, MIN_ENCODED_LENGTH);
		add(core.replaceAll('+', '-').replaceAll('/', '_'), MIN_ENCODED_LENGTH);
	}
	if (trimmed.includes('\n')) for (const line of trimmed.split(/\r?\n/)) add(line.trim(), MIN_ENCODED_LENGTH);
	return [...forms];
}

function base64Cores(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	return [0, 1, 2].map((shift) => {
		const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
		// Characters whose six bits come from the value only: none of the padding before or after.
		const start = Math.ceil((8 * shift) / 6);
		const end = Math.floor((8 * (shift + bytes.length)) / 6);
		return encoded.slice(start, end);
	});
}
