package dev.fortress.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification was stored for a user, published in the transaction that stored it.
 * Carries the fields of an item of {@code GET /api/v1/me/notifications} so a live view
 * can show it without reading it back. Not a {@code DomainEvent}: nothing is delivered
 * reliably from it (the e-mail and the stored copy are the record), it only lets an open
 * screen learn sooner.
 */
public record NotificationCreated(UUID userId, UUID id, String kind, String subject, String body, String link,
		Instant createdAt) {
}
