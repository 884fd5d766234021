package dev.fortress.realtime.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.fortress.notifications.NotificationCreated;

/**
 * A stored notification goes to its user's {@code /user/queue/notifications}, on every
 * instance, once it is committed; in the shape of the items of
 * {@code GET /api/v1/me/notifications}.
 */
@Component
class NotificationFeed {

	static final String QUEUE = "/queue/notifications";

	private final LiveFeed feed;

	NotificationFeed(LiveFeed feed) {
		this.feed = feed;
	}

	@EventListener
	void on(NotificationCreated event) {
		LiveNotification notification = new LiveNotification(event.id(), event.kind(), event.subject(), event.body(),
				event.link(), event.createdAt(), null);
		AfterCommit.run(() -> this.feed.publishToUser(event.userId(), QUEUE, notification));
	}

	/** An item of {@code GET /api/v1/me/notifications}, unread. */
	record LiveNotification(UUID id, String kind, String subject, String body, String link, Instant createdAt,
			@Nullable Instant readAt) {
	}

}
