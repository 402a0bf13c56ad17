/** A recording that cannot be made (an HTTP failure, an unfinished run, an existing folder): exit code 1. */
export class RecordError extends Error {}
