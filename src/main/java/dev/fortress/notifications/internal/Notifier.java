package dev.fortress.notifications.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.ProcessedEvents;

/**
 * Tells people about an event, in the transaction of the event's delivery: claims the
 * event (a redelivered event tells no one twice), stores each in-app notification and
 * sends its e-mail. When a send fails, the whole delivery rolls back and is retried, then
 * dead-lettered and replayable: a message is never lost. A message can be sent twice if
 * the transaction fails after the send (at least once, like every delivery); its
 * {@code Message-ID} is the notification's id, so a mail client can tell.
 */
@Component
class Notifier {

	static final String CONSUMER = "notifications";

	private final ProcessedEvents processed;

	private final IdentityApi identity;

	private final Templates templates;

	private final Mailer mailer;

	private final NotificationsProperties properties;

	private final NotificationInbox inbox;

	Notifier(ProcessedEvents processed, IdentityApi identity, Templates templates, Mailer mailer,
			NotificationsProperties properties, NotificationInbox inbox) {
		this.processed = processed;
		this.identity = identity;
		this.templates = templates;
		this.mailer = mailer;
		this.properties = properties;
		this.inbox = inbox;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void tell(DomainEvent event, List<Notice> notices) {
		if (notices.isEmpty() || !this.processed.firstDelivery(CONSUMER, event)) {
			return;
		}
		for (Notice notice : notices) {
			Optional<UserSummary> user = this.identity.findUser(notice.userId()).filter((found) -> !found.disabled());
			if (user.isEmpty()) {
				continue;
			}
			String link = this.properties.baseUrl().replaceAll("/+$", "") + notice.path();
			Map<String, Object> model = new HashMap<>(notice.model());
			model.put("name", user.get().displayName());
			model.put("link", link);
			Message message = this.templates.render(notice.kind(), model);
			UUID id = this.inbox.add(notice.userId(), notice.kind(), message, link, event.metadata().id()).id();
			this.mailer.send(new Mailer.Envelope(id, user.get().email(), user.get().displayName(), message));
		}
	}

}
