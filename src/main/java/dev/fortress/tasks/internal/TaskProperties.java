package dev.fortress.tasks.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TaskForge settings, bound from {@code fortress.tasks}.
 *
 * @param store which task store to use ({@code FORTRESS_TASK_STORE=jdbc|memory})
 * @param exports the export workers and how long files are kept
 */
@ConfigurationProperties("fortress.tasks")
public record TaskProperties(Store store, Exports exports) {

	public TaskProperties {
		store = store == null ? Store.JDBC : store;
		exports = exports == null ? new Exports(0, null, null) : exports;
	}

	/** The task store strategies. */
	public enum Store {

		JDBC, MEMORY

	}

	/**
	 * @param workers size of the bounded worker pool (default 2)
	 * @param expiry how long a finished file stays downloadable (default 24h)
	 * @param pollInterval how often workers look for queued jobs (default 5s)
	 */
	public record Exports(int workers, Duration expiry, Duration pollInterval) {

		public Exports {
			workers = workers <= 0 ? 2 : workers;
			expiry = expiry == null ? Duration.ofHours(24) : expiry;
			pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		}

	}

}
