import { createRedactor, isSecretName, isSecretValue, redactDeep, secretValuesIn, type CiMasks } from '../redact/redact';
import { RecordError } from './errors';
import type { RecordedFile, SavedFile } from './recording';

/** Keeps a BOM (GitHub log files start with one): the saved file is the fetched one, redacted. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * A run's files redacted, ready to write. Values are gathered from every file first (an env
 * dump in one step's output names a value another step printed), then every text goes through
 * the redactor and every JSON file through redactDeep; paths too, since step names become them.
 */
export function redactRecording(files: readonly RecordedFile[], options: { secrets: readonly string[]; ciMasks: CiMasks }): SavedFile[] {
	const texts = files.map((f) => ('bytes' in f ? decoder.decode(f.bytes) : undefined));
	const values = new Set(options.secrets);
	files.forEach((f, i) => {
		const found = 'json' in f ? [...secretFields(f.json), ...stringsOf(f.json).flatMap((s) => secretValuesIn(s))] : secretValuesIn(texts[i]!);
		for (const value of found) values.add(value);
	});
	const redactor = createRedactor({ values, ciMasks: options.ciMasks });
	const seen = new Set<string>();
	return files.map((f, i) => {
		const path = redactor.redact(f.path);
		if (seen.has(path)) throw new RecordError(`two files of the run are both saved as ${path} once redacted: not recorded`);
		seen.add(path);
		const text = 'json' in f ? `${JSON.stringify(redactDeep(f.json, redactor), null, '\t')}\n` : redactor.redact(texts[i]!);
		return { path, bytes: encoder.encode(text) };
	});
}

/** String values of secret-looking keys anywhere in a JSON value (`{"DEPLOY_TOKEN": "..."}`). */
function secretFields(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(secretFields);
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, item]) =>
		typeof item === 'string' ? (isSecretName(key) && isSecretValue(item.trim()) ? [item.trim()] : []) : secretFields(item),
	);
}

function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsOf);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
	return [];
}
