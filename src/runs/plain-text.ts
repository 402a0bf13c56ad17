/**
 * Any other log as one step: Travis CI (`travis_fold:start:x` / `travis_time:` markers), Buildkite
 * (`--- `, `+++ `, `~~~ ` group headers, `^^^ +++` opening the one before, `\e_bk;t=<ms>\a`
 * timestamps), a Jenkins console (`[Pipeline] { (Stage)`), or text nobody marked up. Markers
 * become folds or go; what is left is shown as the terminal showed it.
 */
import type { ParsedRun, RunStatus, RunStepInput } from '../model';
import { StepLog } from './step-log';
import { cleanLine, shownText, splitLines, visibleText } from './terminal';
import { between, msToIso } from './timestamps';

export type TextFlavour = 'travis' | 'buildkite' | 'jenkins' | 'plain';

const TRAVIS_MARKER = /travis_(fold|time):(start|end):([^\s:\r\x1b]+)(?::[^\r\n\x1b]*)?(?:\r?\x1b\[0K|\r)?/g;
const BUILDKITE_TIME = /\x1b_bk;t=(\d+)(?:\x07|\x1b\\)/g;
/** Leading blanks allowed: a progress bar cleared with spaces may leave them before the agent's header. */
const BUILDKITE_HEADER = /^\s*(---|\+\+\+|~~~) (.*)$/;
const JENKINS_CONCEALED = /\x1b\[8mha:[^\x1b]*\x1b\[0m/g;
const JENKINS_STAGE = /^\[Pipeline\] \{ \((.*)\)$/;

export function textFlavour(text: string): TextFlavour {
	const head = text.slice(0, 256 * 1024);
	if (/travis_fold:start:|travis_time:start:/.test(head)) return 'travis';
	if (/\x1b_bk;t=\d+(?:\x07|\x1b\\)/.test(head) || /^(?:~~~ |\^\^\^ \+\+\+\s*$)/m.test(head)) return 'buildkite';
	if (/^(?:---|\+\+\+) \S/m.test(head) && !/^@@ -\d/m.test(head) && !/^diff --git /m.test(head)) return 'buildkite';
	if (/^\[Pipeline\] /m.test(head) || /^Started by (?:user|timer|an SCM change|upstream project)/m.test(head)) return 'jenkins';
	return 'plain';
}

/**
 * Opens and closes the folds a Travis line marks, pushing text that sat before a marker; gives
 * what is left of the line to show (undefined when nothing is) and whether a fold opened.
 */
function applyTravisMarkers(raw: string, log: StepLog, folds: string[]): { rest: string | undefined; opened: boolean } {
	let last = 0;
	let rest = '';
	let found = false;
	let opened = false;
	const flush = () => {
		if (visibleText(rest).trim() !== '') log.push(cleanLine(rest));
		rest = '';
	};
	TRAVIS_MARKER.lastIndex = 0;
	for (let m = TRAVIS_MARKER.exec(raw); m; m = TRAVIS_MARKER.exec(raw)) {
		found = true;
		rest += raw.slice(last, m.index);
		last = TRAVIS_MARKER.lastIndex;
		if (m[1] !== 'fold') continue;
		const name = m[3]!;
		if (m[2] === 'start') {
			flush();
			log.openSection(name);
			folds.push(name);
			opened = true;
		} else if (folds.includes(name)) {
			flush();
			while (folds.length > 0 && folds.pop() !== name) log.closeSection();
			log.closeSection();
		}
	}
	if (!found) return { rest: raw, opened };
	rest += raw.slice(last);
	return { rest: visibleText(rest).trim() === '' ? undefined : rest, opened };
}

export function parsePlainText(text: string, job: string, flavour: TextFlavour = textFlavour(text)): ParsedRun {
	const log = new StepLog();
	const folds: string[] = [];
	let awaitingTitle = false;
	let firstMs: number | undefined;
	let lastMs: number | undefined;
	let headerOpen = false;
	const jenkinsDepth: boolean[] = [];
	let status: RunStatus = 'unknown';
	let exitCode: number | undefined;

	for (let raw of splitLines(text)) {
		if (flavour === 'buildkite' && raw.includes('\x1b_bk')) {
			BUILDKITE_TIME.lastIndex = 0;
			for (let m = BUILDKITE_TIME.exec(raw); m; m = BUILDKITE_TIME.exec(raw)) {
				const ms = Number(m[1]);
				firstMs ??= ms;
				lastMs = ms;
			}
		}
		if (flavour === 'jenkins' && raw.includes('\x1b[8mha:')) raw = raw.replace(JENKINS_CONCEALED, '');
		if (flavour === 'travis' && raw.includes('travis_')) {
			const { rest, opened } = applyTravisMarkers(raw, log, folds);
			// Travis shows a fold by its first line.
			if (opened) awaitingTitle = true;
			if (rest === undefined) continue;
			raw = rest;
		}

		const line = cleanLine(raw);
		const shown = shownText(line);
		if (flavour === 'buildkite') {
			const header = BUILDKITE_HEADER.exec(shown);
			if (/^\^\^\^ \+\+\+\s*$/.test(shown)) {
				const previous = log.sections.at(-1);
				if (headerOpen) log.setCollapsed(false);
				else if (previous) previous.collapsed = false;
				continue;
			}
			if (header) {
				if (headerOpen) log.closeSection();
				log.openSection(header[2]!.trim(), header[1] !== '+++');
				headerOpen = true;
				log.push(line.replace(/^((?:\x1b\[[0-9;:]*m|\s)*)(?:---|\+\+\+|~~~) /, '$1'));
				continue;
			}
		}
		if (flavour === 'jenkins') {
			const stage = JENKINS_STAGE.exec(shown);
			if (stage) {
				log.openSection(stage[1]!, false);
				jenkinsDepth.push(true);
			} else if (shown === '[Pipeline] {' || /^\[Pipeline\] \{ /.test(shown)) {
				jenkinsDepth.push(false);
			} else if (shown === '[Pipeline] }') {
				if (jenkinsDepth.pop()) {
					log.push(line);
					log.closeSection();
					continue;
				}
			}
			const finished = /^Finished: (SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)\s*$/.exec(shown);
			if (finished) status = ({ SUCCESS: 'success', FAILURE: 'failed', ABORTED: 'cancelled', UNSTABLE: 'failed', NOT_BUILT: 'skipped' } as const)[finished[1] as 'SUCCESS'];
		}
		if (flavour === 'travis') {
			const done = /^Done\. Your build exited with (-?\d+)\.?/.exec(shown);
			if (done) {
				exitCode = Number(done[1]);
				status = exitCode === 0 ? 'success' : 'failed';
			}
		}
		if (awaitingTitle && shown.trim() !== '') {
			log.retitle(shown.trim());
			awaitingTitle = false;
		}
		log.push(line);
	}

	const { lines, sections, marks } = log.finish();
	const step: RunStepInput = { index: 1, name: job, status, lines, sections, marks };
	if (exitCode !== undefined) step.exitCode = exitCode;
	const run: ParsedRun = { provider: 'unknown', format: 'text', job, status, steps: [step] };
	const startedAt = msToIso(firstMs);
	if (startedAt) {
		run.startedAt = step.startedAt = startedAt;
		const duration = between(firstMs, lastMs);
		if (duration !== undefined) run.durationMs = step.durationMs = duration;
	}
	return run;
}
