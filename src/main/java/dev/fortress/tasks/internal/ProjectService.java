package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.ProjectDeleted;
import dev.fortress.tasks.api.Project;
import dev.fortress.tasks.api.ProjectRole;
import dev.fortress.platform.events.EventMetadata;

/** Creating, reading, renaming and deleting projects. */
@Service
public class ProjectService {

	private static final UUID BEFORE_ALL = new UUID(0, 0);

	private final Projects projects;

	private final ProjectMembers members;

	private final ProjectAccess access;

	private final TaskStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProjectService(Projects projects, ProjectMembers members, ProjectAccess access, TaskStore store,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.projects = projects;
		this.members = members;
		this.access = access;
		this.store = store;
		this.clock = clock;
	}

	/** Creates a project with the caller as its OWNER; global VIEWERs may not. */
	@Transactional
	public Project create(String name, @Nullable String description, CurrentUser user) {
		if (user.isReadOnly()) {
			throw ApiException.forbidden("Viewers cannot create projects");
		}
		var now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Project project = new Project(Ids.newId(), name.strip(), TaskFactory.blankToNull(description), user.id(), 0,
				now, now, ProjectRole.OWNER);
		this.projects.insert(project);
		this.members.put(project.id(), user.id(), ProjectRole.OWNER, now);
		return project;
	}

	public Project get(UUID id, CurrentUser user) {
		this.access.requireViewer(id, user);
		return this.projects.find(id, user.id()).orElseThrow(() -> ApiException.notFound("Project"));
	}

	public CursorPage<Project> list(@Nullable String cursor, int limit, CurrentUser user) {
		List<String> after = Cursors.decode(cursor, 1);
		UUID from = after.isEmpty() ? BEFORE_ALL : parseId(after.get(0));
		return CursorPage.of(this.projects.page(user.id(), user.isAdmin(), from, limit + 1), limit,
				project -> Cursors.encode(project.id()));
	}

	/** Renames or re-describes a project (OWNER); null leaves a field as it is. */
	@Transactional
	public Project update(UUID id, @Nullable String name, @Nullable String description, IfMatch ifMatch,
			CurrentUser user) {
		this.access.requireOwner(id, user);
		Project current = get(id, user);
		ifMatch.check(current.version());
		Project changed = new Project(id, name == null ? current.name() : name.strip(),
				description == null ? current.description() : TaskFactory.blankToNull(description), current.createdBy(),
				current.version(), current.createdAt(), this.clock.instant(), current.callerRole());
		if (!this.projects.update(changed, current.version())) {
			// changed between our read and our write: never overwrite silently
			throw ApiException.conflict("The project was changed concurrently; reload it and retry");
		}
		return get(id, user);
	}

	/**
	 * Deletes a project with all its tasks, categories and exports (OWNER); publishes
	 * {@link ProjectDeleted}.
	 */
	@Transactional
	public void delete(UUID id, CurrentUser user) {
		this.access.requireOwnerNow(id, user);
		this.members.forgetProject(id);
		this.store.deleteProject(id);
		this.projects.delete(id);
		this.events.publishEvent(new ProjectDeleted(id, user.id(), EventMetadata.now(this.clock)));
	}

	private static UUID parseId(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

}
