package dev.fortress.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Lets a gate that refuses a request before it is dispatched give the router's answer
 * when there is nothing to authenticate for: {@code 404} when no handler has the path,
 * {@code 405} with {@code Allow} when handlers have the path but not the method. A
 * {@code 401} for {@code DELETE /api/v1/auth/login} or for a mistyped path would send the
 * client after its token when its request is what is wrong.
 * <p>
 * It only chooses the status of a refusal that is already decided, so it can never let a
 * request through: the route table it reveals is the public OpenAPI document.
 */
@Component
public class UnroutableRequests {

	private final HandlerMappingIntrospector router;

	private final Problems problems;

	UnroutableRequests(HandlerMappingIntrospector router, Problems problems) {
		this.router = router;
		this.problems = problems;
	}

	/**
	 * Writes {@code 404} or {@code 405} if no handler serves the request and returns
	 * {@code true}; writes nothing and returns {@code false} if one does (or if that
	 * cannot be told).
	 */
	public boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		try {
			if (hasHandler(request)) {
				return false;
			}
			this.problems.write(response, ProblemExceptionHandler.noRoute(request), null);
		}
		catch (HttpRequestMethodNotSupportedException ex) {
			ex.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
			this.problems.write(response, ProblemExceptionHandler.notAllowed(ex, request), null);
		}
		catch (Exception ex) {
			// A handler matched but refused the request for another reason (a media type,
			// a parameter): it exists, so the refusal stands as it is.
			return false;
		}
		return true;
	}

	/** The handler lookup of the dispatcher servlet, without dispatching. */
	private boolean hasHandler(HttpServletRequest request) throws Exception {
		if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		for (HandlerMapping mapping : this.router.getHandlerMappings()) {
			if (mapping.getHandler(request) != null) {
				return true;
			}
		}
		return false;
	}

}
