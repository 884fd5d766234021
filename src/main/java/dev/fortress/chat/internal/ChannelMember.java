package dev.fortress.chat.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user's membership of a channel.
 *
 * @param joinedAt when they joined; {@code null} for a project channel's reader who has
 * never been given a role of their own (their readership follows the project)
 */
public record ChannelMember(UUID channelId, UUID userId, ChannelRole role, @Nullable Instant joinedAt) {
}
