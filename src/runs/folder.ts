import type { ParsedRun } from '../model';

/** A decoded file of a run folder (or of a zip in it). */
export interface TextFile {
	path: string;
	text: string;
	/** Unpacked from a `.zip` of the folder. */
	fromZip: boolean;
	/** The run folder's file it came from: itself, or the zip. */
	origin: string;
}

/** A run with the files it was read from, in reading order. */
export interface ReadRun {
	run: ParsedRun;
	files: string[];
}
