package dev.fortress.platform.blob;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.config.FortressProperties;

import static org.assertj.core.api.Assertions.assertThat;

class BlobStoreConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, BlobStoreConfiguration.class);

	@Test
	void theDataDirectoryByDefault() {
		this.runner.withPropertyValues("fortress.data-dir=target/blob-config-test")
			.run(context -> assertThat(context).getBean(BlobStore.class).isInstanceOf(FileSystemBlobStore.class));
	}

	@Test
	void anS3BucketWhenOneIsConfigured() {
		this.runner
			.withPropertyValues("fortress.blob.s3.bucket=attachments", "fortress.blob.s3.endpoint=http://127.0.0.1:9",
					"fortress.blob.s3.access-key=k", "fortress.blob.s3.secret-key=s")
			.run(context -> assertThat(context).getBean(BlobStore.class).isInstanceOf(S3BlobStore.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ FortressProperties.class, S3Settings.class })
	static class Properties {

	}

}
