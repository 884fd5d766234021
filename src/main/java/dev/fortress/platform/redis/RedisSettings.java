package dev.fortress.platform.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis for scale-out ({@code fortress.redis.*}; {@code FORTRESS_REDIS_URL}): rate-limit
 * buckets shared by every instance and messages between instances. Empty url: every
 * instance keeps its own.
 *
 * @param url {@code redis://[:password@]host:port[/db]}, or {@code rediss://} for TLS
 * @param timeout a command's timeout (and the connection handshake's): a request waits at
 * most this for Redis, once per back-off period
 * @param connectTimeout how long a background connection attempt may take
 * @param backoff after a failure, how long Redis is not asked at all (then one caller
 * tries again)
 */
@ConfigurationProperties("fortress.redis")
public record RedisSettings(String url, Duration timeout, Duration connectTimeout, Duration backoff) {

	public RedisSettings {
		url = url == null ? "" : url.trim();
		timeout = timeout == null ? Duration.ofMillis(150) : timeout;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
		backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
	}

	/**
	 * Settings for {@code url} with the defaults (tests, and a second instance in one
	 * JVM).
	 */
	public static RedisSettings of(String url) {
		return new RedisSettings(url, null, null, null);
	}

	/** The url fit for a log line: its password replaced. */
	String urlWithoutPassword() {
		return this.url.replaceAll("//[^@/]*@", "//***@");
	}

}
