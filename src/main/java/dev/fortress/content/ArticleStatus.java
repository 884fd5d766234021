package dev.fortress.content;

/**
 * Where an article is in its life: a DRAFT only its author sees, in REVIEW its author and
 * its publishers see, PUBLISHED everyone who may read its project (or the workspace)
 * sees.
 */
public enum ArticleStatus {

	DRAFT, REVIEW, PUBLISHED

}
