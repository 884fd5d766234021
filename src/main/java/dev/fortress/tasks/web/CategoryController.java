package dev.fortress.tasks.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.api.Category;
import dev.fortress.tasks.internal.CategoryService;
import dev.fortress.tasks.web.ProjectViews.CategoryView;

@RestController
@Tag(name = "TaskForge categories", description = "Categories per project (EDITOR+ to change)")
class CategoryController {

	private static final String COLOR = "^#[0-9a-fA-F]{6}$";

	private final CategoryService categories;

	CategoryController(CategoryService categories) {
		this.categories = categories;
	}

	@PostMapping("/api/v1/projects/{projectId}/categories")
	@Operation(summary = "Create a category", description = "409 if the project has one of that name.")
	ResponseEntity<CategoryView> create(@PathVariable UUID projectId, @Valid @RequestBody CategoryRequest request,
			CurrentUser user) {
		Category category = this.categories.create(projectId, request.name(), request.color(), user);
		return ResponseEntity.created(URI.create("/api/v1/categories/" + category.id()))
			.eTag(String.valueOf(category.version()))
			.body(CategoryView.of(category));
	}

	@GetMapping("/api/v1/projects/{projectId}/categories")
	@Operation(summary = "A project's categories by name")
	Map<String, List<CategoryView>> list(@PathVariable UUID projectId, CurrentUser user) {
		return Map.of("items", this.categories.list(projectId, user).stream().map(CategoryView::of).toList());
	}

	@PatchMapping("/api/v1/categories/{id}")
	@Operation(summary = "Rename or recolour a category", description = "Honours If-Match.")
	ResponseEntity<CategoryView> update(@PathVariable UUID id, @Valid @RequestBody CategoryPatchRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, CurrentUser user) {
		Category category = this.categories.update(id, request.name(), request.color(), IfMatch.parse(ifMatch), user);
		return ResponseEntity.ok().eTag(String.valueOf(category.version())).body(CategoryView.of(category));
	}

	@DeleteMapping("/api/v1/categories/{id}")
	@Operation(summary = "Delete a category", description = "Its tasks stay, without a category.")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.categories.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	record CategoryRequest(@NotBlank @Size(max = 100) @PlainText String name,
			@Pattern(regexp = COLOR, message = "must be a colour like #1a2b3c") @Nullable String color) {
	}

	record CategoryPatchRequest(
			@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*",
					message = "must not be blank") @PlainText @Nullable String name,
			@Pattern(regexp = COLOR, message = "must be a colour like #1a2b3c") @Nullable String color) {
	}

}
