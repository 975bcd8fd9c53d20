import type { Kysely } from "kysely";

// Frozen in time: this file must not import application code.

/**
 * Languages and time zones (issue 15). A person may choose the interface
 * language (null: the cookie or the browser decides). Each consultation and
 * information request has the language its content is written in and the time
 * zone its dates are read and shown in; existing rows are English and UTC, as
 * they were shown until now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("locale", "text").execute();
  for (const table of ["consultation", "info_request"]) {
    await db.schema
      .alterTable(table)
      .addColumn("content_language", "text", (c) => c.notNull().defaultTo("en"))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["info_request", "consultation"]) {
    await db.schema.alterTable(table).dropColumn("time_zone").execute();
    await db.schema.alterTable(table).dropColumn("content_language").execute();
  }
  await db.schema.alterTable("user").dropColumn("locale").execute();
}
