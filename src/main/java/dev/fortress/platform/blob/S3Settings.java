package dev.fortress.platform.blob;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The object store, bound from {@code fortress.blob.s3.*} ({@code FORTRESS_S3_ENDPOINT},
 * {@code FORTRESS_S3_BUCKET}, {@code FORTRESS_S3_ACCESS_KEY},
 * {@code FORTRESS_S3_SECRET_KEY}, {@code FORTRESS_S3_REGION}). An empty endpoint is AWS
 * itself; empty keys use the SDK's default credentials chain (instance roles and the
 * like). Path-style addressing, which every S3-compatible server understands.
 */
@ConfigurationProperties("fortress.blob.s3")
record S3Settings(String endpoint, String bucket, String accessKey, String secretKey, String region) {

	S3Settings {
		endpoint = endpoint == null ? "" : endpoint.trim();
		bucket = bucket == null ? "" : bucket.trim();
		accessKey = accessKey == null ? "" : accessKey.trim();
		secretKey = secretKey == null ? "" : secretKey;
		region = region == null || region.isBlank() ? "us-east-1" : region.trim();
	}

}
