/** A mistake in how the command was called (a missing file, a bad option): exit code 2. */
export class UsageError extends Error {}
