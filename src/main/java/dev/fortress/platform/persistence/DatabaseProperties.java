package dev.fortress.platform.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The database to use. A blank {@code url} means the embedded PostgreSQL under the data
 * directory; otherwise an external PostgreSQL ({@code FORTRESS_DB_URL} and friends).
 */
@ConfigurationProperties("fortress.db")
public record DatabaseProperties(String url, String user, String password, int poolSize) {

	public DatabaseProperties {
		user = user == null ? "postgres" : user;
		password = password == null ? "" : password;
		poolSize = poolSize < 2 ? 10 : poolSize;
	}

	boolean embedded() {
		return !StringUtils.hasText(url);
	}

}
