package dev.fortress.bench.scenario;

import java.util.Map;

import dev.fortress.bench.load.LoadResult;
import dev.fortress.bench.system.CpuMeter;

/**
 * One measured window: what the load saw, and the CPU each process spent in that window;
 * {@code database} holds the change of the database's counters over the window when they
 * were taken (commits, rows written), else it is empty.
 */
public record Measured(String name, LoadResult load, CpuMeter.Usage cpu, Map<String, Long> database) {

	/** Microseconds of {@code owner}'s CPU per answered request. */
	public double cpuPerRequest(String owner) {
		return this.cpu.microsPer(owner, this.load.answered());
	}

	/** Microseconds of {@code owner}'s CPU per goodput response (e.g. per paid order). */
	public double cpuPerGood(String owner) {
		return this.cpu.microsPer(owner, this.load.good());
	}

}
