package dev.fortress.chat;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.identity.CurrentUser;

/** The chat module's facade for other modules (the WebSocket transport among them). */
public interface ChatApi {

	/** Whether the user may read the channel: see its messages, watch it live. */
	boolean canRead(UUID channelId, CurrentUser user);

	/**
	 * Every channel the user may read, by the same rule as {@link #canRead}, in one
	 * statement (search restricts itself to them).
	 */
	Set<UUID> readableChannelIds(CurrentUser user);

	/**
	 * Posts a message with the same rules as {@code POST /api/v1/channels/{id}/messages};
	 * a repeated {@code clientMessageId} from the same author returns the first message
	 * instead of posting again.
	 * @throws dev.fortress.platform.web.ApiException when the caller may not post or the
	 * message is invalid
	 */
	ChatMessage post(CurrentUser user, UUID channelId, String text, @Nullable UUID parentId,
			@Nullable String clientMessageId);

	/** The channel's members' ids (for presence). */
	Set<UUID> memberIds(UUID channelId);

}
