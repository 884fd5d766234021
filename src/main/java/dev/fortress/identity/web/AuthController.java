package dev.fortress.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.internal.Accounts;
import dev.fortress.identity.internal.Sessions;
import dev.fortress.identity.internal.TokenPair;

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
	TokenPair login(@Valid @RequestBody LoginRequest request) {
		return this.accounts.login(request.email(), request.password());
	}

	@PostMapping("/refresh")
	@Operation(summary = "Rotate a refresh token",
			description = "The presented token stops working. Presenting an already used token revokes its "
					+ "whole family (reuse detection).")
	TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
		return this.sessions.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@Operation(summary = "End the session the refresh token belongs to")
	ResponseEntity<Void> logout(CurrentUser user, @Valid @RequestBody RefreshRequest request) {
		this.sessions.end(user.id(), request.refreshToken());
		return ResponseEntity.noContent().build();
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
