import { z } from 'astro/zod';
import { SourceLocation } from './location';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/**
 * A problem found while reading the inputs. Printed by `check` and the build, shown on the
 * pipeline page. `code` is stable so tests and tools can match on it; `message` is for people.
 */
export const Diagnostic = z.object({
	severity: Severity,
	code: z.string(),
	message: z.string(),
	location: SourceLocation,
	hint: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;
