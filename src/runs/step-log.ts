import type { LogMark, LogSection } from '../model';

type MarkLevel = LogMark['level'];

interface OpenSection {
	title: string;
	start: number;
	collapsed: boolean;
}

/**
 * Collects one step's shown lines with the folds and marks that point into them, so every
 * format numbers lines the same way: 0-based indices into `lines`, section ends exclusive.
 */
export class StepLog {
	readonly lines: string[] = [];
	readonly sections: LogSection[] = [];
	readonly marks: LogMark[] = [];
	private readonly open: OpenSection[] = [];

	get length(): number {
		return this.lines.length;
	}

	get depth(): number {
		return this.open.length;
	}

	push(line: string, mark?: MarkLevel): number {
		const index = this.lines.length;
		this.lines.push(line);
		if (mark) this.marks.push({ line: index, level: mark });
		return index;
	}

	mark(line: number, level: MarkLevel): void {
		if (!this.marks.some((m) => m.line === line && m.level === level)) this.marks.push({ line, level });
	}

	/** Opens a fold at the next line to be pushed (the fold's title line, when the format shows one). */
	openSection(title: string, collapsed = true): void {
		this.open.push({ title, start: this.lines.length, collapsed });
	}

	/** Names the innermost open fold once its title is known (GitLab shows the line after the marker). */
	retitle(title: string): void {
		const top = this.open.at(-1);
		if (top) top.title = title;
	}

	/** Opens or collapses the innermost open fold (Buildkite's `^^^ +++`). */
	setCollapsed(collapsed: boolean): void {
		const top = this.open.at(-1);
		if (top) top.collapsed = collapsed;
	}

	closeSection(): void {
		const section = this.open.pop();
		if (section) this.sections.push({ ...section, end: this.lines.length });
	}

	closeAll(): void {
		while (this.open.length > 0) this.closeSection();
	}

	/** The finished log: open folds end with it, sections in order of their start. */
	finish(): { lines: string[]; sections: LogSection[]; marks: LogMark[] } {
		this.closeAll();
		const sections = [...this.sections].sort((a, b) => a.start - b.start || b.end - a.end);
		const marks = [...this.marks].sort((a, b) => a.line - b.line);
		return { lines: this.lines, sections, marks };
	}
}
