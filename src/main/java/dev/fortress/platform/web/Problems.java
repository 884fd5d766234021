package dev.fortress.platform.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem details the one way the API promises: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code requestId} and,
 * for invalid input, {@code errors}. Used by the MVC exception handler and by servlet
 * filters that answer before a controller is reached.
 */
@Component
public class Problems {

	/**
	 * What an echoed path may contain; compiled once (String.replaceAll compiles it on
	 * every problem, a refused checkout's cost among them).
	 */
	private static final Pattern UNSAFE_IN_INSTANCE = Pattern.compile("[^A-Za-z0-9/._~%-]");

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	public static ProblemDetail of(ProblemType type, @Nullable String detail, HttpServletRequest request) {
		return of(type, detail, List.of(), request);
	}

	public static ProblemDetail of(ProblemType type, @Nullable String detail, List<ApiException.FieldError> errors,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(type.status());
		problem.setType(type.uri());
		problem.setTitle(type.title());
		problem.setDetail(detail != null ? detail : type.title());
		problem.setInstance(URI.create(instancePath(request)));
		problem.setProperty("requestId", RequestIdFilter.currentRequestId(request));
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/** Writes a problem straight to the servlet response, for filters. */
	public void write(HttpServletResponse response, ProblemDetail problem, @Nullable Duration retryAfter)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}
		this.json.writeValue(response.getOutputStream(), asMap(problem));
	}

	static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", String.valueOf(problem.getInstance()));
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	private static String instancePath(HttpServletRequest request) {
		Object original = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = original != null ? original.toString() : request.getRequestURI();
		// The path is echoed back: keep it a valid, harmless URI reference.
		return UNSAFE_IN_INSTANCE.matcher(path).replaceAll("_");
	}

}
