package dev.fortress.platform.ratelimit;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.rpc.RetryInfo;
import fortress.drop.v1.Drop;
import fortress.drop.v1.DropProto;
import fortress.drop.v1.GetDropRequest;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.platform.grpc.ProtoService;
import dev.fortress.support.GrpcClient;
import dev.fortress.support.GrpcIntegrationTest;

import static dev.fortress.support.GrpcClient.assertProblem;
import static dev.fortress.support.GrpcClient.bearer;
import static dev.fortress.support.GrpcClient.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * gRPC calls spend the same per-user bucket as REST requests (its own context: a bucket
 * of 4 a minute that nobody else drains).
 */
@TestPropertySource(properties = { "fortress.rate-limit.api=4" })
class GrpcRateLimitIntegrationTests extends GrpcIntegrationTest {

	private static final MethodDescriptor<GetDropRequest, Drop> GET_DROP = ProtoService
		.of(DropProto.getDescriptor(), "DropService")
		.method("GetDrop");

	@Test
	void aUsersGrpcCallsAndRestRequestsShareOneBucketAndHealthIsNotLimited() {
		LoggedIn user = loggedIn("EDITOR");
		GetDropRequest unknown = GetDropRequest.newBuilder().setId(UUID.randomUUID().toString()).build();
		assertThat(this.http.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
		for (int i = 0; i < 3; i++) {
			assertProblem(failure(() -> this.grpc.call(GET_DROP, unknown, bearer(user.accessToken()))),
					Status.Code.NOT_FOUND, "not-found");
		}
		StatusRuntimeException limited = failure(() -> this.grpc.call(GET_DROP, unknown, bearer(user.accessToken())));
		assertProblem(limited, Status.Code.RESOURCE_EXHAUSTED, "rate-limited");
		RetryInfo retry = GrpcClient.detail(StatusProto.fromThrowable(limited), RetryInfo.class);
		assertThat(retry.getRetryDelay().getSeconds()).isBetween(1L, 60L);
		assertThat(this.http.get("/api/v1/me").token(user.accessToken()).send().status())
			.as("REST spends the same bucket")
			.isEqualTo(429);

		assertThat(HealthGrpc.newBlockingStub(this.grpc.channel())
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

}
