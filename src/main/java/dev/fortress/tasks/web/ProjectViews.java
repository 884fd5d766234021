package dev.fortress.tasks.web;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.identity.UserSummary;
import dev.fortress.tasks.api.Category;
import dev.fortress.tasks.api.Member;
import dev.fortress.tasks.api.Project;
import dev.fortress.tasks.api.ProjectRole;

/** The JSON shapes of projects, members and categories. */
final class ProjectViews {

	private ProjectViews() {
	}

	/**
	 * A project with the caller's role in it ({@code null} for an admin who is no
	 * member).
	 */
	record ProjectView(UUID id, String name, @Nullable String description, @Nullable ProjectRole role, UUID createdBy,
			long version, Instant createdAt, Instant updatedAt) {

		static ProjectView of(Project p) {
			return new ProjectView(p.id(), p.name(), p.description(), p.callerRole(), p.createdBy(), p.version(),
					p.createdAt(), p.updatedAt());
		}

	}

	record MemberView(UUID userId, @Nullable String displayName, ProjectRole role, Instant addedAt) {

		static MemberView of(Member m, @Nullable UserSummary user) {
			return new MemberView(m.userId(), user == null ? null : user.displayName(), m.role(), m.addedAt());
		}

	}

	record CategoryView(UUID id, UUID projectId, String name, @Nullable String color, long version, Instant createdAt) {

		static CategoryView of(Category c) {
			return new CategoryView(c.id(), c.projectId(), c.name(), c.color(), c.version(), c.createdAt());
		}

	}

}
