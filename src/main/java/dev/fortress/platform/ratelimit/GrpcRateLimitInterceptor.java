package dev.fortress.platform.ratelimit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The rate limit of gRPC calls: the same {@code api} bucket as REST
 * ({@code FORTRESS_RATE_LIMIT_API} per minute), per user when the call carries a token
 * that verifies, per client IP otherwise, so a user's REST requests and gRPC calls spend
 * one budget. A refusal is {@code RESOURCE_EXHAUSTED} with the problem type
 * {@code rate-limited} and a {@code RetryInfo}. The health and reflection services are
 * not limited, as the HTTP health probes are not.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class GrpcRateLimitInterceptor implements ServerInterceptor {

	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Set<String> EXEMPT_SERVICES = Set.of("grpc.health.v1.Health",
			"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

	private final RateLimiter limiter;

	private final RateLimitPolicy policy;

	private final ObjectProvider<RequestPrincipalResolver> principals;

	GrpcRateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties,
			ObjectProvider<RequestPrincipalResolver> principals) {
		this.limiter = limiter;
		this.policy = properties.apiPolicy();
		this.principals = principals;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (EXEMPT_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		String key = principal(headers.get(AUTHORIZATION)).map(user -> "user:" + user)
			.orElseGet(() -> "ip:" + address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
		RateLimiter.Decision decision = this.limiter.tryConsume(key, this.policy);
		if (!decision.allowed()) {
			throw new ApiException(ProblemType.RATE_LIMITED, "Rate limit exceeded; retry later", java.util.List.of(),
					decision.retryAfter());
		}
		return next.startCall(call, headers);
	}

	private Optional<String> principal(@Nullable String authorization) {
		if (authorization == null) {
			return Optional.empty();
		}
		RequestPrincipalResolver resolver = this.principals.getIfAvailable();
		return resolver != null ? resolver.verifiedPrincipal(authorization) : Optional.empty();
	}

	/** The peer's IP, as REST keys anonymous callers by {@code getRemoteAddr()}. */
	private static String address(@Nullable SocketAddress remote) {
		if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return inet.getAddress().getHostAddress();
		}
		return String.valueOf(remote);
	}

}
