package dev.fortress.bench.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Samples the CPU time of the processes under test so a window's CPU can be split by
 * owner: the application JVM, PostgreSQL (the postmaster and all its processes), the
 * stand-in payment provider when one runs, the generator itself, and the rest of the
 * machine (the other work on a shared box, which is the noise behind every number).
 */
public final class CpuMeter {

	private final Map<String, LongSupplier> owners = new LinkedHashMap<>();

	/** Adds an owner whose CPU ticks {@code ticks} reads. */
	public CpuMeter track(String owner, LongSupplier ticks) {
		this.owners.put(owner, ticks);
		return this;
	}

	public static CpuMeter forProcesses(long appPid, long postmasterPid) {
		long self = ProcessHandle.current().pid();
		return new CpuMeter().track("app", () -> ProcFs.cpuTicks(appPid, false))
			.track("postgres", () -> ProcFs.treeCpuTicks(postmasterPid))
			.track("generator", () -> ProcFs.cpuTicks(self, false));
	}

	public Sample sample() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.owners.forEach((owner, reader) -> ticks.put(owner, reader.getAsLong()));
		long[] machine = ProcFs.machineTicks();
		return new Sample(System.nanoTime(), ticks, machine[0], machine[1]);
	}

	/** CPU ticks of each owner and of the machine at one instant. */
	public record Sample(long nanos, Map<String, Long> ticks, long machineBusy, long machineTotal) {

		/**
		 * CPU seconds used by each owner since {@code earlier}, plus {@code others} (the
		 * rest of the machine) and {@code wall} (elapsed seconds).
		 */
		public Usage since(Sample earlier) {
			Map<String, Double> seconds = new LinkedHashMap<>();
			double ours = 0;
			for (Map.Entry<String, Long> entry : this.ticks.entrySet()) {
				double used = (entry.getValue() - earlier.ticks.getOrDefault(entry.getKey(), 0L))
						/ ProcFs.TICKS_PER_SECOND;
				seconds.put(entry.getKey(), used);
				ours += used;
			}
			double machine = (this.machineBusy - earlier.machineBusy) / ProcFs.TICKS_PER_SECOND;
			seconds.put("others", Math.max(0, machine - ours));
			return new Usage((this.nanos - earlier.nanos) / 1e9, seconds);
		}

	}

	/** CPU seconds per owner over {@code wall} seconds. */
	public record Usage(double wall, Map<String, Double> seconds) {

		public double of(String owner) {
			return this.seconds.getOrDefault(owner, 0.0);
		}

		/** Microseconds of {@code owner}'s CPU per unit of work. */
		public double microsPer(String owner, long units) {
			return units == 0 ? Double.NaN : of(owner) * 1e6 / units;
		}

		/** Average cores busy for {@code owner}. */
		public double cores(String owner) {
			return of(owner) / this.wall;
		}

	}

}
