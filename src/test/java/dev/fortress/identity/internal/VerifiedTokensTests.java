package dev.fortress.identity.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	/** Stands in for the RSA check: counts, and refuses any token starting with "bad". */
	private final JwtDecoder counting = token -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("someone")
			.issuedAt(NOW)
			.notBefore(NOW)
			.expiresAt(NOW.plus(Duration.ofMinutes(15)))
			.build();
	};

	private Instant now = NOW;

	private VerifiedTokens tokens() {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
		timestamps.setClock(new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return VerifiedTokensTests.this.now;
			}
		});
		return new VerifiedTokens(this.counting, timestamps);
	}

	@Test
	void aTokenIsVerifiedOnceAndThenRecognisedByItsExactText() {
		VerifiedTokens tokens = tokens();
		assertThat(tokens.decode("token-a").getSubject()).isEqualTo("someone");
		assertThat(tokens.decode("token-a").getTokenValue()).isEqualTo("token-a");
		assertThat(this.verifications).hasValue(1);
		tokens.decode("token-a ");
		tokens.decode("token-b");
		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void aTokenThatFailedIsNeverRemembered() {
		VerifiedTokens tokens = tokens();
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("bad-token"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("bad-token"));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRememberedTokenThatHasExpiredIsRefused() {
		VerifiedTokens tokens = tokens();
		tokens.decode("token-a");
		this.now = NOW.plus(Duration.ofMinutes(16));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> tokens.decode("token-a"));
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aTextIsHashedOncePerThreadNotOncePerCall() throws Exception {
		String text = "header.payload.signature";
		assertThat(VerifiedTokens.digest(new String(text))).isSameAs(VerifiedTokens.digest(text))
			.isEqualTo(VerifiedTokens.digest("header.payload.signature"));
		assertThat(VerifiedTokens.digest("header.payload.signaturf")).isNotEqualTo(VerifiedTokens.digest(text));
		ByteBuffer[] other = new ByteBuffer[1];
		Thread thread = new Thread(() -> other[0] = VerifiedTokens.digest(text));
		thread.start();
		thread.join();
		assertThat(other[0]).isEqualTo(VerifiedTokens.digest(text));
	}

}
