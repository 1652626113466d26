/* export_html_private.h - what the HTML exporter's files share:
 * export_html_text.c (escaping), export_html.c (the page, its sections
 * and CSS) and export_html_svg.c (the emotion curve).  Not for other
 * modules. */
#ifndef CX_EXPORT_HTML_PRIVATE_H
#define CX_EXPORT_HTML_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "io/digest.h"
#include "util/buf.h"

/* export_html_text.c: text from the map as HTML text or an attribute
 * value: text_printable first (control characters and escape sequences
 * become visible text such as \x1b; line breaks spaces, or kept with
 * hs_text_lines as <br>), then & < > " ' as character references.
 * Nothing in a name can become markup. */
void hs_text(struct buf *b, const char *s);
void hs_text_lines(struct buf *b, const char *s);

/* export_html_svg.c: the emotion curve, an inline <svg> element
 * (viewBox, width 100%, role="img" with a <title>), appended to b. */
void hs_emotion_curve(struct buf *b, const struct model_map *m,
		      const struct digest *d);

/* export_html.c and export_html_parts.c: one map's page being written.
 * Marks say where findings, open gaps and open silos occur: per
 * touchpoint (by its place in journey order, base[stage] + index) and
 * per stage (what is about the stage itself), as lists of positions in
 * d->findings, m->gaps and m->silos (in those arrays' order). */
struct hs_marks {
	size_t *at;	/* list k is items[at[k]] .. items[at[k + 1]] */
	size_t *items;
};

struct hs_doc {
	const struct model_map *m;
	const struct digest *d;
	struct plan_index *plan;
	int level;	/* the map's heading: 1 alone, 2 among several */
	const char *id;	/* anchors' prefix: "" alone, "m2-" among several */
	/* translations looked up once (gettext costs as much as a card) */
	const char *no_owner, *whole_map, *unrated, *contributes, *moment;
	const char *open_gap, *open_silo, *emotion[5];
	const char *severity[3], *gap_status[2], *status[2];
	size_t *base;	/* stage i's first touchpoint in journey order */
	struct hs_marks tp_findings, tp_gaps, tp_silos;
	struct hs_marks stage_findings, stage_gaps;
};

/* export_html.c: the pieces every part uses */
void hs_heading(struct buf *b, const struct hs_doc *h, int depth,
		const char *id, const char *title);
void hs_anchor(struct buf *b, const struct hs_doc *h, char kind,
	       size_t n);
void hs_badges(struct buf *b, const struct hs_doc *h,
	       const struct hs_marks *f, const struct hs_marks *g,
	       const struct hs_marks *s, size_t k);
void hs_emotion(struct buf *b, const struct hs_doc *h,
		const struct model_touchpoint *t);
void hs_place(struct buf *b, const struct hs_doc *h, int64_t stage_id,
	      int64_t tp_id);
void hs_dept(struct buf *b, const struct model_map *m, int64_t id);
void hs_th(struct buf *b, const char *const *labels, size_t n);
void hs_cell(struct buf *b, const char *text);
void hs_date(struct buf *b, int64_t t);
void hs_none(struct buf *b, const char *none);
void hs_value(struct buf *b, const struct model_metric *v, bool target);
void hs_target(struct buf *b, const struct model_metric *v);

/* export_html_parts.c: the sections after the summary */
void hs_journey(struct buf *b, const struct hs_doc *h);
void hs_ownership(struct buf *b, const struct hs_doc *h);
void hs_handoffs(struct buf *b, const struct hs_doc *h);
void hs_gaps(struct buf *b, const struct hs_doc *h);
void hs_silos(struct buf *b, const struct hs_doc *h);
void hs_metrics(struct buf *b, const struct hs_doc *h);
void hs_voices(struct buf *b, const struct hs_doc *h);
void hs_actions(struct buf *b, const struct hs_doc *h);
void hs_decisions(struct buf *b, const struct hs_doc *h);

#endif
