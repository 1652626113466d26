/* export_md_private.h - what the Markdown exporter's two files share:
 * export_md.c (text writers, tables, the map, its stages, gaps and silos),
 * export_mermaid.c (the diagrams) and export_md_plan.c (the plan's sections: owner, CX lead and success,
 * metrics, voices, actions and decisions).  Not for other modules. */
#ifndef CXMAP_IO_EXPORT_MD_PRIVATE_H
#define CXMAP_IO_EXPORT_MD_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/plan.h"
#include "io/digest.h"
#include "util/buf.h"

/* The mark of a moment of truth (U+2605 black star), in tables. */
#define MD_MOMENT "\xe2\x98\x85"
/* The touchpoint table's marks: findings to act on (U+26A0 warning
 * sign), open gaps (U+25C6 black diamond) and open silos (U+21C4 arrows)
 * recorded there, each with its count. */
#define MD_FINDING "\xe2\x9a\xa0"
#define MD_GAP "\xe2\x97\x86"
#define MD_SILO "\xe2\x87\x84"

/* Prose is wrapped at this many columns (doc/markdownlint.jsonc). */
#define MD_WIDTH 80

/* The markers a document used, for its legend. */
enum md_mark {
	MD_MARK_MOMENT = 1u << 0, MD_MARK_UNOWNED = 1u << 1,
	MD_MARK_FINDING = 1u << 2, MD_MARK_GAP = 1u << 3,
	MD_MARK_SILO = 1u << 4, MD_MARK_OFF_TARGET = 1u << 5,
	MD_MARK_OVERDUE = 1u << 6
};


/* The translations a document uses for every touchpoint, gap or silo,
 * looked up once (gettext costs as much as writing a whole row). */
struct md_words {
	const char *no_owner, *unrated, *whole_map;
	const char *severity[3], *gap_status[2], *status[2];
	char today[11];	/* for overdue actions */
};

/* Where a map's headings go: the level of its name (1 alone, 2 in a
 * document of several maps), and in a document of several maps the name
 * after every heading under it, so no two headings read the same. */
struct md_doc {
	int level;
	const char *map;	/* NULL alone */
	const char *label;	/* the map's heading; NULL: its name */
	const struct md_words *w;
	const struct plan_index *plan;	/* the map's, for md_map's parts */
	const struct digest *dg;	/* the map's summary and analysis */
	unsigned *marks;	/* enum md_mark: the markers written so far */
};

enum md_depth { MD_MAP, MD_PART, MD_STAGE };
/* export_md.c: the text writers (see there) and table cells */
void md_inline(struct buf *b, const char *s);
void md_para(struct buf *b, const char *label, const char *s);
void md_sentence(struct buf *b, const char *s);
size_t md_cols(const char *s, size_t len);
void md_wrap(struct buf *b, size_t *col, size_t indent, const char *md,
	     size_t len);
void md_wrap_text(struct buf *b, size_t *col, size_t indent, const char *s);
void md_item(struct buf *b, size_t indent, const char *marker,
	     const char *s);
void md_item_md(struct buf *b, size_t indent, const char *marker,
		const char *md);
void md_where(struct buf *b, const struct md_words *w,
	      const struct model_map *m, int64_t stage_id, int64_t tp_id);
void md_emphasis(struct buf *b, const char *text);
void md_words_init(struct md_words *w);
const char *md_dept_name(const struct model_map *m, int64_t id);
void md_heading(struct buf *b, const struct md_doc *d,
		enum md_depth depth, size_t number, const char *title);
void md_table_head(struct buf *b, const char *const *labels, size_t n);
size_t md_open(struct buf *b);
void md_close(struct buf *b, size_t at);
void md_cell(struct buf *b, const char *text);
void md_row_end(struct buf *b);
void md_date(struct buf *b, int64_t t);
void md_none(struct buf *b, const char *none);

/* export_mermaid.c: the diagrams */
void mm_journey(struct buf *b, const struct md_words *w,
		const struct model_map *m);
void mm_legend(struct buf *b);
/* The ownership flowchart: a box per department that owns touchpoints
 * and one for those nobody owns, the touchpoints in journey order, silo
 * handoffs and handoffs into pain marked (from a's findings; a NULL runs
 * the analysis), then a line that says how to read it.  Nothing for a
 * map without touchpoints; a sentence instead for one too big to draw. */
struct analysis;
void mm_flowchart(struct buf *b, const struct md_words *w,
		  const struct model_map *m, const struct analysis *a);

/* export_md_plan.c: the plan's parts of a map */
void md_value(struct buf *b, const struct model_metric *v, bool target);
void md_target_state(struct buf *b, const struct md_doc *d,
		     const struct model_metric *v);
void md_ref(struct buf *b, const struct md_words *w,
	    const struct model_map *m, struct model_ref r);
void md_leads(struct buf *b, const struct model_map *m);
void md_success(struct buf *b, const struct md_doc *d,
		const struct model_map *m);
void md_metrics(struct buf *b, const struct md_doc *d,
		const struct model_map *m);
void md_voices(struct buf *b, const struct md_doc *d,
	       const struct model_map *m);
void md_actions(struct buf *b, const struct md_doc *d,
		const struct model_map *m);
void md_decisions(struct buf *b, const struct md_doc *d,
		  const struct model_map *m);

/* export_md_summary.c: the summary, the findings, the handoffs and the
 * legend */
void md_summary(struct buf *b, const struct md_doc *d,
		const struct model_map *m);
void md_about(struct buf *b, const struct md_doc *d,
	      const struct model_map *m);
void md_findings(struct buf *b, const struct md_doc *d,
		 const struct model_map *m);
void md_handoffs(struct buf *b, const struct md_doc *d,
		 const struct model_map *m);
void md_legend(struct buf *b, const struct md_doc *d,
	       const struct model_map *m);
const char *md_severity_title(enum model_severity s);

#endif
