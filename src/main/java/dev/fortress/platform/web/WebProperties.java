package dev.fortress.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP edge settings: browser origins allowed by CORS ({@code FORTRESS_CORS_ORIGINS}),
 * the largest request body accepted, and the largest file a multipart upload may carry
 * ({@code FORTRESS_UPLOAD_MAX_BYTES}).
 */
@ConfigurationProperties("fortress.http")
public record WebProperties(List<String> corsOrigins, DataSize maxBodySize, DataSize maxUploadSize) {

	public WebProperties {
		corsOrigins = corsOrigins == null ? List.of()
				: corsOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
		maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(10) : maxUploadSize;
	}

}
