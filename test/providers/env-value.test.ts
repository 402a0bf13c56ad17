import { describe, expect, it } from 'vitest';
import { referencesOnly } from '../../src/providers/env-value';

describe('referencesOnly', () => {
	it('keeps a value that only names variables the CI expands, trimmed', () => {
		expect(referencesOnly(' $TEST_DB_PASSWORD ', 'shell')).toBe('$TEST_DB_PASSWORD');
		expect(referencesOnly('${DB_USER} $DB_PASS', 'shell')).toBe('${DB_USER} $DB_PASS');
		expect(referencesOnly('${{ secrets.NPM_TOKEN }}', 'expression')).toBe('${{ secrets.NPM_TOKEN }}');
		expect(referencesOnly('${{vars.ORG}}', 'expression')).toBe('${{vars.ORG}}');
	});

	it('refuses any literal, however short, and anything but a plain name', () => {
		for (const text of ['hunter2', '$PASS!', 'x$PASS', '${PASS:-default}', '$1', '', '  ', '$(cat key)']) expect(referencesOnly(text, 'shell'), text).toBeUndefined();
		// GitLab keeps `$name` as written when no variable has that name: a generated password may look like one.
		for (const text of ['$hunter2', '$Kx9vTq2', '${dbPass}']) expect(referencesOnly(text, 'shell'), text).toBeUndefined();
		for (const text of ['${{ secrets.A }}x', "${{ secrets['A'] }}", '${{ secrets.A || "fallback" }}', '${{ github.token }}']) expect(referencesOnly(text, 'expression'), text).toBeUndefined();
	});

	it('keeps only what the CI itself expands', () => {
		// GitHub hands `$X` to the step as written; CircleCI expands nothing in `environment:`.
		expect(referencesOnly('$NPM_TOKEN', 'expression')).toBeUndefined();
		expect(referencesOnly('${{ secrets.NPM_TOKEN }}', 'shell')).toBeUndefined();
		expect(referencesOnly('$NPM_TOKEN', 'none')).toBeUndefined();
	});
});
