package dev.fortress.realtime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import dev.fortress.chat.ChannelEvent;
import dev.fortress.chat.ChatApi;
import dev.fortress.chat.ChatMessage;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.web.ApiException;

/**
 * A stand-in for the chat module, so the WebSocket side of chat (subscribe rights,
 * posting, typing, presence) is tested on its own: channels are sets of members; a post
 * publishes the {@link ChannelEvent} the real module would.
 */
final class FakeChat implements ChatApi {

	private final Map<UUID, Set<UUID>> members = new ConcurrentHashMap<>();

	private final AtomicLong seq = new AtomicLong();

	private final ApplicationEventPublisher events;

	FakeChat(ApplicationEventPublisher events) {
		this.events = events;
	}

	UUID channel(UUID... memberIds) {
		UUID id = UUID.randomUUID();
		this.members.put(id, Set.of(memberIds));
		return id;
	}

	@Override
	public boolean canRead(UUID channelId, CurrentUser user) {
		return this.members.getOrDefault(channelId, Set.of()).contains(user.id());
	}

	@Override
	public Set<UUID> readableChannelIds(CurrentUser user) {
		return this.members.entrySet()
			.stream()
			.filter((channel) -> channel.getValue().contains(user.id()))
			.map(Map.Entry::getKey)
			.collect(java.util.stream.Collectors.toSet());
	}

	@Override
	public ChatMessage post(CurrentUser user, UUID channelId, String text, @Nullable UUID parentId,
			@Nullable String clientMessageId) {
		if (text.isBlank()) {
			throw ApiException.invalid("text", "must not be blank");
		}
		long next = this.seq.incrementAndGet();
		ChatMessage message = new ChatMessage(UUID.randomUUID(), channelId, user.id(), text, parentId, List.of(),
				Map.of(), next, 1, Instant.now(), null, false, null);
		this.events.publishEvent(
				new ChannelEvent(channelId, next, "posted", user.id(), message, EventMetadata.now(Clock.systemUTC())));
		return message;
	}

	@Override
	public Set<UUID> memberIds(UUID channelId) {
		return this.members.getOrDefault(channelId, Set.of());
	}

}
