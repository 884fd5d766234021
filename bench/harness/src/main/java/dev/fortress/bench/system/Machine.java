package dev.fortress.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A description of the machine a run was measured on. */
public final class Machine {

	private Machine() {
	}

	public static Map<String, String> describe() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
		machine.put("memory", memoryGib() + " GiB");
		machine.put("OS", osName() + ", kernel " + read("/proc/sys/kernel/osrelease").trim());
		machine.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("load average at start", read("/proc/loadavg").trim());
		return machine;
	}

	private static String cpuModel() {
		for (String line : read("/proc/cpuinfo").split("\n")) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).trim();
			}
		}
		return "unknown CPU";
	}

	private static long memoryGib() {
		for (String line : read("/proc/meminfo").split("\n")) {
			if (line.startsWith("MemTotal:")) {
				long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
				return Math.round(kib / 1024.0 / 1024.0);
			}
		}
		return 0;
	}

	private static String osName() {
		for (String line : read("/etc/os-release").split("\n")) {
			if (line.startsWith("PRETTY_NAME=")) {
				return line.substring("PRETTY_NAME=".length()).replace("\"", "");
			}
		}
		return System.getProperty("os.name");
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
