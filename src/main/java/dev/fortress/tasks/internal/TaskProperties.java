package dev.fortress.tasks.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TaskForge's storage setting, bound from {@code fortress.tasks}.
 *
 * @param store which task store to use ({@code FORTRESS_TASK_STORE=jdbc|memory})
 */
@ConfigurationProperties("fortress.tasks")
record TaskProperties(Store store) {

	TaskProperties {
		store = store == null ? Store.JDBC : store;
	}

	/** The task store strategies. */
	enum Store {

		JDBC, MEMORY

	}

}
