package dev.fortress.payments.sandbox;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox provider is not part of the public API: no spelling of its paths reaches it
 * through the API's port. An authenticated caller gets the router's {@code 404} problem;
 * an anonymous one gets a Fortress problem too, never a provider answer; and nothing is
 * written to the provider's tables either way.
 */
class SandboxNotOnApiPortTests extends IntegrationTest {

	private static final Map<String, Object> AUTHORISATION = Map.of("amount", 100, "currency", "EUR", "token",
			"tok_visa", "reference", "api-port-probe");

	@ParameterizedTest
	@ValueSource(strings = { "/sandbox-psp/v1/payments", "/sandbox-psp/v1/payments/", "/%73andbox-psp/v1/payments",
			"/sandbox-psp/v1/paym%65nts", "/SANDBOX-PSP/v1/payments", "/sandbox-psp/v1/payments/pay_0/refunds",
			"/sandbox-psp/v1/payments/pay_0/capture", "/sandbox-psp/v1/refunds", "/sandbox-psp/v1/payments/pay_0",
			"/sandbox-psp/v1/" })
	void noSpellingOfASandboxPathReachesTheProviderThroughTheApiPort(String path) {
		assertNeverReachesTheProvider(path, 404, "not-found");
	}

	/**
	 * Spellings the API's request firewall refuses before routing (double slashes, an
	 * encoded slash, path parameters) are malformed requests there, never the provider's.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "//sandbox-psp/v1/payments", "/sandbox-psp//v1/payments", "/sandbox-psp%2Fv1/payments",
			"/sandbox-psp/v1/payments;jsessionid=1" })
	void spellingsTheFirewallRefusesAreMalformedNotTheProviders(String path) {
		assertNeverReachesTheProvider(path, 400, "malformed-request");
	}

	private void assertNeverReachesTheProvider(String path, int status, String problem) {
		LoggedIn caller = loggedIn("EDITOR");
		int recordedBefore = providerRequests();

		for (Http.Response response : List.of(post(path, caller), get(path, caller))) {
			assertProblem(response, status, problem);
		}
		Http.Response anonymous = this.http.post(path, AUTHORISATION)
			.header("X-Api-Key", "sk_sandbox_fortress")
			.header("Idempotency-Key", "api-port-probe")
			.send();
		assertThat(anonymous.status()).as(anonymous.toString()).isIn(400, 401, 404);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

		assertThat(providerRequests()).isEqualTo(recordedBefore);
	}

	private Http.Response post(String path, LoggedIn caller) {
		return this.http.post(path, AUTHORISATION)
			.token(caller.accessToken())
			.header("X-Api-Key", "sk_sandbox_fortress")
			.header("Idempotency-Key", "api-port-probe-" + caller.id())
			.send();
	}

	private Http.Response get(String path, LoggedIn caller) {
		return this.http.get(path + "?reference=api-port-probe")
			.token(caller.accessToken())
			.header("X-Api-Key", "sk_sandbox_fortress")
			.send();
	}

	/** What the provider recorded of these probes: requests with their keys, payments. */
	private int providerRequests() {
		return this.jdbc.sql("""
				select (select count(*) from sandbox_psp_requests where idempotency_key like 'api-port-probe%')
				     + (select count(*) from sandbox_psp_payments where reference = 'api-port-probe')
				""").query(Integer.class).single();
	}

}
