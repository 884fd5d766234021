package dev.fortress.notifications.internal;

import java.util.Locale;

/** What a notification is about; each kind has its two templates. */
enum Kind {

	ORDER_CONFIRMED, PAYMENT_FAILED, REFUND_ISSUED, PASSWORD_CHANGED, TASK_ASSIGNED, MENTIONED, CHAT_MENTIONED;

	String template() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
