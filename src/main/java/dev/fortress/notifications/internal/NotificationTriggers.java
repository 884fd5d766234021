package dev.fortress.notifications.internal;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.fortress.chat.MembersMentioned;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.PasswordChanged;
import dev.fortress.identity.UserSummary;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.PaymentRefunded;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.EventConsumer;
import dev.fortress.tasks.CommentAdded;
import dev.fortress.tasks.TaskChanged;
import dev.fortress.tasks.TaskCreated;

/**
 * Which events tell whom what. Each listener is its own delivery in the event publication
 * registry, retried and dead-lettered on its own.
 */
@Component
class NotificationTriggers {

	private static final Set<String> PAYMENT_FAILURES = Set.of("PAYMENT_DECLINED", "PAYMENT_UNAVAILABLE",
			"PAYMENT_NOT_CAPTURED");

	private static final int EXCERPT_LENGTH = 280;

	private final Notifier notifier;

	private final IdentityApi identity;

	NotificationTriggers(Notifier notifier, IdentityApi identity) {
		this.notifier = notifier;
		this.identity = identity;
	}

	@EventConsumer
	void on(OrderPaid event) {
		this.notifier.tell(event, List.of(new Notice(event.userId(), Kind.ORDER_CONFIRMED, order(event.orderId()),
				Map.of("orderRef", ref(event.orderId()), "total", format(event.total()), "action", "See your order"))));
	}

	@EventConsumer
	void on(OrderCancelled event) {
		if (!PAYMENT_FAILURES.contains(event.reason())) {
			return;
		}
		long total = event.lines().stream().mapToLong((line) -> line.unitPrice().amount() * line.quantity()).sum();
		String currency = event.lines().isEmpty() ? "USD" : event.lines().get(0).unitPrice().currency();
		this.notifier.tell(event,
				List.of(new Notice(event.userId(), Kind.PAYMENT_FAILED, order(event.orderId()),
						Map.of("orderRef", ref(event.orderId()), "total", format(new Money(total, currency)), "reason",
								reason(event.reason()), "action", "See your order"))));
	}

	@EventConsumer
	void on(PaymentRefunded event) {
		this.notifier.tell(event, List.of(new Notice(event.userId(), Kind.REFUND_ISSUED, order(event.orderId()), Map
			.of("orderRef", ref(event.orderId()), "total", format(event.amount()), "action", "See your order"))));
	}

	@EventConsumer
	void on(PasswordChanged event) {
		this.notifier.tell(event, List
			.of(new Notice(event.userId(), Kind.PASSWORD_CHANGED, "/account", Map.of("action", "Open your account"))));
	}

	@EventConsumer
	void on(TaskCreated event) {
		if (event.assigneeId() != null && !event.assigneeId().equals(event.createdBy())) {
			this.notifier.tell(event, List
				.of(assigned(event.assigneeId(), event.createdBy(), event.projectId(), event.taskId(), event.title())));
		}
	}

	@EventConsumer
	void on(TaskChanged event) {
		if (event.newlyAssigned() && !event.assigneeId().equals(event.changedBy())) {
			this.notifier.tell(event, List
				.of(assigned(event.assigneeId(), event.changedBy(), event.projectId(), event.taskId(), event.title())));
		}
	}

	@EventConsumer
	void on(CommentAdded event) {
		if (event.mentionedUserIds().isEmpty()) {
			return;
		}
		String actor = name(event.authorId());
		String excerpt = (event.body().length() > EXCERPT_LENGTH) ? event.body().substring(0, EXCERPT_LENGTH) + "…"
				: event.body();
		List<Notice> notices = new ArrayList<>();
		for (UUID mentioned : event.mentionedUserIds()) {
			notices.add(new Notice(mentioned, Kind.MENTIONED, task(event.projectId(), event.taskId()), Map.of("actor",
					actor, "taskTitle", event.taskTitle(), "excerpt", excerpt, "action", "Open the task")));
		}
		this.notifier.tell(event, notices);
	}

	@EventConsumer
	void on(MembersMentioned event) {
		String actor = name(event.authorId());
		String excerpt = (event.text().length() > EXCERPT_LENGTH) ? event.text().substring(0, EXCERPT_LENGTH) + "…"
				: event.text();
		String link = "/chat/channels/" + event.channelId() + "?message=" + event.messageId();
		List<Notice> notices = new ArrayList<>();
		for (UUID mentioned : event.mentionedUserIds()) {
			notices.add(new Notice(mentioned, Kind.CHAT_MENTIONED, link, Map.of("actor", actor, "channelName",
					event.channelName(), "excerpt", excerpt, "action", "Open the conversation")));
		}
		this.notifier.tell(event, notices);
	}

	private Notice assigned(UUID assignee, UUID actor, UUID projectId, UUID taskId, String title) {
		return new Notice(assignee, Kind.TASK_ASSIGNED, task(projectId, taskId),
				Map.of("actor", name(actor), "taskTitle", title, "action", "Open the task"));
	}

	private String name(UUID userId) {
		return this.identity.findUser(userId).map(UserSummary::displayName).orElse("Someone");
	}

	private static String order(UUID orderId) {
		return "/orders/" + orderId;
	}

	private static String task(UUID projectId, UUID taskId) {
		return "/projects/" + projectId + "/tasks/" + taskId;
	}

	/** The short reference people read: the id's last 8 characters, upper case. */
	static String ref(UUID orderId) {
		String id = orderId.toString();
		return id.substring(id.length() - 8).toUpperCase(java.util.Locale.ROOT);
	}

	static String format(Money money) {
		int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
		return money.currency() + " " + java.math.BigDecimal.valueOf(money.amount(), digits).toPlainString();
	}

	private static String reason(String code) {
		return switch (code) {
			case "PAYMENT_DECLINED" -> "the card was declined";
			case "PAYMENT_UNAVAILABLE" -> "the payment provider could not be reached";
			default -> "the payment was not captured";
		};
	}

}
