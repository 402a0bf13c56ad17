/** Reading a command's flags and operands, the way most CLIs parse them. */
import type { Cmd } from './types';

/** `--flag`, `--flag=value`, or a short flag alone or bundled (`-rf` has `-r`). */
export function has(cmd: Cmd, ...flags: string[]): boolean {
	return cmd.args.some((arg) =>
		flags.some((flag) => {
			if (arg === flag) return true;
			if (flag.length > 2) return arg.startsWith(`${flag}=`);
			return /^-[a-zA-Z]$/.test(flag) && /^-[a-zA-Z]{2,}$/.test(arg) && arg.includes(flag[1]!);
		}),
	);
}

/** The value of `--flag value`, `--flag=value` or `-f value` (`-fvalue` too for short flags); the last one given. */
export function value(cmd: Cmd, ...flags: string[]): string | undefined {
	return values(cmd, ...flags).at(-1);
}

/** Every value given to a repeatable flag (`-t a -t b`). */
export function values(cmd: Cmd, ...flags: string[]): string[] {
	const out: string[] = [];
	const { args } = cmd;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		for (const flag of flags) {
			if (arg === flag && i + 1 < args.length) out.push(args[++i]!);
			else if (flag.length > 2 && arg.startsWith(`${flag}=`)) out.push(arg.slice(flag.length + 1));
			else if (/^-[a-zA-Z]$/.test(flag) && arg.startsWith(flag) && arg.length > 2 && !arg.startsWith('--')) out.push(arg.slice(2));
			else continue;
			break;
		}
	}
	return out;
}

/**
 * The arguments that are not flags, after the first `skip` of them (the subcommands). Flags
 * listed in `valued` take the next argument as their value, which is then no operand.
 */
export function operands(cmd: Cmd, skip = 0, valued: readonly string[] = []): string[] {
	const out: string[] = [];
	const { args } = cmd;
	let rest = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (!rest && arg === '--') {
			rest = true;
			continue;
		}
		if (!rest && arg.startsWith('-') && arg !== '-') {
			if (valued.includes(arg)) i++;
			continue;
		}
		out.push(arg);
	}
	return out.slice(skip);
}

/** The arguments after a literal `--` (what a wrapper passes on). */
export function afterDashes(cmd: Cmd): string[] {
	const index = cmd.args.indexOf('--');
	return index === -1 ? [] : cmd.args.slice(index + 1);
}

/** The arguments from the first that is not a flag (and not a flag's value), for wrappers like `sudo -u x cmd`. */
export function fromFirstOperand(args: readonly string[], valued: readonly string[] = []): string[] {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') return args.slice(i + 1);
		if (!arg.startsWith('-')) return args.slice(i);
		if (valued.includes(arg)) i++;
	}
	return [];
}
