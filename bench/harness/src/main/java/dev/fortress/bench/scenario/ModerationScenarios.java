package dev.fortress.bench.scenario;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fortress.bench.load.LoadPlan;
import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.report.Results;
import dev.fortress.bench.seed.Api;
import dev.fortress.bench.seed.Buyers;
import dev.fortress.bench.system.CpuMeter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What screening costs a chat message, and how well its semantic check tells work from
 * spam. Two instances run at once on copies of the same data: one as shipped, one with
 * {@code FORTRESS_MODERATION_ENABLED=false}; the same open-loop series of ordinary
 * messages goes to one, then the other, in alternating phases, so a drift of the shared
 * machine hits both alike. Messages come from many authors in turn, so the posting-rate
 * rule (20 a minute per author) does not fire; the held answers are counted and reported.
 * Then, on the screening instance, a few hundred ordinary work lines and the spam and
 * abuse lines of {@link WorkLines} are posted one by one; the queue says why each held
 * line was held.
 */
final class ModerationScenarios {

	/** Chat messages per second offered to an instance in a phase. */
	static final double RATE = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Settings settings;

	private final Results results;

	private final Buyers buyers;

	ModerationScenarios(Settings settings, Results results, Buyers buyers) {
		this.settings = settings;
		this.results = results;
		this.buyers = buyers;
	}

	void run(FortressSession screened, FortressSession unscreened) throws Exception {
		boolean full = this.settings.mode().equals("full");
		int rounds = full ? 3 : 2;
		Duration warmup = Duration.ofSeconds(full ? 60 : 20);
		Duration measure = Duration.ofSeconds(full ? 30 : 15);
		List<String> authors = new ArrayList<>();
		for (int i = 0; i < Math.min(this.buyers.size(), 1000); i++) {
			authors.add(this.buyers.tokenFor(i));
		}
		String[] channels = { channel(screened, authors), channel(unscreened, authors) };
		FortressSession[] sessions = { screened, unscreened };
		long[] next = { 0 };
		for (int i = 0; i < 2; i++) {
			sessions[i].meter.run("moderation warm-up",
					posts(sessions[i].host, channels[i], authors, next[0] += 1_000_000),
					LoadPlan.open(RATE, 64, Duration.ZERO, warmup));
			quiet(sessions[i]);
		}
		for (int round = 1; round <= rounds; round++) {
			for (int i = 0; i < 2; i++) {
				boolean screening = i == 0;
				String name = "moderation " + round + (screening ? " screened" : " unscreened");
				Measured measured = sessions[i].meter.run(name,
						posts(sessions[i].host, channels[i], authors, next[0] += 1_000_000),
						LoadPlan.open(RATE, 64, Duration.ofSeconds(3), measure));
				this.results.loads.put(name, measured);
				this.results.moderationPhases.add(new Results.ModerationPhase(round, screening, name));
				if (measured.load().startingWith("5") > 0 || measured.load().answered() < measured.load().sent()) {
					this.results.failures.add(name + ": " + measured.load().outcomes());
				}
				quiet(sessions[i]);
			}
		}
		quality(screened, authors);
	}

	/**
	 * The quality run: each line posted once, by the authors in turn; held lines are
	 * matched with their queue entries' reasons.
	 */
	private void quality(FortressSession session, List<String> authors) throws Exception {
		String channel = channel(session, authors);
		List<String> ordinary = WorkLines.ordinary(WorkLines.QUALITY_SEED, WorkLines.QUALITY_LINES);
		Map<String, List<String>> why = new HashMap<>();
		int[] held = { post(session, channel, authors, ordinary, 0),
				post(session, channel, authors, WorkLines.SPAM, 300),
				post(session, channel, authors, WorkLines.ABUSE, 400) };
		Map<String, List<String>> reasons = reasons(session);
		List<List<String>> sets = List.of(ordinary, WorkLines.SPAM, WorkLines.ABUSE);
		String[] names = { "ordinary", "spam", "abuse" };
		StringBuilder note = new StringBuilder("Moderation quality (one post each, as the authors in turn): ");
		for (int s = 0; s < 3; s++) {
			Map<String, Integer> byReason = new HashMap<>();
			List<String> examples = new ArrayList<>();
			for (String line : sets.get(s)) {
				List<String> found = reasons.get(line);
				if (found != null) {
					found.forEach((reason) -> byReason.merge(reason, 1, Integer::sum));
					if (s == 0 && examples.size() < 8) {
						examples.add("\"" + line + "\" " + found);
					}
				}
			}
			why.put(names[s], examples);
			note.append(String.format("%s %d of %d held %s%s; ", names[s], held[s], sets.get(s).size(), byReason,
					examples.isEmpty() ? "" : " e.g. " + String.join(", ", examples)));
		}
		// the load phases' ordinary posts (numbered, so none is a quality line)
		Map<String, Integer> loadReasons = new HashMap<>();
		int loadHeld = 0;
		for (Map.Entry<String, List<String>> entry : reasons.entrySet()) {
			if (entry.getKey().endsWith(")") && !ordinary.contains(entry.getKey())) {
				loadHeld++;
				entry.getValue().forEach((reason) -> loadReasons.merge(reason, 1, Integer::sum));
			}
		}
		note.append(String.format("the screened instance's warm-up and load phases had %d ordinary posts held, for %s "
				+ "(the posting-rate rule: %d).", loadHeld, loadReasons, loadReasons.getOrDefault("rate", 0)));
		this.results.notes.add(note.toString());
		this.results.moderationQuality = new Results.ModerationQuality(ordinary.size(), held[0], WorkLines.SPAM.size(),
				held[1], WorkLines.ABUSE.size(), held[2], why.get("ordinary"));
	}

