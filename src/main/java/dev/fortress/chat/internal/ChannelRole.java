package dev.fortress.chat.internal;

/**
 * A user's role in a channel. An OWNER manages the channel and its members and may delete
 * any message; a MEMBER posts and reacts; a READER only reads (and keeps a read marker).
 */
public enum ChannelRole {

	OWNER, MEMBER, READER;

	/** May post, edit their own messages and react. */
	boolean canPost() {
		return this != READER;
	}

}
