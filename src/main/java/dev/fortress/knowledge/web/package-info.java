/** The REST adapter of the knowledge module: search, related items, re-index. */
@NullMarked
package dev.fortress.knowledge.web;

import org.jspecify.annotations.NullMarked;
