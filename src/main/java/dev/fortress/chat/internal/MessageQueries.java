package dev.fortress.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.ChatMessage;
import dev.fortress.platform.web.ApiException;
import dev.fortress.identity.CurrentUser;

/**
 * Reading a channel's history: keyset pages in both directions, positioned by a message
 * of the channel (its place in the log), so a page never skips or repeats a message
 * whatever is posted meanwhile.
 */
@Service
public class MessageQueries {

	public static final int MAX_LIMIT = 200;

	private final ChannelAccess access;

	private final Messages messages;

	MessageQueries(ChannelAccess access, Messages messages) {
		this.access = access;
		this.messages = messages;
	}

	/**
	 * The top-level messages (or a thread's replies), newest first: the newest, those
	 * older than {@code before}, or the {@code limit} right after {@code after}.
	 * @throws ApiException 404 unless the caller may read the channel, 400 for positions
	 * that are not messages of the channel (or of the thread)
	 */
	@Transactional(readOnly = true)
	public MessagePage page(UUID channelId, @Nullable UUID parentId, @Nullable UUID before, @Nullable UUID after,
			int limit, CurrentUser user) {
		this.access.reader(channelId, user);
		if (before != null && after != null) {
			throw ApiException.invalid("after", "cannot be combined with before");
		}
		if (parentId != null && !this.messages.isThreadStart(channelId, parentId)) {
			throw ApiException.invalid("parentId", "must be a message of this channel that is not a reply");
		}
		Long beforeSeq = (before != null) ? position(channelId, parentId, before, "before") : null;
		Long afterSeq = (after != null) ? position(channelId, parentId, after, "after") : null;
		List<ChatMessage> found = new ArrayList<>(
				this.messages.page(channelId, parentId, beforeSeq, afterSeq, limit + 1, user));
		boolean hasMore = found.size() > limit;
		if (hasMore) {
			// the extra one is the farthest in the paging direction: newest when paging
			// forward
			found.remove((after != null) ? 0 : found.size() - 1);
		}
		return new MessagePage(found, hasMore);
	}

	private long position(UUID channelId, @Nullable UUID parentId, UUID messageId, String parameter) {
		boolean inScope = this.messages.find(messageId)
			.filter((message) -> message.channelId().equals(channelId))
			.filter((message) -> java.util.Objects.equals(message.parentId(), parentId))
			.isPresent();
		if (!inScope) {
			throw ApiException.invalid(parameter, "must be a message of this channel (or thread)");
		}
		return this.messages.postedSeq(channelId, messageId).orElseThrow();
	}

}
