/* testmaps.h - maps built in memory for the exporter and importer tests:
 * the same bytes every run (fixed times), no store involved. */
#ifndef CX_TESTMAPS_H
#define CX_TESTMAPS_H

#include "core/model.h"

/* Three stages in three scripts (accents, CJK, emoji), owners,
 * contributors, emotions, metrics, notes, gaps and silos of every kind. */
struct model_map *tm_sample(void);
/* Names built to break Markdown, Mermaid, JSON and terminals: pipes,
 * backticks, emphasis, HTML, entities, leading '#', line breaks, colons,
 * semicolons, percent signs, Mermaid keywords, escape sequences, C1
 * controls and bidirectional overrides. */
struct model_map *tm_hostile(void);
/* Every character class the escaping tells apart, in every field:
 * all C0 controls, C1 controls, line and paragraph separators,
 * bidirectional controls, invalid UTF-8 (overlong, surrogate, stray,
 * truncated), 2- to 4-byte characters, Markdown, Mermaid and JSON
 * specials, and line starts that Markdown reads as blocks. */
struct model_map *tm_escapes(void);
/* A map with a name and nothing else. */
struct model_map *tm_empty(void);

#endif
