import type { Provider } from '../../../model';
import type { SimpleCommand } from '../shell';

/**
 * How much a recognised command says about its step: `main` commands are what a script is
 * for; `minor` ones (echo, cd, mkdir) set things up; `structural` ones (`[`, `set -e`, `exit`)
 * alone do not make a step explained.
 */
export type Level = 'main' | 'minor' | 'structural';

export interface CommandContext {
	provider: Provider;
}

/** One simple command as the knowledge tables see it. */
export interface Cmd {
	/** Normalised program name: `python3.11` -> `python`, `./gradlew` -> `gradlew`, `/usr/bin/git` -> `git`. */
	program: string;
	/** The program as written (`./scripts/deploy.sh`). */
	written: string;
	/** Arguments with quotes removed. */
	args: readonly string[];
	/** The arguments joined by single spaces: what `CommandPattern.args` is matched against. */
	argText: string;
	command: SimpleCommand;
	context: CommandContext;
	/** What the words a wrapper runs (`pipenv run pytest` -> `pytest`) do; their risks are kept for the step. */
	inner(words: readonly string[]): Recognised | undefined;
}

/** What a command does, as a verb phrase for sentences (`installs …`). */
export interface Recognised {
	phrase: string;
	topic: string;
	level: Level;
	risks: string[];
	reference?: string;
}

/**
 * One entry of a command table: the program (after normalising), optionally a pattern over
 * its arguments (usually the subcommand), and a function writing the phrase from the
 * arguments actually given. The first entry that matches wins, so specific entries go first.
 */
export interface CommandPattern {
	/** Knowledge entry name: `command:npm ci`. */
	topic: string;
	program: string | readonly string[];
	args?: RegExp;
	level?: Level;
	explain(cmd: Cmd): string;
	risks?(cmd: Cmd): string[];
	reference?: string;
}
