package dev.fortress.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.internal.Accounts;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
class MeController {

	private final Accounts accounts;

	MeController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "The caller's account")
	ResponseEntity<UserView> me(CurrentUser caller) {
		var user = this.accounts.get(caller.id());
		return ResponseEntity.ok().eTag(String.valueOf(user.version())).body(UserView.of(user));
	}

	@PutMapping("/password")
	@Operation(summary = "Change the password; every session of the account ends",
			description = "Refresh tokens are revoked and access tokens, the caller's included, stop working. "
					+ "A wrong currentPassword (400) counts as a failed login of the account: after too many, "
					+ "429 with Retry-After, right password or not, as login does.")
	ResponseEntity<Void> changePassword(CurrentUser caller, @Valid @RequestBody ChangePasswordRequest request) {
		this.accounts.changePassword(caller.id(), request.currentPassword(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
			@NotNull @Size(max = 1024) String newPassword) {
	}

}
