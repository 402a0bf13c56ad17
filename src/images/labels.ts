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

/** `Failed (exit 2)`: the exit code only where it explains a failure. */
export function statusText(status: RunStatus, exitCode: number | undefined): string {
	const base = STATUS_LABELS[status];
	return exitCode !== undefined && exitCode !== 0 && (status === 'failed' || status === 'timedout') ? `${base} (exit ${exitCode})` : base;
}

/** The provider for a context line; none for an unrecognised one ("Unrecognised" says nothing there). */
export function providerName(provider: Provider): string[] {
	return provider === 'unknown' ? [] : [PROVIDER_NAMES[provider]];
}

/** A name or id as one line of plain text: escapes and control characters gone, newlines as spaces. */
export function label(text: string): string {
	return stripAnsi(text.replace(/[\r\n]+/g, ' ')).replace(/\t/g, ' ');
}
