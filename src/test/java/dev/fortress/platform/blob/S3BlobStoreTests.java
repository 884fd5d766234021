package dev.fortress.platform.blob;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract against a real S3-compatible server (S3Mock in its own JVM). */
class S3BlobStoreTests extends BlobStoreContract {

	private static S3MockProcess server;

	private static S3Client client;

	private static S3BlobStore store;

	@BeforeAll
	static void startServer() throws Exception {
		assumeTrue(S3MockProcess.available(), "S3Mock's jar is fetched by mvn generate-test-resources");
		server = S3MockProcess.start();
		client = server.client();
		client.createBucket(request -> request.bucket("fortress-test"));
		store = new S3BlobStore(client, "fortress-test");
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (client != null) {
			client.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Override
	BlobStore store() {
		return store;
	}

}
