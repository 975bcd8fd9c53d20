import { z } from "zod";
import { findConsultationById } from "../../../db/queries/consultation.js";
import { requireConsultation } from "../../auth/access.js";
import { listCampaigns, listVariations, PUBLIC_VIEWER, readCampaign, type CampaignSummary } from "../../domain/grouping/campaign-read.js";
import { AppError, notFound } from "../../errors.js";
import type { Services } from "../context.js";
import { CampaignDetailSchema, CampaignSchema, pageSchema } from "../../presenters/wire.js";
import { CursorPageQuerySchema, decodeCursor, encodeCursor, pageOf } from "./paging.js";
import { defineRoute, type ApiRoute } from "./registry.js";

/** A cursor over a list ordered by count: the count and the row's key (the cursor's two fields). */
function countCursor(cursor: string | undefined): { count: number; key: string } | undefined {
  const c = decodeCursor(cursor);
  if (!c) return undefined;
  const count = z.coerce.number().int().min(0).safeParse(c.createdAt);
  if (!count.success) throw new AppError("invalid_input", "The cursor is not one this API gave out.");
  return { count: count.data, key: c.id };
}

function presentCampaign(c: CampaignSummary) {
  return {
    id: c.id,
    count: c.count,
    text: c.text,
    sectionId: c.sectionId,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
  };
}

/**
 * Campaigns (issue 18, ADR 030): a consultation's near-identical submissions, and one
 * campaign's variations. Public data only, whoever asks, like the comments: counts are of
 * public, published submissions, so a confidential, held or hidden copy is never counted.
 */
export function campaignRoutes(services: Services): ApiRoute[] {
  const { db } = services;
  return [
    defineRoute({
      method: "get",
      path: "/consultations/:slug/campaigns",
      tag: "campaigns",
      summary: "A consultation's campaigns (near-identical submissions), largest first",
      access: "public",
      query: CursorPageQuerySchema,
      responses: [
        {
          status: 200,
          schema: pageSchema(CampaignSchema),
          description: "A page of campaigns.",
        },
      ],
      async run({ req, user, query: q }) {
        const view = await requireConsultation(db, String(req.params.slug), user);
        const after = countCursor(q.cursor);
        const rows = await listCampaigns(db, view.consultation.id, PUBLIC_VIEWER, {
          limit: q.limit + 1,
          ...(after ? { after: { count: after.count, id: after.key } } : {}),
        });
        const page = pageOf(rows, q.limit, (last) => encodeCursor(String(last.count), last.id));
        return {
          items: page.items.map(presentCampaign),
          nextCursor: page.next,
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/campaigns/:id",
      tag: "campaigns",
      summary: "One campaign with its variations, most common first",
      access: "public",
      query: CursorPageQuerySchema,
      responses: [
        {
          status: 200,
          schema: CampaignDetailSchema,
          description: "The campaign; its variations are paged with `?limit&cursor`.",
        },
      ],
      async run({ req, user, query: q }) {
        const id = String(req.params.id);
        const group = await db.kysely.selectFrom("comment_group").select(["consultation_id"]).where("id", "=", id).where("kind", "=", "campaign").executeTakeFirst();
        const consultation = group && (await findConsultationById(db.kysely, group.consultation_id));
        if (!consultation) throw notFound("That campaign");
        // Visible consultation first (a draft's campaigns are its team's), then a campaign for the public.
        const view = await requireConsultation(db, consultation.slug, user).catch(() => {
          throw notFound("That campaign");
        });
        const campaign = await readCampaign(db, id, PUBLIC_VIEWER);
        if (!campaign) throw notFound("That campaign");
        const after = countCursor(q.cursor);
        const rows = await listVariations(db, id, PUBLIC_VIEWER, {
          limit: q.limit + 1,
          ...(after ? { after } : {}),
        });
        const page = pageOf(rows, q.limit, (last) => encodeCursor(String(last.count), last.key));
        return {
          ...presentCampaign(campaign),
          consultation: view.consultation.slug,
          variations: {
            items: page.items.map((v) => ({
              kind: v.kind,
              text: v.text,
              count: v.count,
            })),
            nextCursor: page.next,
          },
        };
      },
    }),
  ];
}
