package dev.fortress.tasks.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.support.Http;
import dev.fortress.tasks.TaskForgeTest;
import dev.fortress.tasks.api.Comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Moving a task with its subtasks between projects: what follows, what is cleared,
 * atomicity.
 */
class TaskMoveIntegrationTests extends TaskForgeTest {

	@Autowired
	private TaskStore store;

	@Autowired
	private ProjectAccess access;

	@Autowired
	private CategoryService categories;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private Clock clock;

	@Autowired
	private PlatformTransactionManager transactionManager;

	record Tree(LoggedIn owner, LoggedIn mate, UUID source, UUID target, UUID targetBackend, UUID top, UUID root,
			UUID child, UUID sibling) {
	}

	private Tree tree() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn mate = loggedIn("EDITOR");
		UUID source = createProject(owner, "Source");
		UUID target = createProject(owner, "Target");
		addMember(owner, source, mate.id(), "EDITOR");
		UUID backend = createCategory(owner, source, "Backend");
		UUID docs = createCategory(owner, source, "Docs");
		UUID targetBackend = createCategory(owner, target, "BACKEND");
		UUID top = createTask(owner, source, "Epic-ish parent");
		UUID root = createTask(owner, source, "Move me", "parentId", top.toString(), "categoryId", backend.toString(),
				"assigneeId", mate.id().toString(), "labels", List.of("keep"));
		UUID child = createTask(owner, source, "Child", "parentId", root.toString(), "categoryId", docs.toString(),
				"assigneeId", owner.id().toString());
		UUID sibling = createTask(owner, source, "Sibling", "parentId", root.toString());
		return new Tree(owner, mate, source, target, targetBackend, top, root, child, sibling);
	}

	@Test
	void movesTheTaskWithItsSubtasksAndClearsWhatTheTargetLacks() {
		Tree t = tree();
		Http.Response moved = this.http.post("/api/v1/tasks/" + t.root() + "/move", Map.of("projectId", t.target()))
			.token(t.owner().accessToken())
			.send();
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

		JsonNode root = getTask(t.owner(), t.root()).json();
		assertThat(root.path("projectId").asString()).isEqualTo(t.target().toString());
		assertThat(root.path("parentId").isNull()).as("the parent stays behind").isTrue();
		assertThat(root.path("categoryId").asString()).as("same name, any case")
			.isEqualTo(t.targetBackend().toString());
		assertThat(root.path("assigneeId").isNull()).as("not a member of the target").isTrue();
		assertThat(root.path("labels").toString()).isEqualTo("[\"keep\"]");
		JsonNode child = getTask(t.owner(), t.child()).json();
		assertThat(child.path("projectId").asString()).isEqualTo(t.target().toString());
		assertThat(child.path("parentId").asString()).isEqualTo(t.root().toString());
		assertThat(child.path("categoryId").isNull()).as("no Docs category in the target").isTrue();
		assertThat(child.path("assigneeId").asString()).isEqualTo(t.owner().id().toString());
		assertThat(getTask(t.owner(), t.sibling()).json().path("projectId").asString())
			.isEqualTo(t.target().toString());
		assertThat(getTask(t.owner(), t.top()).json().path("projectId").asString()).isEqualTo(t.source().toString());

		JsonNode history = this.http.get("/api/v1/tasks/" + t.root() + "/history")
			.token(t.owner().accessToken())
			.send()
			.json()
			.path("items");
		JsonNode last = history.get(history.size() - 1);
		assertThat(last.path("action").asString()).isEqualTo("MOVED");
		assertThat(last.path("changes").path("projectId").path("to").asString()).isEqualTo(t.target().toString());
		assertThat(last.path("changes").path("assigneeId").path("from").asString()).isEqualTo(t.mate().id().toString());
		assertThat(last.path("changes").path("assigneeId").path("to").isNull()).isTrue();
		assertThat(last.path("changes").has("parentId")).isTrue();
		assertThat(last.path("changes").has("categoryId")).isTrue();

		assertThat(this.http.get("/api/v1/tasks/" + t.child()).token(t.mate().accessToken()).send().status())
			.as("members of the old project no longer see it")
			.isEqualTo(404);
	}

	@Test
	void theCallerMustBeAnEditorInBothProjects() {
		Tree t = tree();
		addMember(t.owner(), t.target(), t.mate().id(), "VIEWER");
		Http.Response denied = this.http.post("/api/v1/tasks/" + t.root() + "/move", Map.of("projectId", t.target()))
			.token(t.mate().accessToken())
			.send();
		assertThat(denied.status()).isEqualTo(403);
		Http.Response invisibleTarget = this.http
			.post("/api/v1/tasks/" + t.root() + "/move", Map.of("projectId", UUID.randomUUID()))
			.token(t.owner().accessToken())
			.send();
		assertThat(invisibleTarget.status()).isEqualTo(404);
		Http.Response same = this.http.post("/api/v1/tasks/" + t.root() + "/move", Map.of("projectId", t.source()))
			.token(t.owner().accessToken())
			.send();
		assertThat(same.status()).isEqualTo(400);
		assertThat(getTask(t.owner(), t.root()).json().path("projectId").asString()).isEqualTo(t.source().toString());
	}

	@Test
	void aFailureHalfWayMovesNothing() {
		Tree t = tree();
		String before = snapshot(t);
		// the store fails on the second task of three (root, child, sibling): the root
		// was already written
		TaskStore failing = new FailingAfter(this.store, 1);
		TaskMover mover = new TaskMover(failing, this.access, this.categories, this.events, this.clock);
		CurrentUser owner = new CurrentUser(t.owner().id(), Role.EDITOR);

		assertThatThrownBy(() -> new TransactionTemplate(this.transactionManager)
			.executeWithoutResult(status -> mover.move(t.root(), t.target(), owner)))
			.hasMessageContaining("injected failure");

		assertThat(((FailingAfter) failing).updates.get()).as("the failure really came half-way").isEqualTo(2);
		assertThat(snapshot(t)).isEqualTo(before);
	}

	@Test
	void aSubtaskCreatedWhileItsParentMovesNeverEndsUpInTheOldProject() throws Exception {
		Tree t = tree();
		TaskMover mover = new TaskMover(this.store, this.access, this.categories, this.events, this.clock);
		CurrentUser owner = new CurrentUser(t.owner().id(), Role.EDITOR);
		AtomicReference<CompletableFuture<Http.Response>> create = new AtomicReference<>();

		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			mover.move(t.root(), t.target(), owner);
			// the move is written but not committed: a subtask of the root arrives now
			create.set(CompletableFuture.supplyAsync(() -> postTask(t.owner(), t.source(),
					Map.of("title", "Late child", "type", "TASK", "priority", "LOW", "parentId", t.root()))));
			try {
				Thread.sleep(700);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});

		Http.Response created = create.get().get(30, TimeUnit.SECONDS);
		assertThat(created.status()).as(created.toString()).isEqualTo(400);
		Integer strays = this.jdbc.sql("""
				select count(*) from tasks c join tasks p on p.id = c.parent_id where c.project_id <> p.project_id
				and p.id = :root
				""").param("root", t.root()).query(Integer.class).single();
		assertThat(strays).isZero();
	}

	/** Project, version and history length of every task of the tree, as stored. */
	private String snapshot(Tree t) {
		return this.jdbc
			.sql("""
					select string_agg(t.title || ':' || t.project_id || ':' || t.version || ':' || coalesce(t.category_id::text, '-')
					                  || ':' || (select count(*) from task_versions v where v.task_id = t.id), ',' order by t.title)
					from tasks t where t.id = any(:ids)
					""")
			.param("ids", new UUID[] { t.top(), t.root(), t.child(), t.sibling() })
			.query(String.class)
			.single();
	}

	/** A store that throws on its n+1-th update, after n real ones. */
	static final class FailingAfter implements TaskStore {

		private final TaskStore delegate;

		private final int allowed;

		final AtomicInteger updates = new AtomicInteger();

		FailingAfter(TaskStore delegate, int allowed) {
			this.delegate = delegate;
			this.allowed = allowed;
		}

		@Override
		public boolean update(Task task, long expectedVersion, TaskVersion version) {
			if (this.updates.incrementAndGet() > this.allowed) {
				throw new IllegalStateException("injected failure");
			}
			return this.delegate.update(task, expectedVersion, version);
		}

		@Override
		public void insert(Task task, TaskVersion created) {
			this.delegate.insert(task, created);
		}

		@Override
		public Optional<Task> find(UUID id) {
			return this.delegate.find(id);
		}

		@Override
		public Optional<Task> findForUpdate(UUID id) {
			return this.delegate.findForUpdate(id);
		}

		@Override
		public void delete(UUID id) {
			this.delegate.delete(id);
		}

		@Override
		public void deleteProject(UUID projectId) {
			this.delegate.deleteProject(projectId);
		}

		@Override
		public List<Task> children(UUID parentId) {
			return this.delegate.children(parentId);
		}

		@Override
		public List<Task> search(TaskSearch search) {
			return this.delegate.search(search);
		}

		@Override
		public int countInProject(UUID projectId) {
			return this.delegate.countInProject(projectId);
		}

		@Override
		public List<TaskVersion> versions(UUID taskId) {
			return this.delegate.versions(taskId);
		}

		@Override
		public Optional<TaskVersion> version(UUID taskId, long version) {
			return this.delegate.version(taskId, version);
		}

		@Override
		public void addComment(Comment comment) {
			this.delegate.addComment(comment);
		}

		@Override
		public List<Comment> comments(UUID taskId) {
			return this.delegate.comments(taskId);
		}

		@Override
		public Map<UUID, Integer> commentCounts(Collection<UUID> taskIds) {
			return this.delegate.commentCounts(taskIds);
		}

		@Override
		public java.util.Optional<Comment> comment(UUID commentId) {
			return this.delegate.comment(commentId);
		}

		@Override
		public boolean holdComment(UUID commentId, boolean held) {
			return this.delegate.holdComment(commentId, held);
		}

		@Override
		public boolean deleteComment(UUID commentId) {
			return this.delegate.deleteComment(commentId);
		}

	}

}
