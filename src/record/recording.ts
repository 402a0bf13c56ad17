/** A file of a run folder as fetched, before redaction: parsed JSON, or a log's raw bytes. */
export type RecordedFile = { path: string; json: unknown } | { path: string; bytes: Uint8Array };

/** A file ready to write: redacted, encoded. */
export interface SavedFile {
	path: string;
	bytes: Uint8Array;
}

/** A JSON object's field, whatever the value's type: API answers are read defensively. */
export function field(value: unknown, key: string): unknown {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

export function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
