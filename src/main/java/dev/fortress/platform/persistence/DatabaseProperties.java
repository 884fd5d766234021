package dev.fortress.platform.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The database to use. A blank {@code url} means the embedded PostgreSQL under the data
 * directory; otherwise an external PostgreSQL ({@code FORTRESS_DB_URL} and friends). The
 * pool keeps {@code minIdle} connections open (all of them by default, ready for a
 * burst). {@code allowEmbedded} ({@code FORTRESS_ALLOW_EMBEDDED_DB}) lets the
 * {@code prod} profile run on the embedded PostgreSQL, which it otherwise refuses.
 */
@ConfigurationProperties("fortress.db")
public record DatabaseProperties(String url, String user, String password, int poolSize, int minIdle,
		boolean allowEmbedded) {

	public DatabaseProperties {
		user = user == null ? "postgres" : user;
		password = password == null ? "" : password;
		poolSize = poolSize < 2 ? 10 : poolSize;
		minIdle = minIdle < 1 || minIdle > poolSize ? poolSize : minIdle;
	}

}
