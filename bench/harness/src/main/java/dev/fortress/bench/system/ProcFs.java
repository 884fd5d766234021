package dev.fortress.bench.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and memory of processes, read from Linux's {@code /proc}. Times are in clock
 * ticks ({@code getconf CLK_TCK}, passed in as {@code bench.clk.tck}; 100 on Linux).
 */
public final class ProcFs {

	public static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clk.tck", "100").trim());

	private static final Path PROC = Path.of("/proc");

	private ProcFs() {
	}

	/**
	 * User + system time of a process (all its threads), plus that of its children it has
	 * waited for when {@code withReaped} (a server's exited workers). 0 when gone.
	 */
	public static long cpuTicks(long pid, boolean withReaped) {
		long[] stat = stat(pid);
		if (stat == null) {
			return 0;
		}
		return stat[1] + stat[2] + (withReaped ? stat[3] + stat[4] : 0);
	}

	/**
	 * CPU of a process tree one level deep: the root (with its reaped children) and every
	 * live child (with theirs). For PostgreSQL's postmaster this is the whole server: its
	 * background processes and every backend, also those that came and went.
	 */
	public static long treeCpuTicks(long rootPid) {
		long total = cpuTicks(rootPid, true);
		for (long child : children(rootPid)) {
			total += cpuTicks(child, true);
		}
		return total;
	}

	public static List<Long> children(long parentPid) {
		List<Long> children = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path entry : entries) {
				long pid = Long.parseLong(entry.getFileName().toString());
				long[] stat = stat(pid);
				if (stat != null && stat[0] == parentPid) {
					children.add(pid);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /proc", ex);
		}
		return children;
	}

	/** Resident set size in KiB (VmRSS), or 0 when the process is gone. */
	public static long rssKib(long pid) {
		return status(pid, "VmRSS:");
	}

	/** Peak resident set size in KiB (VmHWM). */
	public static long peakRssKib(long pid) {
		return status(pid, "VmHWM:");
	}

	/**
	 * Proportional set size of a process tree in KiB (shared pages split between the
	 * processes that map them), from {@code smaps_rollup}: the honest memory of a
	 * multi-process server such as PostgreSQL, whose RSS counts shared buffers once per
	 * process.
	 */
	public static long treePssKib(long rootPid) {
		long total = pss(rootPid);
		for (long child : children(rootPid)) {
			total += pss(child);
		}
		return total;
	}

	/** The whole machine's busy and total ticks since boot, from {@code /proc/stat}. */
	public static long[] machineTicks() {
		try {
			String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
			long user = Long.parseLong(f[1]);
			long nice = Long.parseLong(f[2]);
			long system = Long.parseLong(f[3]);
			long idle = Long.parseLong(f[4]);
			long iowait = Long.parseLong(f[5]);
			long irq = Long.parseLong(f[6]);
			long softirq = Long.parseLong(f[7]);
			long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
			long busy = user + nice + system + irq + softirq + steal;
			return new long[] { busy, busy + idle + iowait };
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc/stat", ex);
		}
	}

	public static boolean alive(long pid) {
		return Files.exists(PROC.resolve(Long.toString(pid)));
	}

	/** ppid, utime, stime, cutime, cstime; null when the process is gone. */
	private static long[] stat(long pid) {
		String text;
		try {
			text = Files.readString(PROC.resolve(pid + "/stat"));
		}
		catch (IOException ex) {
			return null;
		}
		// The command name may hold spaces and parentheses: fields start after the last
		// ')'.
		String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
		// f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
		return new long[] { Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
				Long.parseLong(f[14]) };
	}

	private static long status(long pid, String field) {
		try {
			for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return 0;
	}

	private static long pss(long pid) {
		try {
			for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"))) {
				if (line.startsWith("Pss:")) {
					return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException ex) {
			// gone, or no permission
		}
		return 0;
	}

}
