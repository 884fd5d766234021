package dev.fortress.notifications.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.fortress.notifications.NotificationCreated;
import dev.fortress.platform.Ids;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/** A person's in-app notifications: the copies of what was e-mailed to them. */
@Service
public class NotificationInbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	NotificationInbox(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Stores a notification for the user, caused by the event {@code eventId}, and
	 * announces it ({@link NotificationCreated}) in the caller's transaction.
	 */
	Notification add(UUID userId, Kind kind, Message message, String link, UUID eventId) {
		Notification notification = new Notification(Ids.newId(), kind.name(), message.subject(), message.text(), link,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), null);
		this.jdbc.sql("""
				insert into notifications (id, user_id, kind, subject, body, link, event_id, created_at)
				values (:id, :user, :kind, :subject, :body, :link, :event, :at)
				""")
			.param("id", notification.id())
			.param("user", userId)
			.param("kind", notification.kind())
			.param("subject", notification.subject())
			.param("body", notification.body())
			.param("link", link)
			.param("event", eventId)
			.param("at", Timestamp.from(notification.createdAt()))
			.update();
		this.events.publishEvent(new NotificationCreated(userId, notification.id(), notification.kind(),
				notification.subject(), notification.body(), link, notification.createdAt()));
		return notification;
	}

	/** The newest first. */
	public CursorPage<Notification> list(UUID userId, @Nullable String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 1);
		var query = this.jdbc
			.sql("select id, kind, subject, body, link, created_at, read_at from notifications where user_id = :user"
					+ (after.isEmpty() ? "" : " and id < :after") + " order by id desc limit :limit")
			.param("user", userId)
			.param("limit", limit + 1);
		if (!after.isEmpty()) {
			query = query.param("after", Cursors.uuid(after.get(0)));
		}
		return CursorPage.of(query.query(Notification.class).list(), limit, (item) -> Cursors.encode(item.id()));
	}

	/**
	 * Marks one of the user's notifications read (again: the first time stays).
	 * @return empty when the user has no such notification
	 */
	public Optional<Notification> markRead(UUID userId, UUID id) {
		return this.jdbc.sql("""
				update notifications set read_at = coalesce(read_at, :now) where id = :id and user_id = :user
				returning id, kind, subject, body, link, created_at, read_at
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("user", userId)
			.query(Notification.class)
			.optional();
	}

	/**
	 * One notification.
	 *
	 * @param kind {@code ORDER_CONFIRMED}, {@code PAYMENT_FAILED}, {@code REFUND_ISSUED},
	 * {@code PASSWORD_CHANGED}, {@code TASK_ASSIGNED} or {@code MENTIONED}
	 * @param body the plain-text message
	 * @param link where in the web app it points
	 */
	public record Notification(UUID id, String kind, String subject, String body, String link, Instant createdAt,
			@Nullable Instant readAt) {
	}

}
