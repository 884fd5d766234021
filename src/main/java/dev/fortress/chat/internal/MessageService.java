package dev.fortress.chat.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.chat.ChatApi;
import dev.fortress.chat.ChatMessage;
import dev.fortress.chat.MembersMentioned;
import dev.fortress.chat.internal.ChannelAccess.Access;
import dev.fortress.chat.internal.LoggedEvent.Payload;
import dev.fortress.chat.internal.LoggedEvent.Type;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.moderation.ContentScreen;
import dev.fortress.platform.moderation.Submission;
import dev.fortress.platform.web.ApiException;

/**
 * The changes to messages: each checks the caller's role, then appends one event to the
 * channel's log ({@link ChatLog}) under the channel's lock, so that the rule is decided
 * on the message as it is when the event gets its position. A change that would change
 * nothing (a reaction already there) appends nothing.
 */
@Service
public class MessageService implements ChatApi {

	private final ChannelAccess access;

	private final ReadableChannels readable;

	private final Channels channels;

	private final Messages messages;

	private final ChatLog log;

	private final MessageKeys keys;

	private final MessageAttachments attachments;

	private final Mentions mentions;

	private final ContentScreen screen;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MessageService(ChannelAccess access, ReadableChannels readable, Channels channels, Messages messages, ChatLog log,
			MessageKeys keys, MessageAttachments attachments, Mentions mentions, ContentScreen screen,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.readable = readable;
		this.channels = channels;
		this.messages = messages;
		this.log = log;
		this.keys = keys;
		this.attachments = attachments;
		this.mentions = mentions;
		this.screen = screen;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public boolean canRead(UUID channelId, CurrentUser user) {
		return this.access.canRead(channelId, user);
	}

	@Override
	public Set<UUID> readableChannelIds(CurrentUser user) {
		return this.readable.ids(user);
	}

	@Override
	public Set<UUID> memberIds(UUID channelId) {
		return this.channels.find(channelId).map(this.access::readers).orElse(Set.of());
	}

	@Override
	@Transactional
	public ChatMessage post(CurrentUser user, UUID channelId, String text, @Nullable UUID parentId,
			@Nullable String clientMessageId) {
		return post(user, channelId, new NewMessage(text, parentId, null), clientMessageId).message();
	}

	/**
	 * Posts a message; with an idempotency key, a resend of the same message returns the
	 * first one ({@code replayed}) and another message with the same key is a
	 * {@code 422}. The text is screened in the posting transaction: a held message is
	 * stored and returned with {@code moderation: HELD}, seen by its author and ADMINs
	 * only, and mentions nobody until a moderator approves it.
	 * @throws ApiException 404 if the caller may not read the channel, 403 if they may
	 * only read it, 400 for invalid input
	 */
	@Transactional
	public Posted post(CurrentUser user, UUID channelId, NewMessage request, @Nullable String key) {
		Access access = this.access.poster(channelId, user);
		String text = MessageRules.text(request.text());
		List<UUID> attachmentIds = MessageRules.attachments(request.attachmentIds());
		if (request.parentId() != null && !this.messages.isThreadStart(channelId, request.parentId())) {
			throw ApiException.invalid("parentId", "must be a message of this channel that is not a reply");
		}
		this.attachments.check(attachmentIds, user.id());
		UUID messageId = Ids.newId();
		if (key != null) {
			if (!MessageKeys.valid(key)) {
				throw ApiException.invalid("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
			}
			Optional<UUID> earlier = this.keys.claim(user.id(), key, channelId, messageId,
					MessageKeys.hash(channelId, text, request.parentId(), attachmentIds), this.clock.instant());
			if (earlier.isPresent()) {
				return new Posted(this.messages.find(earlier.get()).orElseThrow(), true);
			}
		}
		boolean held = this.screen.screen(new Submission(MessageModeration.TYPE, messageId, user.id(), text)).held();
		ChatMessage message = this.log.append(channelId, messageId, Type.POSTED, user.id(),
				Payload.posted(text, request.parentId(), attachmentIds, held));
		if (!held) {
			mention(access.channel(), message);
		}
		return new Posted(message, false);
	}

	/** Tells the readers the message mentions about it. */
	void mention(Channel channel, ChatMessage message) {
		List<UUID> mentioned = this.mentions.in(message.text(), () -> this.access.readers(channel), message.authorId());
		if (!mentioned.isEmpty()) {
			this.events.publishEvent(new MembersMentioned(channel.id(), channel.name(), message.id(),
					message.authorId(), message.text(), mentioned, EventMetadata.now(this.clock)));
		}
	}

	/**
	 * The new text of a visible message is screened as a post's is: held, the message is
	 * held again (and shown as {@code hidden} to the channel).
	 * @throws ApiException 404 if the caller may not read it, 403 unless its author, 409
	 * once deleted
	 */
	@Transactional
	public ChatMessage edit(UUID messageId, @Nullable String newText, CurrentUser user) {
		Target target = target(messageId, user);
		if (!target.message().authorId().equals(user.id()) || !target.access().role().canPost()) {
			throw ApiException.forbidden("Only its author may edit a message");
		}
		String text = MessageRules.text(newText);
		ChatMessage message = lockedLive(target.message());
		if (message.text().equals(text)) {
			return message;
		}
		boolean held = !message.held()
				&& this.screen.screen(new Submission(MessageModeration.TYPE, messageId, user.id(), text)).held();
		return this.log.append(message.channelId(), messageId, Type.EDITED, user.id(), Payload.edited(text, held));
	}

	/**
	 * Deleting a deleted message changes nothing.
	 * @throws ApiException 404 if the caller may not read it, 403 unless its author or an
	 * owner of the channel (ADMINs are)
	 */
	@Transactional
	public void delete(UUID messageId, CurrentUser user) {
		Target target = target(messageId, user);
		if (!target.message().authorId().equals(user.id()) && target.access().role() != ChannelRole.OWNER) {
			throw ApiException.forbidden("Only its author or a channel owner may delete a message");
		}
		ChatMessage message = locked(target.message());
		if (!message.deleted()) {
			this.log.append(message.channelId(), messageId, Type.DELETED, user.id(), Payload.none());
		}
	}

	/**
	 * Adds (or, with {@code on} false, takes back) the caller's reaction.
	 * @throws ApiException 404 if the caller may not read it, 403 if they may only read
	 * the channel, 409 once deleted
	 */
	@Transactional
	public ChatMessage react(UUID messageId, String emoji, boolean on, CurrentUser user) {
		Target target = target(messageId, user);
		if (!target.access().role().canPost()) {
			throw ApiException.forbidden("You may only read this channel");
		}
		MessageRules.emoji(emoji);
		ChatMessage message = lockedLive(target.message());
		boolean present = message.reactions().getOrDefault(emoji, List.of()).contains(user.id());
		if (present == on) {
			return message;
		}
		return this.log.append(message.channelId(), messageId, on ? Type.REACTED : Type.UNREACTED, user.id(),
				Payload.reaction(emoji));
	}

	/**
	 * The message's events, oldest first.
	 * @throws ApiException 404 if the caller may not read it
	 */
	/**
	 * One message, as its channel's readers see it in the history.
	 * @throws ApiException 404 if the caller may not read it (a held message: anyone but
	 * its author and ADMINs)
	 */
	@Transactional(readOnly = true)
	public ChatMessage get(UUID messageId, CurrentUser user) {
		return target(messageId, user).message();
	}

	@Transactional(readOnly = true)
	public List<HistoryEntry> history(UUID messageId, CurrentUser user) {
		Target target = target(messageId, user);
		boolean redacted = target.message().deleted();
		return this.log.ofMessage(messageId).stream().map((event) -> HistoryEntry.of(event, redacted)).toList();
	}

	/**
	 * The message and the caller's access; a held message exists for its author and
	 * ADMINs only.
	 */
	private Target target(UUID messageId, CurrentUser user) {
		ChatMessage message = this.messages.find(messageId)
			.filter((found) -> !found.held() || found.authorId().equals(user.id()) || user.isAdmin())
			.orElseThrow(() -> ApiException.notFound("Message"));
		Access access = this.channels.find(message.channelId())
			.flatMap((channel) -> this.access.role(channel, user).map((role) -> new Access(channel, role)))
			.orElseThrow(() -> ApiException.notFound("Message"));
		return new Target(message, access);
	}

	/** The message as it is under its channel's lock: what a change is decided on. */
	private ChatMessage locked(ChatMessage seen) {
		this.channels.lock(seen.channelId());
		return this.messages.find(seen.id()).orElseThrow(() -> ApiException.notFound("Message"));
	}

	/**
	 * Like {@link #locked}, for changes a deleted message cannot take.
	 * @throws ApiException 409 once deleted
	 */
	private ChatMessage lockedLive(ChatMessage seen) {
		ChatMessage message = locked(seen);
		if (message.deleted()) {
			throw ApiException.conflict("The message was deleted");
		}
		return message;
	}

	/**
	 * A post's outcome: the message, and whether an earlier post with the key made it.
	 */
	public record Posted(ChatMessage message, boolean replayed) {
	}

	private record Target(ChatMessage message, Access access) {
	}

}
