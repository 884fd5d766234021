package dev.fortress.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.Cursors;

/**
 * Full-text search over the messages the caller may read (ADR 0077): the stored
 * {@code tsvector} of each message with its GIN index, {@code ts_rank} for the order and
 * {@code ts_headline} for the snippet, which is computed for the page's rows only. The
 * readable channels are a condition of the statement ({@link ReadableChannels}), so a
 * page is never short because of rows filtered after the limit. Keyset paging on
 * {@code (rank, id)}.
 */
@Service
public class MessageSearch {

	public static final int MAX_LIMIT = 50;

	public static final int MAX_QUERY = 200;

	/**
	 * Control characters mark the matches in the headline: a message cannot contain them
	 * ({@link MessageRules}), so the text can be HTML-escaped and the marks turned into
	 * tags afterwards.
	 */
	private static final String START = "\u0001";

	private static final String STOP = "\u0002";

	static final String OPTIONS = "StartSel=" + START + ", StopSel=" + STOP + ", MaxWords=35, MinWords=15";

	static final String SQL = """
			with q as (select websearch_to_tsquery('english', :q) as query)
			select hit.*, ts_headline('english', hit.text, q.query, :options) as snippet
			from (select m.id, m.channel_id, m.author_id, m.parent_id, m.created_at, m.text,
			             ts_rank(m.search, q.query) as rank
			      from chat_messages m cross join q
			      join chat_channels c on c.id = m.channel_id
			      where m.search @@ q.query and not m.deleted
			        and (not m.held or m.author_id = :user or :admin)
			        and (cast(:channelId as uuid) is null or m.channel_id = :channelId)
			        and %s) hit cross join q
			where (cast(:rank as real) is null or hit.rank < :rank or (hit.rank = :rank and hit.id < :after))
			order by hit.rank desc, hit.id desc
			limit :limit
			""".formatted(ReadableChannels.CONDITION);

	private final ChannelAccess access;

	private final ReadableChannels readable;

	private final JdbcClient jdbc;

	MessageSearch(ChannelAccess access, ReadableChannels readable, JdbcClient jdbc) {
		this.access = access;
		this.readable = readable;
		this.jdbc = jdbc;
	}

	/**
	 * @throws ApiException 400 for a blank or too long query or a bad cursor, 404 for a
	 * channel the caller may not read
	 */
	@Transactional(readOnly = true)
	public SearchPage search(@Nullable String q, @Nullable UUID channelId, int limit, @Nullable String cursor,
			CurrentUser user) {
		if (channelId != null) {
			this.access.reader(channelId, user);
		}
		if (q == null || q.isBlank() || q.length() > MAX_QUERY || q.indexOf('\u0000') >= 0) {
			throw ApiException.invalid("q", "must be 1 to " + MAX_QUERY + " characters");
		}
		List<String> position = Cursors.decode(cursor, 2);
		Float rank = position.isEmpty() ? null : rank(position.get(0));
		UUID after = position.isEmpty() ? null : Cursors.uuid(position.get(1));
		List<SearchHit> hits = new ArrayList<>(this.readable.bind(this.jdbc.sql(SQL), user)
			.param("q", q)
			.param("options", OPTIONS)
			.param("channelId", channelId)
			.param("rank", rank)
			.param("after", after)
			.param("limit", limit + 1)
			.query((rs, row) -> new SearchHit(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
					rs.getObject("author_id", UUID.class), rs.getObject("parent_id", UUID.class),
					rs.getTimestamp("created_at").toInstant(), snippet(rs.getString("snippet")), rs.getFloat("rank")))
			.list());
		String next = null;
		if (hits.size() > limit) {
			hits.remove(limit);
			SearchHit last = hits.get(limit - 1);
			next = Cursors.encode(last.rank(), last.messageId());
		}
		return new SearchPage(hits, next);
	}

	private static String snippet(String headline) {
		String escaped = headline.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
		return escaped.replace(START, "<mark>").replace(STOP, "</mark>");
	}

	private static Float rank(String value) {
		try {
			return Float.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

}
