package dev.fortress.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * The role the application (and Flyway) connects to the embedded PostgreSQL as: it may
 * log in and owns the {@code public} schema with everything in it, and nothing more. It
 * is no superuser, cannot create roles or databases, and is in none of the roles that
 * read or write server files or run programs, so a hijacked connection cannot
 * {@code COPY … TO PROGRAM}, change another role or reach outside the application's data.
 * <p>
 * Made idempotent and applied by the superuser at every start, so a data directory
 * created before this role existed (its schema owned by the superuser) is brought into
 * line on its first start.
 */
final class ApplicationRole {

	static final String NAME = "fortress";

	/**
	 * Hands the tables and stand-alone sequences that the superuser created (when
	 * migrations ran as it) to the role; indexes and a column's sequence follow their
	 * table. The schema holds no other kinds of object, and from now on every migration
	 * runs as the role, so what it creates is the role's already.
	 */
	private static final String TAKE_OVER_SCHEMA = """
			do $$
			declare
			    relation record;
			begin
			    for relation in
			        select c.oid::regclass as name, c.relkind
			        from pg_class c
			        where c.relnamespace = 'public'::regnamespace
			          and c.relowner <> 'fortress'::regrole
			          and (c.relkind in ('r', 'p', 'v', 'm')
			               or (c.relkind = 'S' and not exists (select 1 from pg_depend d
			                                                   where d.objid = c.oid and d.deptype in ('a', 'i'))))
			    loop
			        execute format('alter %s %s owner to fortress',
			                       case relation.relkind when 'S' then 'sequence' when 'v' then 'view'
			                                             when 'm' then 'materialized view' else 'table' end,
			                       relation.name);
			    end loop;
			end
			$$""";

	private ApplicationRole() {
	}

	/** Creates or corrects the role, sets its password and gives it the schema. */
	static void apply(DataSource superuser, String password) throws SQLException {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			if (!exists(connection)) {
				statement.execute("create role fortress");
			}
			statement
				.execute("alter role fortress login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
			// the driver hashes the password (SCRAM) and quotes the result; it never
			// travels or gets logged in clear
			connection.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
			statement.execute("alter schema public owner to fortress");
			// nobody else may add objects to the application's schema
			statement.execute("revoke create on schema public from public");
			statement.execute(TAKE_OVER_SCHEMA);
			connection.commit();
		}
	}

	private static boolean exists(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
			query.setString(1, NAME);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

}
