/** The content module's use cases, rules and storage. */
@NullMarked
package dev.fortress.content.internal;

import org.jspecify.annotations.NullMarked;
