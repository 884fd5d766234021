package dev.fortress.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel's log: positions total and gap-free under concurrent writers, and views
 * that a replay of the log rebuilds exactly.
 */
class ChannelLogIntegrationTests extends ChatTest {

	private static final Logger log = LoggerFactory.getLogger(ChannelLogIntegrationTests.class);

	private static final int WRITERS = 12;

	private static final int EACH = 10;

	@Test
	void concurrentWritersGetEveryPositionOnceWithoutGaps() throws Exception {
		LoggedIn owner = loggedIn("EDITOR");
		String channel = channel(owner, "Busy", false);
		List<LoggedIn> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			LoggedIn writer = loggedIn("EDITOR");
			addMember(writer, channel, writer, "MEMBER");
			writers.add(writer);
		}
		String target = posted(owner, channel, "react to me");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		try {
			List<Callable<List<Integer>>> work = new ArrayList<>();
			for (LoggedIn writer : writers) {
				work.add(() -> {
					start.await();
					List<Integer> statuses = new ArrayList<>();
					for (int i = 0; i < EACH; i++) {
						Http.Response response = (i % 3 == 2)
								? this.http.put("/api/v1/messages/" + target + "/reactions/r" + i, "")
									.token(writer.accessToken())
									.send()
								: post(writer, channel, "burst " + i);
						statuses.add(response.status());
					}
					return statuses;
				});
			}
			List<Future<List<Integer>>> results = new ArrayList<>();
			work.forEach((task) -> results.add(pool.submit(task)));
			long started = System.nanoTime();
			start.countDown();
			for (Future<List<Integer>> result : results) {
				assertThat(result.get()).allMatch((status) -> status == 200 || status == 201);
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			log.info("{} writers appended {} events to one channel over HTTP in {} ms", WRITERS, WRITERS * EACH,
					millis);
		}
		finally {
			pool.shutdownNow();
		}
		long expected = 1 + (long) WRITERS * EACH;
		List<Long> seqs = this.jdbc.sql("select seq from chat_events where channel_id = cast(:id as uuid) order by seq")
			.param("id", channel)
			.query(Long.class)
			.list();
		assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
		assertThat(this.jdbc.sql("select last_seq from chat_channels where id = cast(:id as uuid)")
			.param("id", channel)
			.query(Long.class)
			.single()).isEqualTo(expected);
		assertThat(this.jdbc
			.sql("select count(distinct posted_seq) from chat_messages where channel_id = cast(:id as uuid)")
			.param("id", channel)
			.query(Long.class)
			.single()).isEqualTo(1 + (long) WRITERS * (EACH - EACH / 3));
	}

	@Test
	void replayingTheLogRebuildsTheSameViews() {
		LoggedIn admin = loggedIn("ADMIN");
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		String channel = channel(owner, "Rebuilt", true);
		addMember(owner, channel, member, "MEMBER");
		String first = posted(owner, channel, "first draft");
		this.http.patch("/api/v1/messages/" + first, Map.of("text", "first, edited")).token(owner.accessToken()).send();
		String reply = reply(member, channel, first, "a reply");
		this.http.put("/api/v1/messages/" + first + "/reactions/%F0%9F%8E%89", "").token(member.accessToken()).send();
		this.http.put("/api/v1/messages/" + first + "/reactions/ok", "").token(owner.accessToken()).send();
		this.http.put("/api/v1/messages/" + reply + "/reactions/ok", "").token(owner.accessToken()).send();
		this.http.delete("/api/v1/messages/" + first + "/reactions/ok").token(owner.accessToken()).send();
		String gone = posted(member, channel, "oops");
		this.http.put("/api/v1/messages/" + gone + "/reactions/ok", "").token(owner.accessToken()).send();
		this.http.delete("/api/v1/messages/" + gone).token(member.accessToken()).send();
		posted(owner, channel, "last");
		String before = views(channel);
		String pageBefore = page(member, channel, "").toString();

		Http.Response rebuilt = this.http.post("/api/v1/admin/chat/channels/" + channel + "/rebuild", "")
			.token(admin.accessToken())
			.send();
		assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
		assertThat(rebuilt.json().get("replayed").asLong()).isEqualTo(11);
		assertThat(views(channel)).isEqualTo(before);
		assertThat(page(member, channel, "").toString()).isEqualTo(pageBefore);
		assertThat(this.http.post("/api/v1/admin/chat/channels/" + channel + "/rebuild", "")
			.token(owner.accessToken())
			.send()
			.status()).isEqualTo(403);
	}

	/** Every column of the channel's views, as text, in a stable order. */
	private String views(String channel) {
		String messages = this.jdbc.sql("""
				select coalesce(string_agg(m::text, E'\\n' order by m.posted_seq), '') from chat_messages m
				where channel_id = cast(:id as uuid)
				""").param("id", channel).query(String.class).single();
		String reactions = this.jdbc.sql("""
				select coalesce(string_agg(r::text, E'\\n' order by r.message_id, r.emoji, r.user_id), '')
				from chat_reactions r join chat_messages m on m.id = r.message_id where m.channel_id = cast(:id as uuid)
				""").param("id", channel).query(String.class).single();
		assertThat(messages).isNotBlank();
		assertThat(reactions).isNotBlank();
		return messages + "\n--\n" + reactions;
	}

}