	/** Posts the lines one by one; how many were held. */
	private int post(FortressSession session, String channel, List<String> authors, List<String> lines, int first) {
		int held = 0;
		for (int i = 0; i < lines.size(); i++) {
			Api.Reply reply = session.api.expect(201, "POST", "/api/v1/channels/" + channel + "/messages",
					authors.get((first + i) % authors.size()), Map.of("text", lines.get(i)));
			if ("HELD".equals(reply.text("moderation"))) {
				held++;
			}
		}
		return held;
	}

	/** The queue's held entries: excerpt (the whole text of a short line) → reasons. */
	private Map<String, List<String>> reasons(FortressSession session) {
		Map<String, List<String>> reasons = new HashMap<>();
		String cursor = null;
		do {
			JsonNode page = session.api
				.expect(200, "GET", "/api/v1/admin/moderation?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
						session.admin, null)
				.body();
			for (JsonNode item : page.path("items")) {
				List<String> found = new ArrayList<>();
				item.path("reasons").forEach((reason) -> found.add(reason.asString()));
				reasons.put(item.path("excerpt").asString(), found);
			}
			cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
					: page.path("nextCursor").asString();
		}
		while (cursor != null && !cursor.isEmpty());
		return reasons;
	}

	/** A public channel with every author as a member; its id. */
	private static String channel(FortressSession session, List<String> authors) {
		String channel = session.api
			.expect(201, "POST", "/api/v1/channels", session.admin,
					Map.of("name", "bench-moderation-" + System.nanoTime(), "private", false))
			.text("id");
		for (String token : authors) {
			int status = session.api
				.call("PUT", "/api/v1/channels/" + channel + "/members/" + RealtimeScenarios.subject(token),
						session.admin, Map.of("role", "MEMBER"))
				.status();
			if (status / 100 != 2) {
				throw new IllegalStateException("adding a member to the moderation channel answered " + status);
			}
		}
		return channel;
	}

	/**
	 * Until the instance has caught up with what the load left behind (indexing the
	 * messages after their commit): its CPU under a tenth of a core, a minute at most.
	 */
	private static void quiet(FortressSession session) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline) {
			CpuMeter.Sample before = session.cpuSample();
			Thread.sleep(1000);
			if (session.cpuSample().since(before).cores("app") < 0.1) {
				return;
			}
		}
	}

	/**
	 * Chat posts: arrival {@code k} is ordinary line {@code first + k}, by author
	 * {@code k mod authors}; {@code 201 held} told apart from {@code 201}.
	 */
	static RequestSource posts(String host, String channel, List<String> authors, long first) {
		byte[] held = "\"moderation\":\"HELD\"".getBytes(StandardCharsets.US_ASCII);
		return new RequestSource() {
			@Override
			public void write(ByteBuffer out, int arrival) {
				byte[] body = JSON.writeValueAsBytes(Map.of("text", WorkLines.ordinary(first + arrival)));
				out.put(("POST /api/v1/channels/" + channel + "/messages HTTP/1.1\r\nHost: " + host
						+ "\r\nAccept: application/json\r\nContent-Type: application/json\r\nAuthorization: Bearer "
						+ authors.get(arrival % authors.size()) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.put(body);
			}

			@Override
			public int bodyCapture() {
				return 4096;
			}

			@Override
			public String label(int status, boolean retryAfter, byte[] body, int length) {
				if (status == 201 && new String(body, 0, Math.min(length, body.length), StandardCharsets.UTF_8)
					.contains(new String(held, StandardCharsets.US_ASCII))) {
					return "201 held";
				}
				return RequestSource.Labels.of(status, retryAfter);
			}
		};
	}

	/** A copy of a stopped instance's data directory, for a second instance. */
	static Path copy(Path dataDir, Path to) throws Exception {
		Process process = new ProcessBuilder("cp", "-a", dataDir.toString(), to.toString()).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("could not copy " + dataDir + " to " + to);
		}
		return to;
	}

}
