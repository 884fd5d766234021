package dev.fortress.chat.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.internal.ChannelAccess.Access;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;

/**
 * Read markers: how far in a channel a user has read, as a position of its log. A marker
 * only moves forward, so a client that reports an older message (another device, a
 * message read late) does not bring read messages back as unread.
 */
@Service
public class ReadMarkers {

	private final ChannelAccess access;

	private final Messages messages;

	private final ChannelList list;

	private final JdbcClient jdbc;

	ReadMarkers(ChannelAccess access, Messages messages, ChannelList list, JdbcClient jdbc) {
		this.access = access;
		this.messages = messages;
		this.list = list;
		this.jdbc = jdbc;
	}

	/**
	 * Marks the channel read up to the message.
	 * @return the channel with its unread count after the marker
	 * @throws ApiException 404 unless the caller may read the channel, 400 unless the
	 * message is one of the channel's
	 */
	@Transactional
	public ChannelSummary markRead(UUID channelId, UUID messageId, CurrentUser user) {
		Access access = this.access.reader(channelId, user);
		long seq = this.messages.postedSeq(channelId, messageId)
			.orElseThrow(() -> ApiException.invalid("messageId", "must be a message of this channel"));
		this.jdbc.sql("""
				insert into chat_read_markers (user_id, channel_id, seq) values (:user, :channelId, :seq)
				on conflict (user_id, channel_id) do update set seq = greatest(chat_read_markers.seq, excluded.seq)
				""").param("user", user.id()).param("channelId", channelId).param("seq", seq).update();
		return this.list.one(access.channel(), access.role(), user);
	}

}
