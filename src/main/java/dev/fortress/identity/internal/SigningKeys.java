package dev.fortress.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.converter.RsaKeyConverters;

import dev.fortress.platform.config.FortressProperties;

/**
 * The RSA key pair that signs access tokens (RS256). It comes from
 * {@code FORTRESS_JWT_PRIVATE_KEY} (PKCS#8 PEM) when set; otherwise it is generated once
 * into {@code <dataDir>/keys/jwt-signing.pem} with owner-only permissions, so restarts
 * keep issued tokens valid. The key id is the RFC 7638 thumbprint of the public key.
 */
final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private SigningKeys() {
	}

	static RSAKey load(IdentityProperties identity, FortressProperties fortress) {
		try {
			RSAPrivateCrtKey privateKey;
			if (!identity.jwtPrivateKey().isEmpty()) {
				privateKey = parse(identity.jwtPrivateKey());
				log.info("JWT signing key: from FORTRESS_JWT_PRIVATE_KEY");
			}
			else {
				Path file = fortress.dataDir().resolve("keys").resolve("jwt-signing.pem").toAbsolutePath();
				privateKey = parse(readOrCreate(file));
				log.info("JWT signing key: {}", file);
			}
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Cannot load the JWT signing key", ex);
		}
	}

	private static RSAPrivateCrtKey parse(String pem) {
		try {
			return (RSAPrivateCrtKey) RsaKeyConverters.pkcs8()
				.convert(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The JWT signing key must be an RSA private key in PKCS#8 PEM", ex);
		}
	}

	private static String readOrCreate(Path file) throws GeneralSecurityException {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII);
			}
			Files.createDirectories(file.getParent());
			String pem = generatePem();
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (FileAlreadyExistsException raced) {
				return Files.readString(file, StandardCharsets.US_ASCII);
			}
			catch (UnsupportedOperationException notPosix) {
				Files.createFile(file);
			}
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return pem;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + file, ex);
		}
	}

	private static String generatePem() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
		return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
	}

}
