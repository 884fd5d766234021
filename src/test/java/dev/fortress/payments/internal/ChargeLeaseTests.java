package dev.fortress.payments.internal;

import java.time.Clock;
import java.util.UUID;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.fortress.payments.PaymentOutcome;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A charge that outlives its lease finds the payment taken over by the reconciler: it
 * answers with what the payments table says, not with its own late result.
 */
class ChargeLeaseTests extends IntegrationTest {

	@Test
	void aChargeWhosePaymentTheReconcilerGaveUpOnIsNotReportedApproved() {
		UUID orderId = Ids.newId();
		ChargeFlow flow = new ChargeFlow(null) {
			@Override
			Result charge(Payment payment) {
				// Meanwhile the reconciler claimed the expired lease, gave up and is
				// voiding.
				ChargeLeaseTests.this.jdbc.sql("update payments set state = 'VOIDING' where order_id = :id")
					.param("id", orderId)
					.update();
				return new Result.Captured("pay_late");
			}
		};
		PaymentService service = new PaymentService(new Payments(this.jdbc), flow,
				new PaymentsProperties("http://localhost:1/v1", null, null, null, null, null, null, null, null, null,
						null, null, null, null, null, null, null),
				Clock.systemUTC(), new SimpleMeterRegistry(), Bulkhead.ofDefaults("lease-test"));

		PaymentOutcome outcome = service.charge(orderId, new Money(500, "USD"), "tok_visa");

		assertThat(outcome).isInstanceOf(PaymentOutcome.Declined.class);
		assertThat(this.jdbc.sql("select state from payments where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single()).isEqualTo("VOIDING");
	}

}
