package dev.fortress.chat.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.fortress.chat.internal.Channel;
import dev.fortress.chat.internal.ChannelRole;
import dev.fortress.chat.internal.ChannelSummary;

/**
 * A channel as the API shows it.
 *
 * @param participantIds a direct conversation's two users (empty for other channels)
 * @param role the caller's role in it
 * @param unread messages by others after the caller's read marker
 */
record ChannelView(UUID id, String name, @Nullable String topic, @Nullable UUID projectId,
		@JsonProperty("private") boolean isPrivate, boolean direct, List<UUID> participantIds, UUID createdBy,
		Instant createdAt, long lastSeq, ChannelRole role, long unread) {

	static ChannelView of(ChannelSummary summary) {
		Channel channel = summary.channel();
		return new ChannelView(channel.id(), channel.name(), channel.topic(), channel.projectId(), channel.isPrivate(),
				channel.direct(), channel.participantIds(), channel.createdBy(), channel.createdAt(), channel.lastSeq(),
				summary.role(), summary.unread());
	}

}
