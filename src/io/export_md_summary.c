/* export_md_summary.c - the parts of the Markdown document that speak
 * for the whole map: the summary (leads, the worst problems, success
 * metrics, key figures), "About this journey", the findings grouped by
 * severity and kind, the handoff matrix and the legend.  Every word of the
 * summary comes from io/digest, as in the HTML document. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "io/digest.h"
#include "io/export_md_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The heading of a severity's findings, and its word in the summary. */
const char *md_severity_title(enum model_severity s)
{
	switch (s) {
	case MODEL_SEV_HIGH: return C_("severity", "High");
	case MODEL_SEV_MEDIUM: return C_("severity", "Medium");
	case MODEL_SEV_LOW: return C_("severity", "Low");
	}
	return "?";
}

/* "1. **High:** the finding in words", for the worst three. */
static void md_worst(struct buf *b, const struct md_doc *d,
		     const struct model_map *m, struct analysis_words *aw)
{
	const struct digest *dg = d->dg;
	size_t n = dg->nfindings < 3 ? dg->nfindings : 3;
	if (n == 0)
		return;
	md_sentence(b, ngettext("The worst problem:", "The worst problems:",
				n));
	struct buf plain = { 0 }, t = { 0 };
	for (size_t i = 0; i < n; i++) {
		const struct analysis_finding *f = dg->findings[i];
		plain.len = t.len = 0;
		buf_add(&plain, "");
		analysis_describe_add(&plain, m, f, aw);
		buf_add(&t, "**");
		md_inline(&t, md_severity_title(f->severity));
		buf_add(&t, ":** ");
		md_inline(&t, plain.data);
		char marker[8];
		snprintf(marker, sizeof marker, "%zu. ", i + 1);
		md_item_md(b, 0, marker, t.data);
	}
	buf_addc(b, '\n');
	buf_free(&plain);
	buf_free(&t);
}

/* The key figures (digest_facts), one item each. */
static void md_facts(struct buf *b, const struct digest *dg)
{
	struct buf facts = { 0 };
	buf_add(&facts, "");
	digest_facts(&facts, dg);
	md_sentence(b, _("Key figures:"));
	for (char *line = facts.data, *nl; (nl = strchr(line, '\n'));
	     line = nl + 1) {
		*nl = '\0';
		md_item(b, 0, "- ", line);
	}
	buf_addc(b, '\n');
	buf_free(&facts);
}

/* What a manager reads first. */
void md_summary(struct buf *b, const struct md_doc *d,
		const struct model_map *m)
{
	struct analysis_words *aw = analysis_words_new();
	md_heading(b, d, MD_PART, 0, _("Summary"));
	md_leads(b, m);
	md_worst(b, d, m, aw);
	md_success(b, d, m);
	md_facts(b, d->dg);
	analysis_words_free(aw);
}

/* The persona, scenario, promise and definition of success, those set. */
void md_about(struct buf *b, const struct md_doc *d,
	      const struct model_map *m)
{
	const char *text[] = { m->persona, m->scenario, m->promise,
			       m->success };
	const char *label[] = { _("Persona:"), _("Scenario:"), _("Promise:"),
				_("Definition of success:") };
	bool any = false;
	for (size_t i = 0; i < 4; i++)
		any |= text[i] && !text_blank(text[i]);
	if (!any)
		return;
	md_heading(b, d, MD_PART, 0, _("About this journey"));
	for (size_t i = 0; i < 4; i++)
		if (text[i] && !text_blank(text[i]))
			md_para(b, label[i], text[i]);
}

/* ------------------------------------------------------------------ */
/* findings */

/* The findings of one kind, [lo, hi) of the digest's listed order: the
 * kind's label and what it means, then each finding in words, nested. */
static void md_kind(struct buf *b, const struct model_map *m,
		    const struct digest *dg, size_t lo, size_t hi,
		    struct analysis_words *aw)
{
	int kind = (int)dg->listed[lo]->kind;
	struct buf t = { 0 };
	buf_add(&t, "**");
	md_inline(&t, analysis_kind_label(kind));
	buf_add(&t, "**: ");
	md_inline(&t, analysis_kind_meaning(kind));
	md_item_md(b, 0, "- ", t.data);
	buf_free(&t);
	struct buf plain = { 0 };
	for (size_t i = lo; i < hi; i++) {
		plain.len = 0;
		buf_add(&plain, "");
		analysis_describe_add(&plain, m, dg->listed[i], aw);
		md_item(b, 2, "- ", plain.data);
	}
	buf_free(&plain);
}

/* Findings to act on, High, Medium, Low; within each, kind by kind.
 * Decided findings are under "Decisions on findings" instead. */
void md_findings(struct buf *b, const struct md_doc *d,
		 const struct model_map *m)
{
	const struct digest *dg = d->dg;
	md_heading(b, d, MD_PART, 0, _("Findings"));
	if (dg->nfindings == 0) {
		md_none(b, _("cxmap finds nothing to act on in this map."));
		return;
	}
	md_sentence(b, _("What cxmap finds in the map by itself, the most "
			 "severe first, kind by kind.  Findings a person "
			 "accepted or dismissed are under \"Decisions on "
			 "findings\" instead."));
	struct analysis_words *aw = analysis_words_new();
	/* the listed order: each severity one run, each kind one within */
	const struct analysis_finding *const *v = dg->listed;
	for (size_t lo = 0; lo < dg->nfindings;) {
		enum model_severity s = v[lo]->severity;
		md_heading(b, d, MD_STAGE, 0, md_severity_title(s));
		while (lo < dg->nfindings && v[lo]->severity == s) {
			size_t hi = lo;
			while (hi < dg->nfindings && v[hi]->severity == s &&
			       v[hi]->kind == v[lo]->kind)
				hi++;
			md_kind(b, m, dg, lo, hi, aw);
			lo = hi;
		}
		buf_addc(b, '\n');
	}
	analysis_words_free(aw);
}

