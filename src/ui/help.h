/* help.h - the help screen (modal, over the current view). */
#ifndef CX_HELP_H
#define CX_HELP_H

struct prompt_host;

/* Shows every key until q, Escape, ? or Enter. */
void help_show(const struct prompt_host *h);

#endif
