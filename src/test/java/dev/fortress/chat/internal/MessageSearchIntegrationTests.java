package dev.fortress.chat.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.chat.ChatTest;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.support.Http;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search finds only what the caller may read, ranks and highlights it, and on 100,000
 * messages its statement is answered from the GIN index.
 */
class MessageSearchIntegrationTests extends ChatTest {

	private static final Logger log = LoggerFactory.getLogger(MessageSearchIntegrationTests.class);

	@Autowired
	ReadableChannels readable;

	@Test
	void aPrivateChannelsMessagesAreFoundByItsMembersOnly() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
		String secret = channel(owner, "Secret", true);
		String open = channel(owner, "Open", false);
		posted(owner, secret, "the <b>" + word + "</b> launch: x < y & z");
		posted(owner, open, "everyone may read about " + word + " launching, and " + word + " again");
		String deleted = posted(owner, open, word + " to be deleted");
		this.http.delete("/api/v1/messages/" + deleted).token(owner.accessToken()).send();

		JsonNode mine = search(owner, "q=" + word);
		assertThat(mine.get("items")).hasSize(2);
		assertThat(mine.get("items").get(0).get("channelId").asString()).isEqualTo(open);
		assertThat(mine.get("items").get(1).get("snippet").asString()).contains("<mark>" + word + "</mark>")
			.contains("x &lt; y &amp; z")
			.doesNotContain("<b>");
		JsonNode theirs = search(outsider, "q=" + word);
		assertThat(theirs.get("items").valueStream().map((hit) -> hit.get("channelId").asString()))
			.containsExactly(open);
		assertThat(search(owner, "q=launch&channelId=" + secret).get("items")).hasSize(1);
		assertProblem(this.http.get("/api/v1/search/messages?q=" + word + "&channelId=" + secret)
			.token(outsider.accessToken())
			.send(), 404, "not-found");

		JsonNode first = search(owner, "q=" + word + "&limit=1");
		assertThat(first.get("items")).hasSize(1);
		JsonNode second = search(owner, "q=" + word + "&limit=1&cursor=" + first.get("nextCursor").asString());
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("nextCursor").isNull()).isTrue();
		assertThat(second.get("items").get(0).get("messageId"))
			.isNotEqualTo(first.get("items").get(0).get("messageId"));

		assertProblem(this.http.get("/api/v1/search/messages?q=%20").token(owner.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/search/messages?q=x&cursor=bad").token(owner.accessToken()).send(), 400,
				"validation-error");
		assertProblem(this.http.get("/api/v1/search/messages?q=x&limit=51").token(owner.accessToken()).send(), 400,
				"validation-error");
	}

	@Test
	void onAHundredThousandMessagesTheSearchUsesTheGinIndex() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn stranger = loggedIn("EDITOR");
		String open = channel(owner, "Archive", false);
		String closed = channel(owner, "Closed archive", true);
		try {
			fill(open, 90_000, "needle");
			fill(closed, 10_000, "haystack");
			this.jdbc.sql("analyze chat_messages").update();

			CurrentUser user = new CurrentUser(stranger.id(), Role.EDITOR);
			List<String> plan = this.readable
				.bind(this.jdbc.sql("explain (analyze, buffers off) " + MessageSearch.SQL), user)
				.param("q", "needle")
				.param("options", MessageSearch.OPTIONS)
				.param("channelId", null)
				.param("rank", null)
				.param("after", null)
				.param("limit", 21)
				.query(String.class)
				.list();
			log.info("Search plan on 100,000 messages:\n{}", String.join("\n", plan));
			assertThat(String.join("\n", plan)).contains("chat_messages_search_idx");

			long started = System.nanoTime();
			JsonNode found = search(stranger, "q=needle");
			long millis = (System.nanoTime() - started) / 1_000_000;
			log.info("GET /api/v1/search/messages?q=needle on 100,000 messages: {} ms", millis);
			assertThat(found.get("items")).hasSize(20);
			assertThat(found.get("items").valueStream().map((hit) -> hit.get("channelId").asString()))
				.containsOnly(open);
			assertThat(search(stranger, "q=haystack").get("items")).isEmpty();

			started = System.nanoTime();
			JsonNode archive = listed(stranger, open);
			log.info("GET /api/v1/channels with 90,000 unread in one channel: {} ms",
					(System.nanoTime() - started) / 1_000_000);
			assertThat(archive.get("unread").asLong()).isEqualTo(ChannelList.UNREAD_CAP);
		}
		finally {
			this.jdbc.sql("delete from chat_channels where id in (cast(:open as uuid), cast(:closed as uuid))")
				.param("open", open)
				.param("closed", closed)
				.update();
		}
	}

	/**
	 * Fills a channel's views directly (the log is not what is measured here): common
	 * words, with the rare word in one message of a thousand.
	 */
	private void fill(String channel, int count, String rare) {
		this.jdbc.sql("""
				insert into chat_messages (id, channel_id, author_id, text, posted_seq, seq, version, created_at)
				select gen_random_uuid(), cast(:channel as uuid), gen_random_uuid(),
				       'status update ' || i || ' about the '
				         || (array['release', 'budget', 'hiring', 'roadmap', 'incident'])[1 + i % 5]
				         || case when i % 1000 = 0 then ' with the :rare' else '' end,
				       i, i, 1, now()
				from generate_series(1, :count) i
				""".replace(":rare", rare)).param("channel", channel).param("count", count).update();
		this.jdbc.sql("update chat_channels set last_seq = :count where id = cast(:channel as uuid)")
			.param("channel", channel)
			.param("count", count)
			.update();
	}

	private JsonNode search(LoggedIn user, String query) {
		Http.Response response = this.http.get("/api/v1/search/messages?" + query).token(user.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

}
