import type { Run, RunStep } from '../model';
import { stripAnsi } from './log-html';
import { statusLabel } from './runs';
import { stepLogPath } from './urls';

/**
 * A run step's full log as its download: a header naming the run and the step, then every line
 * (already redacted) without colour codes, so any text viewer reads it.
 */
export function stepLogText(run: Pick<Run, 'job' | 'id'>, step: Pick<RunStep, 'index' | 'name' | 'status' | 'lines' | 'allowedToFail'>): string {
	const header = `# ${run.job} · ${run.id} · step ${step.index}: ${stripAnsi(step.name)} · ${statusLabel(step.status, step.allowedToFail)}\n`;
	return header + step.lines.map(stripAnsi).join('\n') + '\n';
}

/** Where a step's download is in the site, under the output folder (Astro's `base` is not in paths). */
export function stepLogFile(run: Pick<Run, 'pipelineId' | 'id'>, step: Pick<RunStep, 'index'>): string {
	return stepLogPath(run, step).slice(1);
}
