/**
 * Linux /proc readers for measuring a process tree from outside it. The site build is a chain
 * (`/usr/bin/time` -> our CLI -> Astro -> esbuild / pagefind), so neither `/usr/bin/time`'s %M
 * (largest single process) nor `process.resourceUsage()` (one process) sees the tree's memory
 * at once: we sample every descendant's VmRSS instead.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (USER_HZ): 100 on every Linux we run on. */
const USER_HZ = 100;

export interface ProcInfo {
	pid: number;
	ppid: number;
	/** user + system CPU of the process itself, in seconds. */
	cpuS: number;
}

/** `pid (comm) state ppid ... utime stime ...`: comm may hold spaces and parentheses, so split after the last `)`. */
function readStat(pid: number): ProcInfo | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined; // exited between the listing and the read
	}
	const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
	return { pid, ppid: Number(rest[1]), cpuS: (Number(rest[11]) + Number(rest[12])) / USER_HZ };
}

/** Every process below `root` (and root itself), found through parent links. */
export function processTree(root: number): ProcInfo[] {
	const all: ProcInfo[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const info = readStat(Number(name));
		if (info) all.push(info);
	}
	const children = new Map<number, ProcInfo[]>();
	for (const p of all) {
		const list = children.get(p.ppid) ?? [];
		list.push(p);
		children.set(p.ppid, list);
	}
	const out: ProcInfo[] = [];
	const self = all.find((p) => p.pid === root);
	if (!self) return out;
	const queue = [self];
	while (queue.length) {
		const p = queue.shift()!;
		out.push(p);
		queue.push(...(children.get(p.pid) ?? []));
	}
	return out;
}

/** Resident set of one process in bytes (0 once it has exited or turned zombie). */
export function rssBytes(pid: number): number {
	try {
		const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export function cmdline(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

/**
 * CPU seconds the whole machine spent busy so far (all cores): subtracting the measured tree's
 * own CPU from the difference of two readings gives what other processes used meanwhile, which
 * says whether a timing was taken on a quiet machine.
 */
export function machineBusyS(): number {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
		const [, user, nice, system, _idle, _iowait, irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
		return (user! + nice! + system! + irq! + softirq! + steal!) / USER_HZ;
	} catch {
		return Number.NaN;
	}
}
