/** The redaction API: what the site build (ingest) and `record` use. */
export { REDACTED, MIN_SECRET_LENGTH, isPlaceholder, isSecretValue } from './marker';
export { isSecretName } from './secret-names';
export { secretValuesIn } from './secret-values';
export { createRedactor, type Redactor, type RedactorOptions } from './redactor';
export type { CiMasks } from './ci-masks';
export { redactDeep, redactInPlace } from './redact-deep';
