package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.payments.PaymentReconciled;
import dev.fortress.platform.Ids;
import dev.fortress.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payment that stays unknown is not left unknown forever: after the last attempt the
 * order is told "not captured", and whatever the provider holds is refunded or voided.
 * The provider is a WireMock server that never answers an authorisation in time; the
 * {@code payments} table is the real one. The clock runs a day ahead, so the
 * application's own scheduled reconciler never sees these rows as due.
 */
class ReconciliationLimitIntegrationTests extends IntegrationTest {

	@Autowired
	TransactionTemplate transactions;

	private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private WireMockServer provider;

	private Payments payments;

	private PaymentReconciler reconciler;

	@BeforeEach
	void start() {
		this.provider = new WireMockServer(options().dynamicPort());
		this.provider.start();
		PaymentsProperties properties = new PaymentsProperties(this.provider.baseUrl() + "/v1", "key",
				Duration.ofMillis(500), Duration.ofMillis(300), 1, Duration.ofMillis(10), Duration.ofMillis(10), null,
				null, Duration.ofSeconds(1), Duration.ofSeconds(1), 2, null, null, null, null, null);
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("limit-test");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		PspClient client = new PspClient(new PspEndpoint(properties.pspUrl(), "key"), properties, breaker,
				new CircuitOpenClock(breaker, this.clock, Duration.ofSeconds(10)), JsonMapper.builder().build(),
				meters);
		this.payments = new Payments(this.jdbc);
		this.reconciler = new PaymentReconciler(this.payments, new ChargeFlow(client), properties, this.clock,
				this.transactions, this.published::add, meters);
		// The provider sits on every authorisation longer than the read timeout.
		this.provider.stubFor(post("/v1/payments").willReturn(aResponse().withStatus(201).withFixedDelay(1000)));
	}

	@AfterEach
	void stop() {
		this.provider.stop();
	}

	@Test
	void afterTheLastAttemptACapturedPaymentIsRefundedAndReportedNotCaptured() {
		UUID orderId = unknownPayment();
		this.provider.stubFor(get(urlPathEqualTo("/v1/payments"))
			.withQueryParam("reference", equalTo(orderId.toString()))
			.willReturn(
					aResponse().withStatus(200).withBody("{\"data\":[{\"id\":\"pay_w1\",\"status\":\"CAPTURED\"}]}")));
		this.provider.stubFor(post("/v1/payments/pay_w1/refunds")
			.willReturn(aResponse().withStatus(201).withBody("{\"id\":\"re_w1\",\"status\":\"SUCCEEDED\"}")));

		this.reconciler.reconcile(attempt(orderId, 1));
		assertThat(state(orderId)).isEqualTo(Payment.State.UNKNOWN);
		assertThat(this.published).isEmpty();

		this.reconciler.reconcile(attempt(orderId, 2));
		assertThat(state(orderId)).isEqualTo(Payment.State.VOIDING);
		assertThat(this.published).singleElement().isInstanceOfSatisfying(PaymentReconciled.class, (event) -> {
			assertThat(event.orderId()).isEqualTo(orderId);
			assertThat(event.captured()).isFalse();
			assertThat(event.paymentId()).isNull();
		});

		this.reconciler.reconcile(attempt(orderId, 3));
		assertThat(state(orderId)).isEqualTo(Payment.State.NOT_CAPTURED);
		this.provider.verify(1, postRequestedFor(urlEqualTo("/v1/payments/pay_w1/refunds"))
			.withHeader("Idempotency-Key", equalTo("order-" + orderId + ":refund:pay_w1")));
		assertThat(this.published).hasSize(1);
	}

	@Test
	void anAuthorisationLeftAtTheProviderIsCancelled() {
		UUID orderId = unknownPayment();
		this.provider
			.stubFor(get(urlPathEqualTo("/v1/payments")).withQueryParam("reference", equalTo(orderId.toString()))
				.willReturn(aResponse().withStatus(200)
					.withBody("{\"data\":[{\"id\":\"pay_w2\",\"status\":\"AUTHORIZED\"}]}")));
		this.provider.stubFor(post("/v1/payments/pay_w2/cancel")
			.willReturn(aResponse().withStatus(200).withBody("{\"id\":\"pay_w2\",\"status\":\"CANCELED\"}")));

		this.reconciler.reconcile(attempt(orderId, 2));
		this.reconciler.reconcile(attempt(orderId, 3));

		assertThat(state(orderId)).isEqualTo(Payment.State.NOT_CAPTURED);
		this.provider.verify(1, postRequestedFor(urlEqualTo("/v1/payments/pay_w2/cancel")));
	}

	@Test
	void whileTheProviderCannotBeAskedTheReleaseIsRetriedLater() {
		UUID orderId = unknownPayment();
		this.provider.stubFor(get(urlPathEqualTo("/v1/payments")).willReturn(aResponse().withStatus(503)));

		this.reconciler.reconcile(attempt(orderId, 2));
		this.reconciler.reconcile(attempt(orderId, 3));

		assertThat(state(orderId)).isEqualTo(Payment.State.VOIDING);
		assertThat(this.payments.find(orderId).orElseThrow().nextAttemptAt()).isAfter(this.clock.instant());
	}

	/** A charge that timed out: UNKNOWN, due far ahead of the real clock. */
	private UUID unknownPayment() {
		UUID orderId = Ids.newId();
		Instant now = this.clock.instant();
		this.payments.startCharge(orderId, 700, "EUR", "tok_slow", now, now.plusSeconds(60));
		this.payments.await(orderId, Payment.State.CHARGING, Payment.State.UNKNOWN, now.plusSeconds(1), now);
		return orderId;
	}

	/** The payment as the reconciler's claim hands it over: with its attempt counted. */
	private Payment attempt(UUID orderId, int attempt) {
		this.jdbc.sql("update payments set attempts = :attempt where order_id = :id")
			.param("attempt", attempt)
			.param("id", orderId)
			.update();
		return this.payments.find(orderId).orElseThrow();
	}

	private Payment.State state(UUID orderId) {
		return this.payments.find(orderId).orElseThrow().state();
	}

}
