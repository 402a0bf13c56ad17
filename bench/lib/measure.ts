/**
 * Runs one command in a child process and measures it the way a user would feel it: wall time,
 * CPU time of the whole tree, and the peak memory of the whole tree (sampled), with every line
 * the child prints kept and timestamped on arrival so build phases can be read off the log.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cmdline, machineBusyS, processTree, rssBytes } from './proc';

const TIME = '/usr/bin/time';
const SAMPLE_MS = 100;

export interface LogLine {
	/** Milliseconds since the spawn, when the line reached us. */
	ms: number;
	stream: 'out' | 'err';
	text: string;
}

export interface ProcessSeen {
	pid: number;
	cmd: string;
	firstSeenMs: number;
	lastSeenMs: number;
	peakRssBytes: number;
}

export interface Measurement {
	command: string[];
	exitCode: number;
	/** Spawn to exit, as this process saw it. */
	wallMs: number;
	/** user + system CPU seconds of the child and every descendant it waited for. */
	userS: number;
	sysS: number;
	cpuS: number;
	/** `/usr/bin/time` (wait4 rusage, exact) or `proc-sampling` (sum of last samples, a slight undercount). */
	cpuSource: '/usr/bin/time' | 'proc-sampling';
	/** Largest single process of the tree (`/usr/bin/time` %M), when available. */
	maxRssSingleBytes?: number;
	/** Largest sum of VmRSS over the live tree in one sample (pages shared between processes count twice). */
	peakTreeRssBytes: number;
	peakTreeAtMs: number;
	samples: number;
	/** CPU seconds other processes of the machine used while this ran: >0.1 × wall means a noisy measurement. */
	backgroundCpuS: number;
	processes: ProcessSeen[];
	lines: LogLine[];
}

export interface MeasureOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Shown before echoed lines. */
	label: string;
	/** Echo every line (otherwise only those `echo` returns true for). */
	verbose?: boolean;
	echo?: (line: string) => boolean;
	/** Where the timestamped log is written. */
	logFile?: string;
	/** Scratch file for `/usr/bin/time -o`. */
	timeFile: string;
}

export function haveTime(): boolean {
	return existsSync(TIME);
}

export async function measure(command: string[], options: MeasureOptions): Promise<Measurement> {
	const useTime = haveTime();
	rmSync(options.timeFile, { force: true });
	// -o keeps time's numbers out of the child's stderr, which we parse.
	const argv = useTime ? [TIME, '-o', options.timeFile, '-f', '%e %U %S %M', ...command] : command;
	const busyBefore = machineBusyS();
	const started = performance.now();
	const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const lines: LogLine[] = [];
	const onLine = (stream: 'out' | 'err') => (text: string) => {
		const ms = performance.now() - started;
		lines.push({ ms, stream, text });
		if (options.verbose || options.echo?.(text)) console.log(`  [${options.label} ${(ms / 1000).toFixed(1).padStart(6)}s] ${text}`);
	};
	createInterface({ input: child.stdout! }).on('line', onLine('out'));
	createInterface({ input: child.stderr! }).on('line', onLine('err'));

	const seen = new Map<number, ProcessSeen>();
	const cpuByPid = new Map<number, number>();
	let peakTree = 0;
	let peakAt = 0;
	let samples = 0;
	const sample = () => {
		if (child.pid === undefined) return;
		const ms = performance.now() - started;
		let sum = 0;
		for (const p of processTree(child.pid)) {
			const rss = rssBytes(p.pid);
			sum += rss;
			cpuByPid.set(p.pid, Math.max(cpuByPid.get(p.pid) ?? 0, p.cpuS));
			const s = seen.get(p.pid);
			if (s) {
				// Caught between fork and exec, a process shows no command line yet.
				if (!s.cmd) s.cmd = cmdline(p.pid).slice(0, 200);
				s.lastSeenMs = ms;
				s.peakRssBytes = Math.max(s.peakRssBytes, rss);
			} else seen.set(p.pid, { pid: p.pid, cmd: cmdline(p.pid).slice(0, 200), firstSeenMs: ms, lastSeenMs: ms, peakRssBytes: rss });
		}
		samples++;
		if (sum > peakTree) {
			peakTree = sum;
			peakAt = ms;
		}
	};
	const timer = setInterval(sample, SAMPLE_MS);
	sample();
	const exitCode = await new Promise<number>((done) => child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1))));
	clearInterval(timer);
	const wallMs = performance.now() - started;
	const busyAfter = machineBusyS();

	let userS: number;
	let sysS: number;
	let maxRssSingleBytes: number | undefined;
	let cpuSource: Measurement['cpuSource'] = 'proc-sampling';
	const timed = useTime && existsSync(options.timeFile) ? readFileSync(options.timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : undefined;
	if (timed && timed.length === 4 && timed.every(Number.isFinite)) {
		[, userS, sysS] = timed as [number, number, number, number];
		maxRssSingleBytes = timed[3]! * 1024;
		cpuSource = '/usr/bin/time';
	} else {
		// Without /usr/bin/time: the last sample of each process (misses its final <100 ms).
		userS = [...cpuByPid.values()].reduce((a, b) => a + b, 0);
		sysS = 0;
	}
	rmSync(options.timeFile, { force: true });
	const cpuS = userS + sysS;
	const measurement: Measurement = {
		command,
		exitCode,
		wallMs,
		userS,
		sysS,
		cpuS,
		cpuSource,
		...(maxRssSingleBytes !== undefined ? { maxRssSingleBytes } : {}),
		peakTreeRssBytes: peakTree,
		peakTreeAtMs: peakAt,
		samples,
		backgroundCpuS: Math.max(0, busyAfter - busyBefore - cpuS),
		processes: [...seen.values()],
		lines,
	};
	if (options.logFile) {
		const head = [`$ ${command.join(' ')}`, `exit ${exitCode}, wall ${(wallMs / 1000).toFixed(2)} s, cpu ${cpuS.toFixed(1)} s, peak tree RSS ${(peakTree / 2 ** 20).toFixed(0)} MiB`, ''];
		writeFileSync(options.logFile, [...head, ...lines.map((l) => `[${(l.ms / 1000).toFixed(3).padStart(8)}s ${l.stream}] ${l.text}`)].join('\n') + '\n');
	}
	return measurement;
}
