package dev.fortress.identity.web;

import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class JwksController {

	private final Map<String, Object> keys;

	JwksController(RSAKey signingKey) {
		this.keys = new JWKSet(signingKey.toPublicJWK()).toJSONObject();
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "The public keys that verify access tokens (RFC 7517)")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(this.keys);
	}

}
