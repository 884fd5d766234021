package dev.fortress.payments.sandbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxPropertiesTests {

	@Test
	void withoutAConfiguredKeyEachStartGeneratesALongRandomOne() {
		SandboxProperties first = new SandboxProperties(null, null, null, null, null, null, null);
		SandboxProperties second = new SandboxProperties(null, "  ", null, null, null, null, null);

		assertThat(first.apiKey()).startsWith("sk_sandbox_").hasSizeGreaterThanOrEqualTo(50);
		assertThat(second.apiKey()).startsWith("sk_sandbox_").isNotEqualTo(first.apiKey());
		assertThat(first.toString()).doesNotContain(first.apiKey());
	}

	@Test
	void aConfiguredKeyIsUsedButAShortOneIsRefusedAtStartUp() {
		String configured = "sk_sandbox_configured_by_the_environment";

		assertThat(new SandboxProperties(null, configured, null, null, null, null, null).apiKey())
			.isEqualTo(configured);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties(null, "sk_sandbox_fortress", null, null, null, null, null))
			.withMessageContaining("api-key");
	}

	@Test
	void portsThreadsAndLeasesMustMakeSense() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties(null, null, 70_000, null, null, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties(null, null, null, 0, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new SandboxProperties(null, null, null, null, null,
				Duration.ofSeconds(10), Duration.ofSeconds(5)));
	}

}
