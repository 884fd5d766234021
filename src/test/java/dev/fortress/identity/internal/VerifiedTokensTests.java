package dev.fortress.identity.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder counting = token -> {
		this.verifications.incrementAndGet();
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("someone").issuedAt(Instant.now()).build();
	};

	@AfterEach
	void reset() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aTokenVerifiedByTheRateLimiterIsNotVerifiedAgainInTheSameRequest() {
		VerifiedTokens tokens = new VerifiedTokens(this.counting);
		MockHttpServletRequest request = new MockHttpServletRequest();
		tokens.decode("token-a", request);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		assertThat(tokens.decode("token-a").getTokenValue()).isEqualTo("token-a");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void anotherTokenOrAnotherRequestIsVerifiedInFull() {
		VerifiedTokens tokens = new VerifiedTokens(this.counting);
		MockHttpServletRequest request = new MockHttpServletRequest();
		tokens.decode("token-a", request);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		tokens.decode("token-b");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		tokens.decode("token-a");
		assertThat(this.verifications).hasValue(3);
	}

}