/* ------------------------------------------------------------------ */
/* handoffs: departments handing over (rows) to departments (columns) */

void md_handoffs(struct buf *b, const struct md_doc *d,
		 const struct model_map *m)
{
	const struct analysis_matrix *mx = &d->dg->a->handoffs;
	size_t total = 0;
	for (size_t r = 0; r < mx->nrows; r++)
		total += analysis_matrix_row_total(mx, r);
	if (total == 0)
		return;
	md_heading(b, d, MD_PART, 0, _("Handoffs"));
	md_sentence(b, _("How often a department (row) hands the customer "
			 "over to another (column) from one touchpoint to the "
			 "next, silo handoffs included."));
	md_cell(b, _("From \xe2\x86\x93 to \xe2\x86\x92"));	/* ↓ → */
	size_t cols = 1;
	for (size_t c = 0; c < mx->ncols; c++)
		if (analysis_matrix_col_total(mx, c)) {
			md_cell(b, md_dept_name(m, mx->cols[c]));
			cols++;
		}
	buf_add(b, "|\n|");
	for (size_t i = 0; i < cols; i++)
		buf_add(b, " --- |");
	buf_addc(b, '\n');
	for (size_t r = 0; r < mx->nrows; r++) {
		if (!analysis_matrix_row_total(mx, r))
			continue;
		md_cell(b, md_dept_name(m, mx->rows[r]));
		for (size_t c = 0; c < mx->ncols; c++) {
			if (!analysis_matrix_col_total(mx, c))
				continue;
			size_t n = mx->cells[r * mx->ncols + c];
			size_t at = md_open(b);
			if (n)
				buf_add_uint(b, n);
			md_close(b, at);
		}
		md_row_end(b);
	}
	buf_addc(b, '\n');
}

/* ------------------------------------------------------------------ */
/* legend */

static bool md_action_unowned(const struct model_map *m)
{
	for (size_t i = 0; i < m->nactions; i++)
		if (!model_department(m, m->actions[i].owner_id))
			return true;
	return false;
}

/* "MARK: meaning", MARK already Markdown. */
static void md_legend_item(struct buf *b, const char *mark_md,
			   const char *meaning)
{
	struct buf t = { 0 };
	buf_add(&t, mark_md);
	buf_add(&t, ": ");
	md_inline(&t, meaning);
	md_item_md(b, 0, "- ", t.data);
	buf_free(&t);
}

static void md_legend_word(struct buf *b, const char *open, const char *word,
			   const char *close, const char *meaning)
{
	struct buf t = { 0 };
	buf_add(&t, open);
	md_inline(&t, word);
	buf_add(&t, close);
	md_legend_item(b, t.data, meaning);
	buf_free(&t);
}

/* Emotions in words, and every marker the document used. */
void md_legend(struct buf *b, const struct md_doc *d,
	       const struct model_map *m)
{
	const struct digest *dg = d->dg;
	unsigned marks = *d->marks;
	if (dg->nmoments)
		marks |= MD_MARK_MOMENT;
	if (dg->nunowned || md_action_unowned(m))
		marks |= MD_MARK_UNOWNED;
	if (dg->noverdue)
		marks |= MD_MARK_OVERDUE;
	md_heading(b, d, MD_PART, 0, _("Legend"));
	md_sentence(b, _("Emotion at a touchpoint, as the customer feels it: "
			 "very negative (-2), negative (-1), neutral (0), "
			 "positive (+1), very positive (+2)."));
	if (!marks)
		return;
	if (marks & MD_MARK_MOMENT)
		md_legend_item(b, MD_MOMENT, _("a moment of truth, a touchpoint "
					       "where the customer decides "
					       "whether to stay"));
	if (marks & MD_MARK_UNOWNED)
		md_legend_word(b, "_", _("no owner"), "_",
			       _("no department answers for it"));
	if (marks & MD_MARK_FINDING)
		md_legend_item(b, MD_FINDING " _n_", _("findings at the "
						     "touchpoint, and how "
						     "many (see Findings)"));
	if (marks & MD_MARK_GAP)
		md_legend_item(b, MD_GAP " _n_", _("open gaps recorded at the "
						 "touchpoint (see Gaps)"));
	if (marks & MD_MARK_SILO)
		md_legend_item(b, MD_SILO " _n_", _("open silos recorded at the "
						  "touchpoint (see Silos)"));
	if (marks & MD_MARK_OFF_TARGET)
		md_legend_word(b, "**", _("off target"), "**",
			       _("a metric on the wrong side of its target"));
	if (marks & MD_MARK_OVERDUE)
		md_legend_word(b, "**", _("overdue"), "**",
			       _("an action past its due date and not done"));
	buf_addc(b, '\n');
}
