/** The moderators' queue over HTTP (ADMIN). */
@NullMarked
package dev.fortress.moderation.web;

import org.jspecify.annotations.NullMarked;
