package dev.fortress.platform.blob;

import java.io.IOException;
import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.config.FortressProperties;

/**
 * One {@link BlobStore} per instance: the data directory's {@code blobs} folder by
 * default, an S3-compatible bucket when {@code FORTRESS_S3_BUCKET} is set (every instance
 * of a scaled-out deployment then sees the same blobs).
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

	private static final String S3 = "!'${fortress.blob.s3.bucket:}'.isBlank()";

	@Bean
	@ConditionalOnExpression("'${fortress.blob.s3.bucket:}'.isBlank()")
	BlobStore fileSystemBlobStore(FortressProperties fortress) throws IOException {
		return new FileSystemBlobStore(fortress.dataDir().resolve("blobs"));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression(S3)
	S3Client blobS3Client(S3Settings settings) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(true)
			.credentialsProvider(settings.accessKey().isBlank() ? DefaultCredentialsProvider.builder().build()
					: StaticCredentialsProvider
						.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		if (!settings.endpoint().isBlank()) {
			builder.endpointOverride(URI.create(settings.endpoint()));
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnExpression(S3)
	BlobStore s3BlobStore(S3Client blobS3Client, S3Settings settings) {
		return new S3BlobStore(blobS3Client, settings.bucket());
	}

}
