package dev.fortress.payments.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault shapes the sandbox cannot produce (connection refused, reset, rate limiting, a
 * provider that sits on the request), against a WireMock provider over real HTTP.
 */
class PspClientFaultTests {

	private static final String AUTHORIZED = """
			{"id":"pay_w1","status":"AUTHORIZED"}""";

	private WireMockServer provider;

	private SimpleMeterRegistry meters;

	@BeforeEach
	void start() {
		this.provider = new WireMockServer(options().dynamicPort());
		this.provider.start();
		this.meters = new SimpleMeterRegistry();
	}

	@AfterEach
	void stop() {
		this.provider.stop();
	}

	@Test
	void aResetConnectionIsRetriedWithTheSameIdempotencyKey() {
		this.provider.stubFor(post("/v1/payments").inScenario("reset")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("recovered"));
		this.provider.stubFor(post("/v1/payments").inScenario("reset")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withStatus(201).withBody(AUTHORIZED)));

		PspReply reply = client(this.provider.baseUrl()).authorize("order-1:authorize", 100, "EUR", "tok", "1");

		assertThat(reply).isInstanceOf(PspReply.Answered.class);
		assertThat(((PspReply.Answered) reply).status()).isEqualTo(201);
		this.provider.verify(2, postRequestedFor(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key",
				equalTo("order-1:authorize")));
	}

	@Test
	void rateLimitingIsRetriedAndThenReportedUnavailable() {
		this.provider.stubFor(post("/v1/payments").willReturn(aResponse().withStatus(429)));

		PspReply reply = client(this.provider.baseUrl()).authorize("order-2:authorize", 100, "EUR", "tok", "2");

		assertThat(reply).isInstanceOf(PspReply.Unreachable.class);
		this.provider.verify(3, postRequestedFor(urlEqualTo("/v1/payments")));
	}

	@Test
	void aReadTimeoutIsNotRetriedBecauseTheProviderMayStillBeWorking() {
		this.provider.stubFor(
				post("/v1/payments").willReturn(aResponse().withStatus(201).withBody(AUTHORIZED).withFixedDelay(1500)));

		long start = System.nanoTime();
		PspReply reply = client(this.provider.baseUrl()).authorize("order-3:authorize", 100, "EUR", "tok", "3");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply).isInstanceOf(PspReply.NoAnswer.class);
		assertThat(took).isLessThan(Duration.ofMillis(1200));
		this.provider.verify(1, postRequestedFor(urlEqualTo("/v1/payments")));
	}

	@Test
	void aDeclineIsAnAnswerAndIsNotRetried() {
		this.provider.stubFor(post("/v1/payments")
			.willReturn(aResponse().withStatus(402).withBody("{\"id\":\"pay_d\",\"status\":\"DECLINED\"}")));

		PspReply reply = client(this.provider.baseUrl()).authorize("order-4:authorize", 100, "EUR", "tok", "4");

		assertThat(((PspReply.Answered) reply).status()).isEqualTo(402);
		this.provider.verify(1, postRequestedFor(urlEqualTo("/v1/payments")));
	}

	@Test
	void aRefusedConnectionIsRetriedThenReportedUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		PspReply reply = client("http://127.0.0.1:" + closedPort).authorize("order-5:authorize", 100, "EUR", "tok",
				"5");

		assertThat(reply).isInstanceOf(PspReply.Unreachable.class);
		assertThat(this.meters.get("fortress.payments.psp.requests").tag("outcome", "connect_failed").timer().count())
			.isEqualTo(3);
	}

	@Test
	void anUnparseableAnswerDoesNotBreakTheClient() {
		this.provider.stubFor(post("/v1/payments").willReturn(aResponse().withStatus(201).withBody("<html>")));

		PspReply reply = client(this.provider.baseUrl()).authorize("order-6:authorize", 100, "EUR", "tok", "6");

		assertThat(((PspReply.Answered) reply).text("status")).isNull();
	}

	@Test
	void retriesStopWhenTheTimeBudgetIsSpent() {
		this.provider.stubFor(post("/v1/payments").willReturn(aResponse().withStatus(503).withFixedDelay(150)));

		PspReply reply = client(this.provider.baseUrl(), 10, Duration.ofMillis(500)).authorize("order-7:authorize", 100,
				"EUR", "tok", "7");

		assertThat(reply).isInstanceOf(PspReply.Unreachable.class);
		int requests = this.provider.findAll(postRequestedFor(urlEqualTo("/v1/payments"))).size();
		assertThat(requests).isBetween(2, 4);
	}

	private PspClient client(String baseUrl) {
		return client(baseUrl, 3, Duration.ofSeconds(3));
	}

	private PspClient client(String baseUrl, int maxAttempts, Duration budget) {
		PaymentsProperties properties = new PaymentsProperties(baseUrl + "/v1", "key", Duration.ofMillis(500),
				Duration.ofMillis(500), maxAttempts, Duration.ofMillis(20), Duration.ofMillis(50), budget,
				Duration.ofSeconds(5), null, null, null, null, null, null, null, null);
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.custom().minimumNumberOfCalls(100).build());
		CircuitOpenClock openClock = new CircuitOpenClock(breaker, Clock.systemUTC(), Duration.ofSeconds(10));
		return new PspClient(new PspEndpoint(properties.pspUrl(), "key"), properties, breaker, openClock,
				JsonMapper.builder().build(), this.meters);
	}

}
