package dev.fortress.chat.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.chat.internal.ChannelMember;
import dev.fortress.chat.internal.ChannelMemberService;
import dev.fortress.chat.internal.ChannelRole;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;

@RestController
@RequestMapping("/api/v1/channels/{channelId}/members")
@Tag(name = "Chat channels")
class ChannelMemberController {

	private final ChannelMemberService members;

	private final IdentityApi identity;

	ChannelMemberController(ChannelMemberService members, IdentityApi identity) {
		this.members = members;
		this.identity = identity;
	}

	@GetMapping
	@Operation(summary = "A channel's members and their roles",
			description = "For a project channel, the project's members (MEMBER unless given another role).")
	Map<String, List<MemberView>> list(@PathVariable UUID channelId, CurrentUser user) {
		List<ChannelMember> all = this.members.list(channelId, user);
		Map<UUID, UserSummary> users = this.identity.findUsers(all.stream().map(ChannelMember::userId).toList());
		return Map.of("items",
				all.stream().map((member) -> MemberView.of(member, users.get(member.userId()))).toList());
	}

	@PutMapping("/{userId}")
	@Operation(summary = "Add a member or change their role (OWNER), or join a public channel yourself",
			description = "409 for a direct conversation or when the last owner would be demoted.")
	MemberView put(@PathVariable UUID channelId, @PathVariable UUID userId, @Valid @RequestBody RoleRequest request,
			CurrentUser user) {
		ChannelMember member = this.members.put(channelId, userId, request.role(), user);
		return MemberView.of(member, this.identity.findUser(userId).orElse(null));
	}

	@DeleteMapping("/{userId}")
	@Operation(summary = "Remove a member (OWNER) or leave", description = "409 for the last owner.")
	ResponseEntity<Void> remove(@PathVariable UUID channelId, @PathVariable UUID userId, CurrentUser user) {
		this.members.remove(channelId, userId, user);
		return ResponseEntity.noContent().build();
	}

	record RoleRequest(@NotNull ChannelRole role) {
	}

	record MemberView(UUID userId, @Nullable String displayName, ChannelRole role, @Nullable Instant joinedAt) {

		static MemberView of(ChannelMember member, @Nullable UserSummary user) {
			return new MemberView(member.userId(), (user != null) ? user.displayName() : null, member.role(),
					member.joinedAt());
		}

	}

}
