package dev.fortress.identity.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.Role;
import dev.fortress.identity.internal.Accounts;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

@RestController
@RequestMapping("/api/v1/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration", description = "ADMIN only")
class AdminUserController {

	private final Accounts accounts;

	AdminUserController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "All accounts, oldest first (keyset paging)")
	ResponseEntity<CursorPage<UserView>> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.accounts.list(cursor, limit).map(UserView::of));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change an account's role or disable it",
			description = "Disabling revokes the account's refresh tokens and its access tokens stop working, "
					+ "for good: re-enabling it does not revive them. 409 when it would leave no active admin.")
	ResponseEntity<UserView> update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request) {
		if (request.role() == null && request.disabled() == null) {
			throw ApiException.invalid("role", "give role and/or disabled");
		}
		var user = this.accounts.update(id, request.role(), request.disabled());
		return ResponseEntity.ok().eTag(String.valueOf(user.version())).body(UserView.of(user));
	}

	record UpdateUserRequest(Role role, Boolean disabled) {
	}

}
