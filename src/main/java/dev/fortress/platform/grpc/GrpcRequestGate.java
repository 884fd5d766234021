package dev.fortress.platform.grpc;

import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.RequestIdFilter;

/**
 * The first gate of every gRPC call, as {@link RequestIdFilter} is for HTTP: the call
 * gets a request id (the client's {@code x-request-id} when it is sane), echoed in the
 * response headers (or trailers, for an answer without headers), put in the log context
 * and in every error's {@code ErrorInfo}. It is also the last net: whatever a later
 * interceptor or a handler throws (a bad token, a rate-limit refusal, a bug) closes the
 * call with the status {@link GrpcProblems} gives it, never with a stack trace.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
class GrpcRequestGate implements ServerInterceptor {

	static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String id = RequestIdFilter.sanitize(headers.get(REQUEST_ID));
		Answering<Q, R> answering = new Answering<>(call, id);
		Context context = Context.current().withValue(GrpcCalls.REQUEST_ID, id);
		Context previous = context.attach();
		MDC.put("requestId", id);
		try {
			return new Guarded<>(next.startCall(answering, headers), answering, context);
		}
		catch (RuntimeException ex) {
			answering.fail(ex);
			return new ServerCall.Listener<>() {
			};
		}
		finally {
			MDC.remove("requestId");
			context.detach(previous);
		}
	}

	/** The call as handlers see it: echoes the request id and is closed once. */
	private static final class Answering<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

		private final String id;

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile boolean headersSent;

		Answering(ServerCall<Q, R> call, String id) {
			super(call);
			this.id = id;
		}

		@Override
		public void sendHeaders(Metadata headers) {
			headers.put(REQUEST_ID, this.id);
			this.headersSent = true;
			super.sendHeaders(headers);
		}

		@Override
		public void close(Status status, Metadata trailers) {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			if (!this.headersSent) {
				trailers.put(REQUEST_ID, this.id);
			}
			super.close(status, trailers);
		}

		void fail(Throwable failure) {
			io.grpc.StatusRuntimeException answer = GrpcProblems.toStatus(failure, this.id);
			Metadata trailers = answer.getTrailers();
			close(answer.getStatus(), trailers != null ? trailers : new Metadata());
		}

	}

	/** Runs every callback in the call's context and turns what escapes into a status. */
	private static final class Guarded<Q, R>
			extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

		private final Answering<Q, R> call;

		private final Context context;

		Guarded(ServerCall.Listener<Q> delegate, Answering<Q, R> call, Context context) {
			super(delegate);
			this.call = call;
			this.context = context;
		}

		@Override
		public void onMessage(Q message) {
			run(() -> super.onMessage(message));
		}

		@Override
		public void onHalfClose() {
			run(super::onHalfClose);
		}

		@Override
		public void onCancel() {
			run(super::onCancel);
		}

		@Override
		public void onComplete() {
			run(super::onComplete);
		}

		@Override
		public void onReady() {
			run(super::onReady);
		}

		private void run(Runnable callback) {
			Context previous = this.context.attach();
			MDC.put("requestId", this.call.id);
			try {
				callback.run();
			}
			catch (RuntimeException ex) {
				this.call.fail(ex);
			}
			finally {
				MDC.remove("requestId");
				this.context.detach(previous);
			}
		}

	}

}
