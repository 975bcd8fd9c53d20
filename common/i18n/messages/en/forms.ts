/** The shared form parts: error summary, field errors, the import form. */
export const forms = {
  "forms.errorPrefix": "Error: ",
  "forms.summary.title": "Please correct the following",
  "forms.import.file": "Markdown (.md) or Word (.docx) file",
  "forms.import.hint": "Each top-level heading becomes a section; a title (Word's Title style, or a single # heading) names the consultation.",
  "forms.import.submit": "Import",
} as const;
