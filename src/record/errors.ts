/** A recording that cannot be made (an HTTP failure, an unfinished run, an existing folder): exit code 1. */
export class RecordError extends Error {
	/** The HTTP status of the answer that failed, where one did. */
	status?: number;
}
