package dev.fortress.moderation.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.moderation.internal.ModerationDecisions;
import dev.fortress.moderation.internal.ModerationItem;
import dev.fortress.moderation.internal.ModerationItem.Status;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

/**
 * The moderators' queue. Decisions are audited like every admin change (the platform's
 * admin-action audit records each successful POST by an ADMIN).
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/moderation")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration", description = "ADMIN only")
class ModerationController {

	private final ModerationDecisions decisions;

	ModerationController(ModerationDecisions decisions) {
		this.decisions = decisions;
	}

	@GetMapping
	@Operation(summary = "The moderation queue, newest first (keyset paging)",
			description = "status HELD (default), APPROVED or REMOVED; anything else is a 400.")
	ResponseEntity<CursorPage<ModerationItem>> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.decisions.list(status, cursor, limit));
	}

	@PostMapping("/{id}/approve")
	@Operation(summary = "Approve a held item: it becomes visible",
			description = "Approving an approved item answers 200 and changes nothing; a removed one is a 409.")
	ModerationItem approve(@PathVariable UUID id, CurrentUser user) {
		return this.decisions.decide(id, Status.APPROVED, user.id());
	}

	@PostMapping("/{id}/remove")
	@Operation(summary = "Remove a held item: it is deleted",
			description = "Removing a removed item answers 200 and changes nothing; an approved one is a 409.")
	ModerationItem remove(@PathVariable UUID id, CurrentUser user) {
		return this.decisions.decide(id, Status.REMOVED, user.id());
	}

}
