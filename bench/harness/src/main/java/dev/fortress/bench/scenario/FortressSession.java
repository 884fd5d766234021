package dev.fortress.bench.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Api;
import dev.fortress.bench.seed.Database;
import dev.fortress.bench.server.Fortress;
import dev.fortress.bench.system.CpuMeter;
import dev.fortress.bench.system.ProcFs;

/**
 * One running Fortress and what the scenarios need to drive it: the API as admin, the
 * database, and a meter of the CPU of the application, its PostgreSQL, the generator and
 * (when one runs) the out-of-process payment provider.
 */
final class FortressSession implements AutoCloseable {

	final Fortress fortress;

	final Api api;

	final String admin;

	final Database database;

	final Meter meter;

	final String host;

	private final long rssAtStart;

	private final CpuMeter cpu;

	private FortressSession(Fortress fortress, Long pspPid) throws Exception {
		this.fortress = fortress;
		this.api = new Api(fortress.baseUrl());
		this.admin = this.api.login(Fortress.ADMIN_EMAIL, Fortress.ADMIN_PASSWORD);
		this.database = new Database(fortress.databasePort(), fortress.dataDir());
		CpuMeter cpu = CpuMeter.forProcesses(fortress.pid(), fortress.postmasterPid());
		this.cpu = cpu;
		if (pspPid != null) {
			cpu.track("provider", () -> ProcFs.cpuTicks(pspPid, false));
		}
		this.meter = new Meter(fortress.port(), cpu);
		this.host = "127.0.0.1:" + fortress.port();
		this.rssAtStart = ProcFs.rssKib(fortress.pid());
	}

	/** The CPU of every tracked process now (for measuring outside a load window). */
	CpuMeter.Sample cpuSample() {
		return this.cpu.sample();
	}

	/** Counts another process's CPU in this session's measurements, as {@code owner}. */
	void track(String owner, long pid) {
		this.cpu.track(owner, () -> ProcFs.cpuTicks(pid, false));
	}

	static FortressSession start(String label, Path jar, Path work, Path dataDir, Map<String, String> settings,
			Long pspPid, List<String> jvmOptions) throws Exception {
		System.out.printf("Starting Fortress (%s) %s%n", label, settings);
		Fortress fortress = Fortress.start(label, jar, work, dataDir, settings, jvmOptions);
		try {
			FortressSession session = new FortressSession(fortress, pspPid);
			System.out.printf("  ready in %.1f s on port %d (pid %d, PostgreSQL pid %d)%n", fortress.startupSeconds(),
					fortress.port(), fortress.pid(), fortress.postmasterPid());
			return session;
		}
		catch (Exception | Error ex) {
			fortress.close();
			throw ex;
		}
	}

	/** How it started: time, memory once ready, and peak memory so far. */
	Results.Startup startup(String label) {
		double[] spring = this.fortress.springStartup();
		return new Results.Startup(label, this.fortress.startupSeconds(), spring[0], spring[1], this.rssAtStart,
				ProcFs.peakRssKib(this.fortress.pid()), ProcFs.treePssKib(this.fortress.postmasterPid()));
	}

	@Override
	public void close() throws Exception {
		this.meter.close();
		try {
			this.database.close();
		}
		finally {
			this.fortress.close();
		}
	}

}
