import type { create as en } from "../en/create.js";

export const create: Record<keyof typeof en, string> = {
  "create.meta.title": "意見募集の作成 · Margin",
  "create.title": "意見募集の作成",
  "create.lead": "意見募集は、担当チームだけが閲覧できる下書きとして作成されます。意見の受付を開始する前に、節を追加し、起草者やモデレーターを招待できます。",
  "create.import.title": "Markdown ファイルから作成",
  "create.import.lead": "最上位の見出しごとに一つの節になります。先頭に表題の見出しが一つあれば、それが意見募集の件名になります。",
  "create.blank.title": "白紙から作成",
  "create.slug": "ウェブアドレス",
  "create.slug.hint": "半角の英小文字、数字、ハイフンで入力してください。意見募集は /c/入力したアドレス で公開されます。",
  "create.submit": "下書きを作成",
  "create.created": "意見募集を下書きとして作成しました。節を追加してから、意見の受付を開始してください。",
  "create.import.meta.title": "取り込み · Margin",
  "create.import.breadcrumb": "取り込み",
  "create.import.pageTitle": "Markdown または Word ファイルの取り込み",
  "create.import.noFile": "取り込む Markdown または Word ファイルを選んでください。",
  "create.imported": "「{title}」を下書きとして取り込みました。節を確認してから、意見の受付を開始してください。",
  "create.importedWithoutImages": "「{title}」を下書きとして取り込みました。画像 {count} 件は取り込まれていません（Margin が取り込むのは文章・表・脚注で、画像は含みません）：{images}。節を確認してから、意見の受付を開始してください。",
  "create.convenersOnly.lead": "意見募集は実施する機関の名で公表されるため、公開できるのは実施担当者だけです。実施担当者の権限はサイト管理者が付与します。各意見募集には公表者が表示されます。",
  "create.convenersOnly.how": "実施担当者になるには、このサイトの管理者に依頼してください。管理者が <code>{command}</code> を実行します。この権限がなくても、受付中の意見募集にはいつでも意見を提出できます。",
};
