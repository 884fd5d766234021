package dev.fortress.support;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real gRPC channel (HTTP/2 over TCP, plaintext) to the application under test, with
 * helpers to send metadata and to read the rich error details Fortress puts in a failed
 * call's trailers.
 */
public final class GrpcClient implements AutoCloseable {

	public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	public static final Metadata.Key<String> IDEMPOTENCY_KEY = Metadata.Key.of("idempotency-key",
			Metadata.ASCII_STRING_MARSHALLER);

	public static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);

	private final ManagedChannel channel;

	public GrpcClient(int port) {
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	public ManagedChannel channel() {
		return this.channel;
	}

	/** Metadata with a bearer token (or none for {@code null}). */
	public static Metadata bearer(String token) {
		Metadata metadata = new Metadata();
		if (token != null) {
			metadata.put(AUTHORIZATION, "Bearer " + token);
		}
		return metadata;
	}

	public <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
		return call(method, request, new Metadata(), DEFAULT_DEADLINE);
	}

	public <Q, R> R call(MethodDescriptor<Q, R> method, Q request, Metadata headers) {
		return call(method, request, headers, DEFAULT_DEADLINE);
	}

	public <Q, R> R call(MethodDescriptor<Q, R> method, Q request, Metadata headers, Duration deadline) {
		return ClientCalls.blockingUnaryCall(
				ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(headers)), method,
				CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), request);
	}

	public <Q, R> Iterator<R> stream(MethodDescriptor<Q, R> method, Q request, Metadata headers, Duration deadline) {
		return ClientCalls.blockingServerStreamingCall(
				ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(headers)), method,
				CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), request);
	}

	/** The failure of a call that must fail. */
	public static StatusRuntimeException failure(Runnable call) {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call::run);
		assertThat(failure).as("the call should have failed").isNotNull();
		return failure;
	}

	/**
	 * Asserts the code and the problem type slug of the {@code ErrorInfo}, and that the
	 * message and details carry no stack trace; returns the {@code ErrorInfo}.
	 */
	public static ErrorInfo assertProblem(StatusRuntimeException failure, Status.Code code, String slug) {
		assertThat(failure.getStatus().getCode()).as(failure.toString()).isEqualTo(code);
		com.google.rpc.Status status = StatusProto.fromThrowable(failure);
		assertThat(status).as("rich error details in the trailers").isNotNull();
		assertThat(status.getMessage()).doesNotContain("Exception", "\tat ");
		ErrorInfo info = detail(status, ErrorInfo.class);
		assertThat(info.getReason()).isEqualTo(slug);
		assertThat(info.getDomain()).isEqualTo("fortress.dev");
		assertThat(info.getMetadataMap()).containsKey("requestId");
		return info;
	}

	public static BadRequest badRequest(StatusRuntimeException failure) {
		return detail(StatusProto.fromThrowable(failure), BadRequest.class);
	}

	public static <T extends com.google.protobuf.Message> T detail(com.google.rpc.Status status, Class<T> type) {
		try {
			for (com.google.protobuf.Any any : status.getDetailsList()) {
				if (any.is(type)) {
					return any.unpack(type);
				}
			}
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AssertionError(ex);
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + status);
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}
