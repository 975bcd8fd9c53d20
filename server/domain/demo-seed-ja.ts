import type { Db } from "../../db/client.js";
import { findChangeSetOfSuggestion, findLastChangeSet } from "../../db/queries/collab.js";
import { findConsultationBySlug } from "../../db/queries/consultation.js";
import { findSectionById, listSectionSummaries } from "../../db/queries/section.js";
import type { UserProfile } from "../../db/queries/user.js";
import { DEMO_JA_ACCOUNTS, DEMO_JA_SLUG, readDemoJaMarkdown } from "../../db/seed/demo-ja.js";
import { requireConsultation } from "../auth/access.js";
import { publishVersion } from "../history/versions.js";
import { MARKDOWN_MAX_NESTING } from "../text/markdown.js";
import { acceptSuggestion, createComment, declineSuggestion, takePosition } from "./comments/index.js";
import { createConsultation } from "./consultations/index.js";
import { recordDisposition } from "./dispositions/index.js";
import { addDemoTeam, openDemo, replaceText, seedAccounts, type DemoHistoryDeps } from "./demo-steps.js";
import { parseMarkdownDocument } from "./import-parse.js";

const TIME_ZONE = "Asia/Tokyo";
const OPENED_DAYS_AGO = 5;
const OPEN_FOR_DAYS = 30;
const DAY_MS = 86_400_000;

/** The day in Japan `daysFromNow` days from now, at a wall-clock time there, as an ISO instant. */
function tokyoTime(daysFromNow: number, time: string): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + daysFromNow * DAY_MS));
  return new Date(`${day}T${time}+09:00`).toISOString();
}

/**
 * The Japanese demo: 「AI事業者向けガイドライン（案）」, written in Japanese and shown in
 * Japan time, with its own Japanese accounts (interface in Japanese). Created once, like the
 * English demo; the accounts' password is reset on every run. With `history`, it gets what a
 * Japanese reader needs to see the whole product: comments and replies on passages, two
 * suggested amendments (one accepted, one declined with its reason), positions from several
 * stakeholder groups, responses to comments and a second version to compare with the first.
 */
export async function seedJapaneseDemo(db: Db, password: string, history: DemoHistoryDeps | null): Promise<void> {
  const users = await seedAccounts(db, DEMO_JA_ACCOUNTS, password, "ja");
  if (await findConsultationBySlug(db.kysely, DEMO_JA_SLUG)) return;
  const byEmail = (email: string) => users.find((u) => u.account.email === email)!.user;
  const owner = byEmail("yamamoto@example.jp");
  const doc = parseMarkdownDocument(readDemoJaMarkdown(), MARKDOWN_MAX_NESTING);
  const consultation = await createConsultation(
    db,
    owner,
    { title: doc.title ?? DEMO_JA_SLUG, slug: DEMO_JA_SLUG, summary: doc.summary, opensAt: null, closesAt: null, moderationMode: "post", contentLanguage: "ja", timeZone: TIME_ZONE },
    doc.sections,
  );
  await addDemoTeam(db, consultation.id, users);
  const sections = await listSectionSummaries(db.kysely, consultation.id);
  if (history) {
    // Drafting before opening stays with the team; the public record starts at the opening.
    await history.collab.applyEdit({
      sectionId: sections[5]!.id,
      consultationId: consultation.id,
      author: byEmail("sato@example.jp").id,
      credit: [],
      suggestionId: null,
      edit: (d) => replaceText(d, "想定されるリスクを特定し", "想定されるリスクを、影響を受ける人々の視点も含めて特定し"),
    });
  }
  // Opened at 10:00 and closing at 23:59 Japan time, as a ministry's call for comments would.
  const opensAt = tokyoTime(-OPENED_DAYS_AGO, "10:00:00");
  await openDemo(db, consultation.id, owner.id, opensAt, tokyoTime(OPEN_FOR_DAYS, "23:59:00"));
  if (history) await commentAndRevise(db, history, byEmail, opensAt);
}

