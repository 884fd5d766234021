package dev.fortress.payments;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.IntegrationTest;

/**
 * Base for tests that charge through {@link PaymentsApi} against the sandbox provider
 * (shared application context). Each test starts and ends with the {@code psp} circuit
 * closed, so failures one test feeds the provider never leak into the next.
 */
abstract class PaymentsIntegrationTest extends IntegrationTest {

	@Autowired
	protected PaymentsApi payments;

	@Autowired
	protected RecordedPaymentEvents events;

	@Autowired
	private CircuitBreakerRegistry breakers;

	protected SandboxPsp psp;

	@BeforeEach
	void closedCircuit() {
		this.psp = new SandboxPsp(this.jdbc, this.breakers);
		this.psp.resetCircuit();
	}

	@AfterEach
	void closeCircuitAgain() {
		this.psp.resetCircuit();
	}

}
