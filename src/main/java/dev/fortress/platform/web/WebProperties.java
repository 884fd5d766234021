package dev.fortress.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP edge settings: browser origins allowed by CORS ({@code FORTRESS_CORS_ORIGINS}) and
 * the largest request body accepted.
 */
@ConfigurationProperties("fortress.http")
public record WebProperties(List<String> corsOrigins, DataSize maxBodySize) {

	public WebProperties {
		corsOrigins = corsOrigins == null ? List.of()
				: corsOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
	}

}
