import type { Executor } from "../client.js";
import type {
  ConsultationMemberRow,
  ConsultationRole,
  ConsultationRow,
  ConsultationUpdate,
  NewConsultationRow,
  PhaseChangeRow,
} from "../schema.js";


const COLUMNS = [
  "id",
  "slug",
  "title",
  "summary",
  "status",
  "opens_at",
  "closes_at",
  "moderation_mode",
  "premoderate_first_posts",
  "show_moderator_names",
  "content_language",
  "time_zone",
  "drafting_mode",
  "created_by",
  "created_at",
  "updated_at",
] as const;

export async function insertConsultation(db: Executor, row: NewConsultationRow): Promise<void> {
  await db.insertInto("consultation").values(row).execute();
}

export async function findConsultationBySlug(db: Executor, slug: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom("consultation").select(COLUMNS).where("slug", "=", slug).executeTakeFirst();
}

export async function findConsultationById(db: Executor, id: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom("consultation").select(COLUMNS).where("id", "=", id).executeTakeFirst();
}

/**
 * Consultations a visitor may list: everything past `draft`, plus drafts the
 * given user is a member of (or all drafts for a site admin).
 */
export async function listVisibleConsultations(
  db: Executor,
  viewer: { userId: string | null; isAdmin: boolean },
  page: { limit: number; after?: { createdAt: string; id: string } },
): Promise<ConsultationRow[]> {
  let q = db.selectFrom("consultation").select(COLUMNS);
  if (!viewer.isAdmin) {
    const userId = viewer.userId;
    q = q.where((eb) =>
      userId
        ? eb.or([
            eb("status", "!=", "draft"),
            eb(
              "id",
              "in",
              eb.selectFrom("consultation_member").select("consultation_id").where("user_id", "=", userId),
            ),
          ])
        : eb("status", "!=", "draft"),
    );
  }
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("created_at", "<", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)]),
      ]),
    );
  }
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
}

export async function updateConsultation(db: Executor, id: string, patch: ConsultationUpdate): Promise<void> {
  await db.updateTable("consultation").set(patch).where("id", "=", id).execute();
}

export async function findMemberRole(
  db: Executor,
  consultationId: string,
  userId: string,
): Promise<ConsultationRole | undefined> {
  const row = await db
    .selectFrom("consultation_member")
    .select("role")
    .where("consultation_id", "=", consultationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role;
}

export interface MemberWithUser extends ConsultationMemberRow {
  email: string;
  display_name: string;
  organisation: string;
}

export async function listMembers(db: Executor, consultationId: string): Promise<MemberWithUser[]> {
  return db
    .selectFrom("consultation_member")
    .innerJoin("user", "user.id", "consultation_member.user_id")
    .select([
      "consultation_member.consultation_id",
      "consultation_member.user_id",
      "consultation_member.role",
      "consultation_member.created_at",
      "user.email",
      "user.display_name",
      "user.organisation",
    ])
    .where("consultation_member.consultation_id", "=", consultationId)
    .orderBy("consultation_member.created_at", "asc")
    .execute();
}

/** Adds the member or changes their role. */
export async function upsertMember(db: Executor, row: ConsultationMemberRow): Promise<void> {
  await db
    .insertInto("consultation_member")
    .values(row)
    .onConflict((oc) => oc.columns(["consultation_id", "user_id"]).doUpdateSet({ role: row.role }))
    .execute();
}

export async function deleteMember(db: Executor, consultationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("consultation_member")
    .where("consultation_id", "=", consultationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countOwners(db: Executor, consultationId: string): Promise<number> {
  const row = await db
    .selectFrom("consultation_member")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("consultation_id", "=", consultationId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPhaseChange(db: Executor, row: PhaseChangeRow): Promise<void> {
  await db.insertInto("phase_change").values(row).execute();
}

/** The phase changes of several consultations, oldest first (for the dates their windows really opened and closed). */
export async function listPhaseChangesOf(db: Executor, consultationIds: readonly string[]): Promise<Pick<PhaseChangeRow, "consultation_id" | "to_status" | "created_at">[]> {
  if (consultationIds.length === 0) return [];
  return db
    .selectFrom("phase_change")
    .select(["consultation_id", "to_status", "created_at"])
    .where("consultation_id", "in", consultationIds)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

export async function listPhaseChanges(db: Executor, consultationId: string): Promise<PhaseChangeRow[]> {
  return db
    .selectFrom("phase_change")
    .select(["id", "consultation_id", "from_status", "to_status", "actor_id", "created_at"])
    .where("consultation_id", "=", consultationId)
    .orderBy("created_at", "asc")
    .execute();
}
