package dev.fortress.notifications.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.notifications.internal.NotificationInbox;
import dev.fortress.notifications.internal.NotificationInbox.Notification;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

@RestController
@RequestMapping("/api/v1/me/notifications")
@Validated
@Tag(name = "Notifications", description = "In-app copies of what was e-mailed to you")
class NotificationController {

	private final NotificationInbox inbox;

	NotificationController(NotificationInbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping
	@Operation(summary = "Your notifications, newest first")
	ResponseEntity<CursorPage<Notification>> list(CurrentUser user, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.inbox.list(user.id(), cursor, limit));
	}

	@PostMapping("/{id}/read")
	@Operation(summary = "Mark one of your notifications read", description = "404 for anyone else's.")
	Notification read(CurrentUser user, @PathVariable UUID id) {
		return this.inbox.markRead(user.id(), id).orElseThrow(() -> ApiException.notFound("Notification"));
	}

}
