package dev.fortress.chat.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event of a message's history as its readers see it. Once the message is deleted,
 * its earlier texts and attachments are no longer shown (they stay in the log).
 */
public record HistoryEntry(long seq, String type, UUID actorId, Instant createdAt, @Nullable String text,
		@Nullable UUID parentId, @Nullable List<UUID> attachmentIds, @Nullable String emoji) {

	static HistoryEntry of(LoggedEvent event, boolean redacted) {
		LoggedEvent.Payload payload = event.payload();
		return new HistoryEntry(event.seq(), event.type().slug(), event.actorId(), event.createdAt(),
				redacted ? null : payload.text(), payload.parentId(), redacted ? null : payload.attachmentIds(),
				payload.emoji());
	}

}
