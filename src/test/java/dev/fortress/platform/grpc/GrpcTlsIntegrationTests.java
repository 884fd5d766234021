package dev.fortress.platform.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import fortress.drop.v1.Drop;
import fortress.drop.v1.DropProto;
import fortress.drop.v1.GetDropRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.support.GrpcClient;
import dev.fortress.support.GrpcIntegrationTest;

import static dev.fortress.support.GrpcClient.assertProblem;
import static dev.fortress.support.GrpcClient.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS on the gRPC port by configuration only, as docs/grpc.md describes it: an SSL bundle
 * named in {@code spring.grpc.server.ssl.bundle}. Its own context, with a self-signed
 * certificate for localhost made by the JDK's keytool.
 */
@TestPropertySource(properties = { "spring.grpc.server.ssl.bundle=grpc",
		"spring.ssl.bundle.jks.grpc.keystore.type=PKCS12", "spring.ssl.bundle.jks.grpc.keystore.password=changeit" })
class GrpcTlsIntegrationTests extends GrpcIntegrationTest {

	private static final MethodDescriptor<GetDropRequest, Drop> GET_DROP = ProtoService
		.of(DropProto.getDescriptor(), "DropService")
		.method("GetDrop");

	private static Path certificate;

	@DynamicPropertySource
	static void keystore(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("fortress-grpc-tls");
		Path keystore = dir.resolve("grpc.p12");
		certificate = dir.resolve("grpc.crt");
		keytool("-genkeypair", "-alias", "grpc", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "grpc", "-keystore", keystore.toString(), "-storepass", "changeit",
				"-file", certificate.toString());
		registry.add("spring.ssl.bundle.jks.grpc.keystore.location", () -> "file:" + keystore);
	}

	@Test
	void aClientTrustingTheCertificateIsServedAndAPlaintextOneIsNot() throws Exception {
		ManagedChannel tls = NettyChannelBuilder.forAddress("localhost", grpcPort())
			.sslContext(GrpcSslContexts.forClient().trustManager(certificate.toFile()).build())
			.build();
		GetDropRequest unknown = GetDropRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
		try {
			assertProblem(
					failure(() -> ClientCalls.blockingUnaryCall(tls, GET_DROP,
							CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), unknown)),
					Status.Code.NOT_FOUND, "not-found");
		}
		finally {
			tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		try (GrpcClient plaintext = new GrpcClient(grpcPort())) {
			StatusRuntimeException refused = failure(() -> plaintext.call(GET_DROP, unknown));
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		}
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
	}

}
