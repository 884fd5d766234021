package dev.fortress.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings, bound from {@code fortress.identity.*} (see application.yml for the
 * {@code FORTRESS_*} variables behind them).
 */
@ConfigurationProperties("fortress.identity")
record IdentityProperties(String adminEmail, String adminPassword, String jwtPrivateKey, String issuer, String audience,
		Duration accessTokenTtl, Duration refreshTokenTtl, int maxConcurrentHashes, double hashingCpuShare,
		int loginFailuresPerAccount, Duration loginFailureWindow) {

	IdentityProperties {
		adminEmail = adminEmail == null ? "" : adminEmail.trim();
		adminPassword = adminPassword == null ? "" : adminPassword;
		jwtPrivateKey = jwtPrivateKey == null ? "" : jwtPrivateKey.trim();
		issuer = issuer == null || issuer.isBlank() ? "https://fortress.local" : issuer;
		audience = audience == null || audience.isBlank() ? "fortress-api" : audience;
		accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
		refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
		maxConcurrentHashes = maxConcurrentHashes < 1 ? 4 : maxConcurrentHashes;
		hashingCpuShare = hashingCpuShare <= 0 ? 0.2 : hashingCpuShare;
		loginFailuresPerAccount = loginFailuresPerAccount < 1 ? 10 : loginFailuresPerAccount;
		loginFailureWindow = loginFailureWindow == null ? Duration.ofMinutes(15) : loginFailureWindow;
	}

}
