package dev.fortress.chat.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.platform.web.ApiException;

/**
 * Throws a channel's views away and replays its log into them, through the same
 * {@link MessageProjection} that maintains them as events are appended. Under the
 * channel's lock, so no event is appended meanwhile. What a changed projection (a new
 * column, a fixed bug) is deployed with.
 */
@Service
public class ViewRebuild {

	private static final int BATCH = 1000;

	private final Channels channels;

	private final ChatLog log;

	private final MessageProjection projection;

	private final JdbcClient jdbc;

	ViewRebuild(Channels channels, ChatLog log, MessageProjection projection, JdbcClient jdbc) {
		this.channels = channels;
		this.log = log;
		this.projection = projection;
		this.jdbc = jdbc;
	}

	/**
	 * @return how many events were replayed
	 * @throws ApiException 404 for an unknown channel
	 */
	@Transactional
	public long rebuild(UUID channelId) {
		this.channels.lock(channelId).orElseThrow(() -> ApiException.notFound("Channel"));
		this.jdbc.sql("delete from chat_messages where channel_id = :channelId").param("channelId", channelId).update();
		long replayed = 0;
		List<LoggedEvent> batch;
		do {
			batch = this.log.read(channelId, replayed + 1, BATCH);
			batch.forEach(this.projection::apply);
			replayed += batch.size();
		}
		while (batch.size() == BATCH);
		return replayed;
	}

}
