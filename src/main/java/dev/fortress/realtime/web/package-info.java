/** The realtime module's REST endpoints. */
@NullMarked
package dev.fortress.realtime.web;

import org.jspecify.annotations.NullMarked;
