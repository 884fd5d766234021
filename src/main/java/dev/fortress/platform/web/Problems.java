package dev.fortress.platform.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
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

	private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

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

	/**
	 * Writes a problem without field errors straight to the response, byte for byte the
	 * JSON that MVC's message converter writes for {@link #of}'s {@link ProblemDetail}
	 * (Jackson 3 sorts its members, the {@code requestId} property last): for the answers
	 * a flood is made of (a sold-out drop's {@code 409}), content negotiation and Jackson
	 * were most of the cost of refusing.
	 */
	public static void writeSimple(HttpServletResponse response, ProblemType type, @Nullable String detail,
			HttpServletRequest request) throws IOException {
		StringBuilder body = new StringBuilder(256).append("{\"detail\":\"");
		ENCODER.quoteAsString((detail != null) ? detail : type.title(), body);
		body.append("\",\"instance\":\"");
		ENCODER.quoteAsString(instancePath(request), body);
		body.append("\",\"status\":").append(type.status().value()).append(",\"title\":\"");
		ENCODER.quoteAsString(type.title(), body);
		body.append("\",\"type\":\"");
		ENCODER.quoteAsString(type.uri().toString(), body);
		body.append("\",\"requestId\":\"");
		ENCODER.quoteAsString(RequestIdFilter.currentRequestId(request), body);
		body.append("\"}");
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
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
