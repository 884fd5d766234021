/**
 * The contract between the modules that hold what users write (chat messages, comments,
 * articles) and the moderation module that screens it: the owners call
 * {@link dev.fortress.platform.moderation.ContentScreen} while storing new text and react
 * to {@link dev.fortress.platform.moderation.ContentModerated}. It lives in the platform
 * so that neither side depends on the other's module.
 */
@NullMarked
package dev.fortress.platform.moderation;

import org.jspecify.annotations.NullMarked;
