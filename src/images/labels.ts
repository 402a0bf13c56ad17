/** The words of the images: status names, provider names, and run data made into one plain line. */
import type { Provider, RunStatus } from '../model';
import { PROVIDER_NAMES } from '../site/providers';
import { stripAnsi } from './ansi';

export const STATUS_LABELS: Record<RunStatus, string> = {
	success: 'Succeeded',
	failed: 'Failed',
	cancelled: 'Cancelled',
	skipped: 'Skipped',
	running: 'Running',
	timedout: 'Timed out',
	unknown: 'Unknown',
};

/** What a step its configuration lets fail adds to its status (failed, or timed out by its own limit), on pages and images alike. */
export const ALLOWED_TO_FAIL = 'allowed to fail';

/**
 * `Failed (exit 2)`: the exit code only where it explains a failure; `Failed (exit 1), allowed to
 * fail` for a step its configuration lets fail (`Timed out, allowed to fail` past its own limit).
 */
export function statusText(status: RunStatus, exitCode: number | undefined, allowedToFail = false): string {
	const base = STATUS_LABELS[status];
	const failed = status === 'failed' || status === 'timedout';
	const text = exitCode !== undefined && exitCode !== 0 && failed ? `${base} (exit ${exitCode})` : base;
	return allowedToFail ? `${text}, ${ALLOWED_TO_FAIL}` : text;
}

/** The provider for a context line; none for an unrecognised one ("Unrecognised" says nothing there). */
export function providerName(provider: Provider): string[] {
	return provider === 'unknown' ? [] : [PROVIDER_NAMES[provider]];
}

/** A name or id as one line of plain text: escapes and control characters gone, newlines as spaces. */
export function label(text: string): string {
	return stripAnsi(text.replace(/[\r\n]+/g, ' ')).replace(/\t/g, ' ');
}
