package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** How provider answers map to charge results, against a WireMock provider. */
class ChargeFlowTests {

	private WireMockServer provider;

	private ChargeFlow flow;

	private final Payment payment = new Payment(UUID.randomUUID(), 100, "EUR", "tok_visa", "order-x",
			Payment.State.CHARGING, null, null, null, 0, null);

	@BeforeEach
	void start() {
		this.provider = new WireMockServer(options().dynamicPort());
		this.provider.start();
		PaymentsProperties properties = new PaymentsProperties(this.provider.baseUrl() + "/v1", "key",
				Duration.ofMillis(500), Duration.ofMillis(500), 2, Duration.ofMillis(10), Duration.ofMillis(10), null,
				Duration.ofSeconds(7), null, null, null, null, null, null, null, null);
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("flow-test");
		this.flow = new ChargeFlow(new PspClient(new PspEndpoint(properties.pspUrl(), "key"), properties, breaker,
				new CircuitOpenClock(breaker, Clock.systemUTC(), Duration.ofSeconds(10)), JsonMapper.builder().build(),
				new SimpleMeterRegistry()));
	}

	@AfterEach
	void stop() {
		this.provider.stop();
	}

	@Test
	void authorisedAndCapturedIsCaptured() {
		authorizeAnswers(201, "{\"id\":\"pay_1\",\"status\":\"AUTHORIZED\"}");
		this.provider.stubFor(post("/v1/payments/pay_1/capture")
			.willReturn(aResponse().withStatus(200).withBody("{\"id\":\"pay_1\",\"status\":\"CAPTURED\"}")));

		assertThat(this.flow.charge(this.payment)).isEqualTo(new ChargeFlow.Result.Captured("pay_1"));
	}

	@Test
	void aCaptureThatFailsAfterAuthorisationIsUnsettledNotUnavailable() {
		authorizeAnswers(201, "{\"id\":\"pay_2\",\"status\":\"AUTHORIZED\"}");
		this.provider.stubFor(post("/v1/payments/pay_2/capture").willReturn(aResponse().withStatus(503)));

		assertThat(this.flow.charge(this.payment)).isInstanceOf(ChargeFlow.Result.Unsettled.class);
	}

	@Test
	void aRefusedApiKeyIsUnavailableNotDeclined() {
		authorizeAnswers(401, "{\"error\":{\"code\":\"invalid_api_key\"}}");

		assertThat(this.flow.charge(this.payment)).isInstanceOf(ChargeFlow.Result.Unavailable.class);
	}

	@Test
	void aKeyUsedForAnotherRequestIsUnsettledForTheReconcilerToSortOut() {
		authorizeAnswers(422, "{\"error\":{\"code\":\"idempotency_key_reused\"}}");

		assertThat(this.flow.charge(this.payment)).isInstanceOf(ChargeFlow.Result.Unsettled.class);
	}

	@Test
	void aDeclineCarriesTheProvidersCode() {
		authorizeAnswers(402, "{\"id\":\"pay_3\",\"status\":\"DECLINED\",\"declineCode\":\"insufficient_funds\"}");

		assertThat(this.flow.charge(this.payment)).isEqualTo(new ChargeFlow.Result.Declined("insufficient_funds"));
	}

	@Test
	void aKeyStillInUseOnEveryAttemptIsUnsettled() {
		authorizeAnswers(409, "{\"error\":{\"code\":\"idempotency_key_in_use\"}}");

		assertThat(this.flow.charge(this.payment)).isInstanceOf(ChargeFlow.Result.Unsettled.class);
	}

	private void authorizeAnswers(int status, String body) {
		this.provider.stubFor(post("/v1/payments").willReturn(aResponse().withStatus(status).withBody(body)));
	}

}
