package dev.fortress.chat.internal;

/**
 * A channel as one of its readers sees it.
 *
 * @param role the caller's effective role
 * @param unread messages posted by others after the caller's read marker, deleted ones
 * not counted; at most {@link ChannelList#UNREAD_CAP} (meaning that many or more)
 */
public record ChannelSummary(Channel channel, ChannelRole role, long unread) {
}
