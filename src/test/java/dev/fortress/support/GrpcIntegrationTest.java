package dev.fortress.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * An {@link IntegrationTest} that also calls the application's gRPC server (on the free
 * port the test configuration gives it) through a real channel, opened for each test.
 */
public abstract class GrpcIntegrationTest extends IntegrationTest {

	@Autowired
	private GrpcServerLifecycle grpcServer;

	protected GrpcClient grpc;

	@BeforeEach
	void openGrpc() {
		this.grpc = new GrpcClient(grpcPort());
	}

	@AfterEach
	void closeGrpc() throws InterruptedException {
		this.grpc.close();
	}

	protected int grpcPort() {
		return this.grpcServer.getPort();
	}

}
