package dev.fortress.content.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.content.ArticleStatus;
import dev.fortress.content.internal.Article;
import dev.fortress.content.internal.ArticleService;
import dev.fortress.content.internal.ArticleVersion;
import dev.fortress.content.web.ArticleRequests.CreateArticle;
import dev.fortress.content.web.ArticleRequests.PatchArticle;
import dev.fortress.content.web.ArticleRequests.Revert;
import dev.fortress.identity.CurrentUser;

@RestController
@Tag(name = "Articles", description = "Markdown articles: DRAFT → REVIEW → PUBLISHED, versions, revert")
class ArticleController {

	private final ArticleService articles;

	ArticleController(ArticleService articles) {
		this.articles = articles;
	}

	@PostMapping("/api/v1/articles")
	@Operation(summary = "Write an article",
			description = "DRAFT unless a status is given; only a publisher (project OWNER, or ADMIN for a "
					+ "workspace article) may create it PUBLISHED. projectId the caller cannot read: 404.")
	ResponseEntity<Article> create(@Valid @RequestBody CreateArticle request, CurrentUser user) {
		Article article = this.articles.create(request.title(), request.body(), request.normalisedTags(),
				request.projectId(), request.status(), user);
		return ResponseEntity.created(URI.create("/api/v1/articles/" + article.id()))
			.eTag(String.valueOf(article.version()))
			.body(article);
	}

	@GetMapping("/api/v1/articles")
	@Operation(summary = "Articles the caller may see",
			description = "Published ones they may read and their own; q = full-text search (best match first), "
					+ "else most recently changed first.")
	ArticleList list(
			@RequestParam(required = false) @Size(max = 200) @Pattern(regexp = ArticleRequests.NO_NUL,
					message = "must not contain NUL characters") @Nullable String q,
			@RequestParam(required = false) @Pattern(regexp = ArticleRequests.TAG,
					message = "must be 1-50 letters, digits or dashes") @Nullable String tag,
			@RequestParam(required = false) @Nullable UUID projectId,
			@RequestParam(required = false) @Nullable ArticleStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit, CurrentUser user) {
		String query = q == null || q.isBlank() ? null : q;
		String normalisedTag = tag == null ? null : ArticleRequests.normalise(List.of(tag)).get(0);
		return new ArticleList(this.articles.list(query, normalisedTag, projectId, status, limit, user));
	}

	@GetMapping("/api/v1/articles/{id}")
	@Operation(summary = "One article", description = "With its sanitised HTML. 404 if the caller may not see it.")
	ResponseEntity<Article> get(@PathVariable UUID id, CurrentUser user) {
		return withETag(this.articles.get(id, user));
	}

	@PatchMapping("/api/v1/articles/{id}")
	@Operation(summary = "Change an article",
			description = "Absent fields stay. Author: DRAFT and REVIEW, and back to DRAFT; publishers: anything, "
					+ "including PUBLISHED. Each change is a new version.")
	ResponseEntity<Article> update(@PathVariable UUID id, @Valid @RequestBody PatchArticle request, CurrentUser user) {
		return withETag(this.articles.update(id, request.toPatch(), user));
	}

	@DeleteMapping("/api/v1/articles/{id}")
	@Operation(summary = "Delete an article and its versions (author or publisher)")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.articles.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/articles/{id}/versions")
	@Operation(summary = "An article's versions, oldest first, each with its body's diff")
	VersionList versions(@PathVariable UUID id, CurrentUser user) {
		return new VersionList(this.articles.versions(id, user));
	}

	@PostMapping("/api/v1/articles/{id}/revert")
	@Operation(summary = "Make an earlier version's content current, as a new version",
			description = "400 for a version the article never had.")
	ResponseEntity<Article> revert(@PathVariable UUID id, @Valid @RequestBody Revert request, CurrentUser user) {
		return withETag(this.articles.revert(id, request.version(), user));
	}

	private static ResponseEntity<Article> withETag(Article article) {
		return ResponseEntity.ok().eTag(String.valueOf(article.version())).body(article);
	}

	record ArticleList(List<Article> items) {
	}

	record VersionList(List<ArticleVersion> items) {
	}

}
