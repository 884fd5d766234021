package dev.fortress.platform.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directly written problem is the JSON that MVC's converter writes for the same
 * problem, byte for byte, whatever its detail contains.
 */
class ProblemsTests {

	/** What MVC's message converter uses for a {@link ProblemDetail}. */
	private final JsonMapper json = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "The drop is sold out", "quote \" backslash \\ slash /", "line\nbreak\ttab\u0001",
			"caf\u00e9 \u2603 \ud83d\ude00", "</script>" })
	void aSimpleProblemIsWhatTheConverterWrites(String detail) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
		request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-1:2.3");
		MockHttpServletResponse response = new MockHttpServletResponse();

		Problems.writeSimple(response, ProblemType.SOLD_OUT, detail, request);

		byte[] expected = this.json.writeValueAsBytes(Problems.of(ProblemType.SOLD_OUT, detail, request));
		assertThat(response.getContentAsByteArray()).isEqualTo(expected);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"requestId\":\"req-1:2.3\"");
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
	}

	/**
	 * In the order MVC's converter writes a problem (Jackson 3 sorts, properties last).
	 */
	@Test
	void theMembersAreInTheConvertersOrder() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
		request.setAttribute(RequestIdFilter.ATTRIBUTE, "r-1");
		MockHttpServletResponse response = new MockHttpServletResponse();

		Problems.writeSimple(response, ProblemType.SOLD_OUT, "The drop is sold out", request);

		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"detail\":\"The drop is sold out\",\"instance\":\"/api/v1/orders\",\"status\":409,"
					+ "\"title\":\"Sold out\",\"type\":\"https://fortress.dev/problems/sold-out\",\"requestId\":\"r-1\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/orders", "/api/v1/x\"y<z>", "/api/v1/caf\u00e9" })
	void theInstanceIsEchoedAsTheConverterWritesIt(String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		request.setAttribute(RequestIdFilter.ATTRIBUTE, "r");

		Problems.writeSimple(response, ProblemType.NOT_FOUND, null, request);

		assertThat(response.getContentAsByteArray())
			.isEqualTo(this.json.writeValueAsBytes(Problems.of(ProblemType.NOT_FOUND, null, request)));
	}

}
