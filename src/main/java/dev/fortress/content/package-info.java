/**
 * Content: articles that teams write in Fortress, a small knowledge base. An article is a
 * markdown body rendered to sanitised HTML, with tags, a status (DRAFT → REVIEW →
 * PUBLISHED), a version per change (diffed, revertible) and a visibility: the workspace
 * or one project. Every change is published as an
 * {@link dev.fortress.content.ArticleChanged} or
 * {@link dev.fortress.content.ArticleDeleted}; other modules read an article's text
 * through {@link dev.fortress.content.ContentApi}.
 */
@NullMarked
package dev.fortress.content;

import org.jspecify.annotations.NullMarked;
