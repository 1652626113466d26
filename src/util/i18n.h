/* i18n.h - gettext macros with no-op fallbacks when NLS is disabled. */
#ifndef CX_I18N_H
#define CX_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#define textdomain(d) ((void)0)
#define bindtextdomain(d, dir) ((void)0)
#define bind_textdomain_codeset(d, c) ((void)0)
#endif
/* Marks a string for extraction; it is translated where it is shown. */
#define N_(s) (s)

/* A message with a context, for words whose translation depends on what
 * they describe ("open" gap: "abierta"; "open" silo: "abierto"). */
#ifdef ENABLE_NLS
static inline const char *i18n_pgettext(const char *ctx_msgid,
					const char *msgid)
{
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)
#else
#define C_(ctx, s) (s)
#endif

/* Marks a message with a context, to be translated where it is shown by
 * i18n_ctx(): the bottom bar's short labels, in the context "bar". */
#define NC_(ctx, s) ctx "\004" s
static inline const char *i18n_ctx(const char *ctx_msgid)
{
	const char *msgid = ctx_msgid;
	while (*msgid && *msgid != '\004')
		msgid++;
	msgid = *msgid ? msgid + 1 : ctx_msgid;
#ifdef ENABLE_NLS
	const char *t = gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
#else
	return msgid;
#endif
}

#endif
