package dev.fortress.tasks.web;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.platform.web.Pages;
import dev.fortress.tasks.api.Project;
import dev.fortress.tasks.internal.ProjectService;
import dev.fortress.tasks.web.ProjectViews.ProjectView;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "TaskForge projects", description = "Projects; access follows the caller's role in each project")
class ProjectController {

	private final ProjectService projects;

	ProjectController(ProjectService projects) {
		this.projects = projects;
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Create a project", description = "The creator becomes its OWNER. 403 for global VIEWERs.")
	ResponseEntity<ProjectView> create(@Valid @RequestBody CreateProjectRequest request, CurrentUser user) {
		Project project = this.projects.create(request.name(), request.description(), user);
		return ResponseEntity.created(URI.create("/api/v1/projects/" + project.id()))
			.eTag(String.valueOf(project.version()))
			.body(ProjectView.of(project));
	}

	@GetMapping
	@Operation(summary = "Projects the caller is a member of (all for ADMIN)", description = "Keyset paging by id.")
	ResponseEntity<CursorPage<ProjectView>> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit,
			CurrentUser user) {
		return Pages.ok(this.projects.list(cursor, limit, user).map(ProjectView::of));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One project", description = "404 for non-members.")
	ResponseEntity<ProjectView> get(@PathVariable UUID id, CurrentUser user) {
		Project project = this.projects.get(id, user);
		return ResponseEntity.ok().eTag(String.valueOf(project.version())).body(ProjectView.of(project));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Rename or re-describe a project (OWNER)", description = "Honours If-Match (412 when stale).")
	ResponseEntity<ProjectView> update(@PathVariable UUID id, @Valid @RequestBody UpdateProjectRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, CurrentUser user) {
		Project project = this.projects.update(id, request.name(), request.description(), IfMatch.parse(ifMatch), user);
		return ResponseEntity.ok().eTag(String.valueOf(project.version())).body(ProjectView.of(project));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a project with all its tasks (OWNER)")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.projects.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	record CreateProjectRequest(@NotBlank @Size(max = 200) @PlainText String name,
			@Size(max = 2000) @PlainText @Nullable String description) {
	}

	record UpdateProjectRequest(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*",
					message = "must not be blank") @PlainText @Nullable String name,
			@Size(max = 2000) @PlainText @Nullable String description) {
	}

}
