package dev.fortress.tasks.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.ProjectRole;
import dev.fortress.tasks.internal.MemberService;
import dev.fortress.tasks.web.ProjectViews.MemberView;

@RestController
@RequestMapping("/api/v1/projects/{projectId}/members")
@Tag(name = "TaskForge projects")
class MemberController {

	private final MemberService members;

	private final IdentityApi identity;

	MemberController(MemberService members, IdentityApi identity) {
		this.members = members;
		this.identity = identity;
	}

	@GetMapping
	@Operation(summary = "Members of a project and their roles")
	Map<String, List<MemberView>> list(@PathVariable UUID projectId, CurrentUser user) {
		List<Member> all = this.members.list(projectId, user);
		Map<UUID, UserSummary> users = this.identity.findUsers(all.stream().map(Member::userId).toList());
		return Map.of("items", all.stream().map(m -> MemberView.of(m, users.get(m.userId()))).toList());
	}

	@PutMapping("/{userId}")
	@Operation(summary = "Add a member or change their role (OWNER)",
			description = "409 if it would leave the project without an owner.")
	ResponseEntity<MemberView> put(@PathVariable UUID projectId, @PathVariable UUID userId,
			@Valid @RequestBody MemberRequest request, CurrentUser user) {
		Member member = this.members.put(projectId, userId, request.role(), user);
		return ResponseEntity.ok(MemberView.of(member, this.identity.findUser(userId).orElse(null)));
	}

	@DeleteMapping("/{userId}")
	@Operation(summary = "Remove a member (OWNER)", description = "409 for the last owner.")
	ResponseEntity<Void> remove(@PathVariable UUID projectId, @PathVariable UUID userId, CurrentUser user) {
		this.members.remove(projectId, userId, user);
		return ResponseEntity.noContent().build();
	}

	record MemberRequest(@NotNull ProjectRole role) {
	}

}
