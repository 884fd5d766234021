package dev.fortress.payments.internal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.fortress.payments.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which provider the client talks to, decided once at start-up. */
class PspEndpointTests {

	private final PaymentsConfiguration configuration = new PaymentsConfiguration();

	@Test
	void aConfiguredProviderNeedsItsKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.pspEndpoint(properties("https://psp.example/v1", ""), noSandbox()))
			.withMessageContaining("FORTRESS_PSP_API_KEY");

		PspEndpoint endpoint = this.configuration.pspEndpoint(properties("https://psp.example/v1/", "sk_live_x"),
				noSandbox());
		assertThat(endpoint.resolve("/payments")).hasToString("https://psp.example/v1/payments");
		assertThat(endpoint.apiKey()).isEqualTo("sk_live_x");
		assertThat(endpoint.toString()).doesNotContain("sk_live_x");
	}

	@Test
	void withoutAProviderUrlTheSandboxMustRun() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.pspEndpoint(properties("", ""), noSandbox()))
			.withMessageContaining("FORTRESS_PSP_URL");
	}

	private static ObjectProvider<SandboxServer> noSandbox() {
		return new StaticListableBeanFactory().getBeanProvider(SandboxServer.class);
	}

	private static PaymentsProperties properties(String url, String key) {
		return new PaymentsProperties(url, key, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null);
	}

}
