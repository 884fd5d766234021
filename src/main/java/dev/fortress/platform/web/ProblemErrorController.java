package dev.fortress.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel error page: whatever reaches the servlet container's
 * error dispatch (a failure in a filter, a rejected request) is answered with
 * problem+json too. Hidden from the OpenAPI document: it is the container's fallback, not
 * an operation clients call, and a client that calls it anyway is told there is nothing
 * here, like at any other unknown path (not a 500 for a failure that never happened).
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return ResponseEntity.status(ProblemType.NOT_FOUND.status()).body(ProblemExceptionHandler.noRoute(request));
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer value ? value : 500;
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ProblemType type = ProblemType.forStatus(status);
		String detail = type.title();
		if (status >= 500) {
			log.error("Unhandled failure [requestId={}]", RequestIdFilter.currentRequestId(request), failure);
			type = ProblemType.INTERNAL_ERROR;
			detail = "An unexpected error occurred";
			status = 500;
		}
		ProblemDetail problem = Problems.of(type, detail, request);
		problem.setStatus(status);
		return ResponseEntity.status(status).body(problem);
	}

}
