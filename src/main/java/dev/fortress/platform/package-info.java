/**
 * The shared platform every module stands on: the request gates (request id, rate limit,
 * security headers, body size), the problem+json error model, paging, ids, the clock and
 * the database. It is an open module: its sub-packages are public API for the others.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.fortress.platform;
