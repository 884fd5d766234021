package dev.fortress.platform.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Fortress keeps its local state: the embedded database, generated keys, mail and
 * exports ({@code FORTRESS_DATA_DIR}, default {@code ./data}).
 */
@ConfigurationProperties("fortress")
public record FortressProperties(Path dataDir) {

	public FortressProperties {
		dataDir = dataDir == null ? Path.of("data") : dataDir;
	}

}
