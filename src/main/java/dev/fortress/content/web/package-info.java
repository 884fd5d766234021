/** The REST adapter of the content module. */
@NullMarked
package dev.fortress.content.web;

import org.jspecify.annotations.NullMarked;
