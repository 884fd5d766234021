package dev.fortress.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.internal.Accounts;
import dev.fortress.identity.internal.Sessions;
import dev.fortress.identity.internal.TokenPair;

/**
 * Accounts and tokens. Login and refresh answer the token pair in the body and also set
 * the refresh token as an {@code HttpOnly} cookie for the browser app
 * ({@link RefreshCookie}), which then refreshes and logs out without ever holding the
 * refresh token in script.
 */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity", description = "Accounts, login and tokens")
class AuthController {

	private final Accounts accounts;

	private final Sessions sessions;

	AuthController(Accounts accounts, Sessions sessions) {
		this.accounts = accounts;
		this.sessions = sessions;
	}

	@PostMapping("/register")
	@Operation(summary = "Create an account (role EDITOR)",
			description = "409 if the e-mail is taken; 400 if the password is shorter than 8, longer than 128 "
					+ "characters or among the most common passwords.")
	ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
		var user = this.accounts.register(request.email(), request.password(), request.displayName());
		return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
	}

	@PostMapping("/login")
	@Operation(summary = "Exchange e-mail and password for an access and a refresh token",
			description = "Unknown e-mail and wrong password get the same 401.")
	ResponseEntity<TokenPair> login(@Valid @RequestBody LoginRequest request) {
		return withCookie(this.accounts.login(request.email(), request.password()));
	}

	@PostMapping("/refresh")
	@Operation(summary = "Rotate a refresh token",
			description = "The presented token stops working. Presenting an already used token revokes its "
					+ "whole family (reuse detection). Without a body, the refresh cookie is used, "
					+ "and only with an X-Requested-With header.")
	ResponseEntity<TokenPair> refresh(@Valid @RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = RefreshCookie.NAME, required = false) @Nullable String cookie,
			@RequestHeader(name = RefreshCookie.CSRF_HEADER, required = false) @Size(max = 100) @Nullable String csrf) {
		return withCookie(this.sessions.refresh(RefreshCookie.presented(tokenOf(request), cookie, csrf)));
	}

	@PostMapping("/logout")
	@Operation(summary = "End the session the refresh token belongs to",
			description = "Without a body, the refresh cookie is used (with an X-Requested-With header); the "
					+ "cookie is cleared either way.")
	ResponseEntity<Void> logout(CurrentUser user,
			@Valid @RequestBody(required = false) @Nullable RefreshRequest request,
			@CookieValue(name = RefreshCookie.NAME, required = false) @Nullable String cookie,
			@RequestHeader(name = RefreshCookie.CSRF_HEADER, required = false) @Size(max = 100) @Nullable String csrf) {
		this.sessions.end(user.id(), RefreshCookie.presented(tokenOf(request), cookie, csrf));
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, RefreshCookie.clear()).build();
	}

	private static ResponseEntity<TokenPair> withCookie(TokenPair pair) {
		return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, RefreshCookie.set(pair.refreshToken())).body(pair);
	}

	private static @Nullable String tokenOf(@Nullable RefreshRequest request) {
		return request == null ? null : request.refreshToken();
	}

	record RegisterRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 1024) String password,
			@NotBlank @Size(max = 100) String displayName) {

		RegisterRequest {
			email = email == null ? null : email.trim();
		}

	}

	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 1024) String password) {

		LoginRequest {
			email = email == null ? null : email.trim();
		}

	}

	record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {
	}

}
