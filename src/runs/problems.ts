/** Something in a run folder that was not read as the user may expect; never fatal. */
export interface RunProblem {
	file: string;
	/** 1-based line of the file, when the problem is at one. */
	line?: number;
	message: string;
	hint?: string;
}
