package dev.fortress.platform.grpc;

import io.grpc.Context;
import io.grpc.Status;

/**
 * What a gRPC handler may ask about the call it serves: its request id, and whether the
 * client is still waiting for it.
 */
public final class GrpcCalls {

	static final Context.Key<String> REQUEST_ID = Context.key("fortress-request-id");

	private GrpcCalls() {
	}

	/** The call's request id (the client's {@code x-request-id} when it was sane). */
	public static String requestId() {
		String id = REQUEST_ID.get();
		return id != null ? id : "unknown";
	}

	/**
	 * Refuses to start work for a call that is over: its deadline passed or its client
	 * cancelled it (while it waited for a place at checkout, say). Nobody would read the
	 * answer, and work that claims an idempotency key or reserves stock must not start
	 * for nobody. Throws {@code DEADLINE_EXCEEDED} or {@code CANCELLED}.
	 */
	public static void requireLive() {
		Context context = Context.current();
		if (!context.isCancelled()) {
			return;
		}
		if (context.getDeadline() != null && context.getDeadline().isExpired()) {
			throw Status.DEADLINE_EXCEEDED.withDescription("The call's deadline passed before its work started")
				.asRuntimeException();
		}
		throw Status.CANCELLED.withDescription("The call was cancelled before its work started").asRuntimeException();
	}

}
