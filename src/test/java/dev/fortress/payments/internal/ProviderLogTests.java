package dev.fortress.payments.internal;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ProviderLogTests {

	@Test
	void eachCircuitTransitionIsOneLine(CapturedOutput output) {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("log-test");
		ProviderLog.transitionsOf(breaker);

		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		breaker.transitionToClosedState();

		assertThat(output.getOut().lines().filter(line -> line.contains("Payment provider circuit"))).hasSize(3)
			.anySatisfy(line -> assertThat(line).contains("WARN").contains("CLOSED -> OPEN"))
			.anySatisfy(line -> assertThat(line).contains("OPEN -> HALF_OPEN"))
			.anySatisfy(line -> assertThat(line).contains("HALF_OPEN -> CLOSED"));
	}

	@Test
	void troubleOfOneKindIsOneLinePerQuietPeriodCountingWhatWasLeftOut(CapturedOutput output) throws Exception {
		ProviderLog log = new ProviderLog(Duration.ofMillis(300));

		for (int i = 0; i < 50; i++) {
			log.trouble("timeout", "authorize got no answer");
		}
		log.trouble("failed-attempt", "capture failed: HTTP 500");
		Thread.sleep(400);
		log.trouble("timeout", "authorize got no answer");

		assertThat(output.getOut().lines().filter(line -> line.contains("authorize got no answer")).toList())
			.satisfiesExactly(first -> assertThat(first).endsWith("Payment provider: authorize got no answer"),
					second -> assertThat(second).endsWith("(49 more like it since the last such line)"));
		assertThat(output.getOut().lines().filter(line -> line.contains("capture failed"))).hasSize(1);
	}

}
