package dev.fortress.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PaymentsPropertiesTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		PaymentsProperties properties = new PaymentsProperties(null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);

		assertThat(properties.pspUrl()).isEmpty();
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.maxAttempts()).isEqualTo(3);
		assertThat(properties.retryBudget()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.reconcileMaxAttempts()).isEqualTo(8);
		assertThat(properties.circuitBreaker().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void timeoutsLongerThanTwoSecondsAreRefusedAtStartup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentsProperties(null, null, null, Duration.ofSeconds(3), null, null, null, null,
					null, null, null, null, null, null, null, null, null))
			.withMessageContaining("read-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentsProperties(null, null, Duration.ofSeconds(5), null, null, null, null, null,
					null, null, null, null, null, null, null, null, null))
			.withMessageContaining("connect-timeout");
	}

}
