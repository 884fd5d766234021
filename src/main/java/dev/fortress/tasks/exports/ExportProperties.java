package dev.fortress.tasks.exports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The export workers and how long files are kept, bound from
 * {@code fortress.tasks.exports}.
 *
 * @param workers size of the bounded worker pool (default 2)
 * @param expiry how long a finished file stays downloadable (default 24h)
 * @param pollInterval how often workers look for queued jobs (default 5s)
 * @param lease how long a claimed job belongs to its instance without a sign of life
 * (progress renews it); after that any instance takes it over (default 2m)
 */
@ConfigurationProperties("fortress.tasks.exports")
record ExportProperties(int workers, Duration expiry, Duration pollInterval, Duration lease) {

	ExportProperties {
		workers = workers <= 0 ? 2 : workers;
		expiry = expiry == null ? Duration.ofHours(24) : expiry;
		pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		lease = lease == null ? Duration.ofMinutes(2) : lease;
	}

}
