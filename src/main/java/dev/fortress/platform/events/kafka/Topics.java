package dev.fortress.platform.events.kafka;

/**
 * How Kafka names are made from module names: the events of a module go to
 * {@code <prefix><module>} ({@code dev.fortress.orders.OrderPaid} →
 * {@code fortress.orders}), a module's consumers form the group {@code <prefix><module>},
 * and records a group could not process go to {@code <topic>.DLT}.
 */
final class Topics {

	static final String DEAD_LETTER_SUFFIX = ".DLT";

	private Topics() {
	}

	/** The module a class belongs to: the package after {@code dev.fortress}. */
	static String module(Class<?> type) {
		String[] parts = type.getName().split("\\.");
		return (parts.length > 3) ? parts[2] : "events";
	}

	static String deadLetters(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
