package dev.fortress.platform.grpc;

import io.grpc.StatusException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

/**
 * Spring gRPC's exception handling asks this first: a handler's failure becomes the
 * status {@link GrpcProblems} gives it, with the call's request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GrpcProblemHandler implements GrpcExceptionHandler {

	@Override
	public StatusException handleException(Throwable exception) {
		io.grpc.StatusRuntimeException answer = GrpcProblems.toStatus(exception, GrpcCalls.requestId());
		return new StatusException(answer.getStatus(), answer.getTrailers());
	}

}
