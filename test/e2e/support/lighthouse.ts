/**
 * Lighthouse's CPU slowdown for the next run. Its default 4x turns a high-end desktop
 * (benchmarkIndex 1,500–2,000) into a mid-tier phone; on a host that measured weaker, its
 * documentation (docs/throttling.md, "Calibrating the CPU slowdown") lowers the multiplier in
 * proportion, so the phone simulated stays the same, and never below the 2x it gives a low-end
 * desktop. A faster host keeps 4x.
 */
export function cpuSlowdown(benchmarkIndex: number | undefined): number {
	if (!benchmarkIndex || benchmarkIndex >= 1500) return 4;
	return Math.max(2, Math.round((4 * benchmarkIndex) / 1500 * 10) / 10);
}