async function commentAndRevise(db: Db, deps: DemoHistoryDeps, byEmail: (email: string) => UserProfile, opensAt: string): Promise<void> {
  const full = { ...deps, db };
  const owner = byEmail("yamamoto@example.jp");
  const drafter = byEmail("sato@example.jp");
  const industry = byEmail("tanaka@example.jp");
  const startup = byEmail("suzuki@example.jp");
  const civil = byEmail("takahashi@example.jp");
  const academia = byEmail("watanabe@example.jp");
  const individual = byEmail("ito@example.jp");
  const viewAs = (u: UserProfile) => requireConsultation(db, DEMO_JA_SLUG, u);
  const consultation = (await viewAs(owner)).consultation;
  const sections = await Promise.all((await listSectionSummaries(db.kysely, consultation.id)).map(async (s) => (await findSectionById(db.kysely, s.id))!));
  const section = (position: number) => sections[position - 1]!;
  const [scope, principles, providers, userDuties, risk, transparency] = [section(1), section(2), section(4), section(5), section(6), section(7)];
  // The first version is what opened for comment, so it carries the opening's date.
  await publishVersion(full, await viewAs(drafter), drafter, { name: "意見募集版", note: "意見募集を開始した時点の案です。" }, opensAt);

  const onProviders = await createComment(full, await viewAs(industry), providers, industry, {
    kind: "comment",
    body: "「十分な情報」が何を指すのかが明確ではありません。提供者ごとに解釈が分かれると、利用者が比較検討しにくくなります。最低限提供すべき項目を例示していただけないでしょうか。",
    quote: { exact: "AI利用者に対して十分な情報を提供する" },
  });
  const onPrinciples = await createComment(full, await viewAs(academia), principles, academia, {
    kind: "comment",
    body: "「共同責任」という表現は、かえって責任の所在が曖昧になるとの受け止めにつながりかねません。各主体が自らの役割に応じた責任を負うことが伝わる表現を御検討ください。",
    quote: { exact: "「共同責任」の考え方" },
  });
  const disclose = await createComment(full, await viewAs(civil), transparency, civil, {
    kind: "suggestion",
    body: "「必要に応じて」では、知らせるかどうかが事業者の判断に委ねられてしまいます。AIの利用は原則として知らせることとし、知らせなくてよい場合を例外として示すべきだと考えます。",
    replacement: "原則として",
    quote: { exact: "必要に応じて" },
  });
  const deadline = await createComment(full, await viewAs(startup), risk, startup, {
    kind: "suggestion",
    body: "創業間もない小規模な事業者にとって、72時間以内に第一報を共有する体制を常に維持することは大きな負担です。期限を区切らず「速やかに」としていただくようお願いします。",
    replacement: "速やかに",
    quote: { exact: "72時間以内に" },
  });
  const onUsers = await createComment(full, await viewAs(civil), userDuties, civil, {
    kind: "comment",
    body: "AIの出力を参考にして判断したことを、影響を受ける本人に伝える仕組みも必要ではないでしょうか。本人が知らなければ、人間による確認を求めることもできません。",
    quote: { exact: "AIの出力のみに依拠してはならない" },
  });
  await createComment(full, await viewAs(industry), userDuties, industry, {
    kind: "comment",
    parentId: onUsers.id,
    body: "本人への通知は、第7章「透明性と説明責任」でも扱われていると理解しています。章をまたいで規定が重複しないよう整理していただけると、事業者としても対応しやすくなります。",
  });
  const question = await createComment(full, await viewAs(individual), scope, individual, {
    kind: "comment",
    body: "私のような個人事業主も「事業者」に含まれるのでしょうか。一人で仕事をしている者にとって、ここに書かれた取組を全て行うのは難しいと感じます。",
    quote: { exact: "全ての事業者（以下「AI事業者」という。）" },
  });
  await createComment(full, await viewAs(drafter), scope, drafter, {
    kind: "comment",
    parentId: question.id,
    body: "御質問ありがとうございます。個人事業主の方も、事業としてAIを利用する場合は対象に含まれます。ただし、求める取組はリスクの大きさに応じたものであり、規模の小さな事業者に過大な負担を求める趣旨ではありません。いただいた御意見は、他の御意見と併せて検討いたします。",
  });

  // 賛否: where each stakeholder group stands on the section it cares about.
  await takePosition(full, await viewAs(industry), providers, industry, { stance: "support_with_changes", rationale: "方向性には賛成します。ただし、提供すべき情報の範囲を明確にしていただく必要があります。" });
  await takePosition(full, await viewAs(startup), risk, startup, { stance: "oppose", rationale: "72時間以内という期限は、小規模な事業者には対応が難しいため反対します。", quote: { exact: "72時間以内に" } });
  await takePosition(full, await viewAs(civil), transparency, civil, { stance: "support_with_changes", rationale: "AIの利用を原則として知らせることとするのであれば、賛成します。" });
  await takePosition(full, await viewAs(academia), principles, academia, { stance: "support", rationale: "人間中心とリスクベースの考え方を基本に据える方針に賛成します。" });
  await takePosition(full, await viewAs(individual), scope, individual, { stance: "neutral", rationale: "対象となる事業者の範囲がはっきりしてから判断したいと思います。" });

  const ownerView = await viewAs(owner);
  await acceptSuggestion(full, ownerView, transparency, owner, disclose.id);
  const accepted = await findChangeSetOfSuggestion(db.kysely, disclose.id);
  const drafterView = await viewAs(drafter);
  await declineSuggestion(
    full,
    drafterView,
    risk,
    drafter,
    deadline.id,
    "期限の目安がない場合、共有が遅れて被害が広がるおそれがあるため、原案のとおりとします。なお、第一報は判明している範囲の情報で足り、原因の特定を待つ必要はない旨を本文で明記しています。",
  );
  await deps.collab.applyEdit({
    sectionId: providers.id,
    consultationId: consultation.id,
    author: drafter.id,
    credit: [],
    suggestionId: null,
    edit: (d) => replaceText(d, "AI利用者に対して十分な情報を提供する", "AI利用者に対して十分な情報（AIの用途、性能の限界、利用上の注意事項等）を提供する"),
  });
  const change = await findLastChangeSet(db.kysely, providers.id);

  // 提出意見に対する考え方: the team's answers, in the words a ministry would publish.
  await recordDisposition(full, drafterView, drafter, {
    commentId: disclose.id,
    outcome: "adopted",
    response: "御意見のとおり修正しました。AIの利用は原則として知らせることとし、知らせなくてもよい場合の考え方は、今後作成する解説資料でお示しします。",
    changeSetIds: accepted ? [accepted] : [],
  });
  await recordDisposition(full, drafterView, drafter, {
    commentId: onProviders.id,
    outcome: "partly_adopted",
    response:
      "御指摘を踏まえ、提供すべき情報の例として、AIの用途、性能の限界及び利用上の注意事項を本文に追記しました。なお、全ての製品やサービスに共通する網羅的な項目を定めることは難しいため、具体的な項目は、製品やサービスの特性に応じて各提供者が判断することとしています。",
    changeSetIds: change ? [change.id] : [],
  });
  await recordDisposition(full, drafterView, drafter, {
    commentId: onPrinciples.id,
    outcome: "noted",
    response: "貴重な御意見として承ります。各主体の責任は第3章から第5章において役割ごとに定めており、「共同責任」は責任を分散させる趣旨ではありません。この趣旨は、今後作成する解説資料で補足することを検討します。",
    changeSetIds: [],
  });
  await recordDisposition(full, drafterView, drafter, {
    commentId: onUsers.id,
    outcome: "not_adopted",
    response:
      "影響を受ける本人への通知については、第7章「透明性と説明責任」において、AIの出力が個人に関する判断に大きく影響する場合にはその旨を明示することとしています。規定の重複を避けるため、第5章には追記しないこととします。",
    changeSetIds: [],
  });
  await publishVersion(full, drafterView, drafter, {
    name: "修正案（第2版）",
    note: "これまでに寄せられた御意見を踏まえ、AI提供者が提供すべき情報の例示と、AIの利用を原則として知らせる旨を改めました。",
  });
}
