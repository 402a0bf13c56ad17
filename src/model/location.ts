import { z } from 'astro/zod';

/** Where a parsed thing came from: 1-based line and column, as editors and `file:line:col` expect. */
export const SourceLocation = z.object({
	file: z.string(),
	line: z.number().int().min(1),
	column: z.number().int().min(1),
});
export type SourceLocation = z.infer<typeof SourceLocation>;
