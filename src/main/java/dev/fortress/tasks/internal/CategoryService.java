package dev.fortress.tasks.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.tasks.api.Category;

/** Categories of a project: read by every member, changed by editors and owners. */
@Service
public class CategoryService {

	private final Categories categories;

	private final ProjectAccess access;

	private final TaskReferences references;

	private final Clock clock;

	CategoryService(Categories categories, ProjectAccess access, TaskReferences references, Clock clock) {
		this.categories = categories;
		this.access = access;
		this.references = references;
		this.clock = clock;
	}

	@Transactional
	public Category create(UUID projectId, String name, @Nullable String color, CurrentUser user) {
		this.access.requireEditor(projectId, user);
		Category category = new Category(Ids.newId(), projectId, name.strip(), color, 0,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.categories.insert(category);
		return category;
	}

	public List<Category> list(UUID projectId, CurrentUser user) {
		this.access.requireViewer(projectId, user);
		return this.categories.list(projectId);
	}

	/**
	 * The categories with these ids, by id, in one statement; those of projects the
	 * caller may not see are absent, as unknown ids are.
	 */
	public Map<UUID, Category> findAll(Collection<UUID> ids, CurrentUser user) {
		List<Category> found = this.categories.findAll(ids);
		Set<UUID> visible = this.access.visible(found.stream().map(Category::projectId).toList(), user);
		Map<UUID, Category> byId = new HashMap<>();
		found.stream().filter(c -> visible.contains(c.projectId())).forEach(c -> byId.put(c.id(), c));
		return byId;
	}

	@Transactional
	public Category update(UUID id, @Nullable String name, @Nullable String color, IfMatch ifMatch, CurrentUser user) {
		Category current = visible(id, user);
		this.access.requireEditor(current.projectId(), user);
		ifMatch.check(current.version());
		Category changed = new Category(id, current.projectId(), name == null ? current.name() : name.strip(),
				color == null ? current.color() : color, current.version(), current.createdAt());
		if (!this.categories.update(changed, current.version())) {
			throw ApiException.conflict("The category was changed concurrently; reload it and retry");
		}
		return this.categories.find(id).orElseThrow();
	}

	/**
	 * Deletes the category; its tasks keep existing without one, each with a new version
	 * saying so.
	 */
	@Transactional
	public void delete(UUID id, CurrentUser user) {
		Category current = visible(id, user);
		this.access.requireEditor(current.projectId(), user);
		this.references.uncategorise(current.projectId(), id, user.id());
		this.categories.delete(id);
	}

	/** The category if the caller may see its project; 404 otherwise. */
	private Category visible(UUID id, CurrentUser user) {
		Category category = this.categories.find(id).orElseThrow(() -> ApiException.notFound("Category"));
		if (this.access.effectiveRole(category.projectId(), user).isEmpty()) {
			throw ApiException.notFound("Category");
		}
		return category;
	}

	/** The category if it exists and belongs to the project (for task references). */
	boolean belongsTo(UUID categoryId, UUID projectId) {
		return this.categories.find(categoryId).filter(c -> c.projectId().equals(projectId)).isPresent();
	}

}
