/* golden.c - golden-screen tests: the interface on a headless curses
 * screen, driven by a key script, and the screen it ends on written out
 * as text with its colours and attributes.
 *
 *   golden OUTDIR tests/screens/NAME.keys...   writes OUTDIR/NAME.screen
 *
 * tests/screens.sh compares those with the checked-in
 * tests/screens/NAME.screen; `make screens-update` replaces them.
 *
 * A scenario (NAME.keys) is a few lines:
 *
 *   # what the scenario shows (comments and blank lines are ignored)
 *   size 80x24          columns x lines
 *   lang en             en (C.UTF-8), es (es_ES.UTF-8) or c (the C
 *                       locale: ASCII lines, "?" for other characters)
 *   colour yes          no: NO_COLOR=1
 *   others bruno        optional: bruno has the map open too
 *   keys <Tab>jj        keys, as typed; <Name> for the others (below)
 *
 * Key names: <Tab> <S-Tab> <Enter> <Esc> <Up> <Down> <Left> <Right>
 * <Home> <End> <PgUp> <PgDn> <BS> <Del> <Space> <F1> <C-x> (Ctrl and a
 * letter) and <lt> for a "<".  More than one `keys` line is one script.
 *
 * Each scenario runs in a child process of its own on a copy of one map
 * file built here through the store, with a fixed clock (CXMAP_TEST_NOW),
 * time zone (UTC) and logins (ana, whose session it is, and bruno), so
 * the screens hold nothing that varies by machine or day.  The keys go
 * through a pipe into the real main loop (app_loop): a key that opens a
 * prompt, a picker or a form is read by that dialog as it would be from
 * a terminal.  When the pipe runs dry the interface ends as on a hang-up
 * (term_input_ended), without drawing again, so the screen written is
 * the last one drawn -- a dialog's, when the keys stop inside one. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "core/store.h"
#include "ui/app.h"
#include "ui/term.h"
#include "util/i18n.h"

/* 2026-03-02 09:00 UTC: the map is made then, the session opens at +2 h */
#define T0 1772442000LL

#define TRY(expr) do { enum store_status st_ = (expr); if (st_ != STORE_OK) { \
	fprintf(stderr, "golden: %s: %s\n", #expr, store_status_message(st_)); \
	exit(1); } } while (0)

struct scenario {
	char name[128];
	int cols, lines;
	char lang[8];
	int colour;
	char others[32];
	char keys[4096];	/* the script, names not yet turned into bytes */
};

static void clock_at(long long t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", t);
	setenv("CXMAP_TEST_NOW", buf, 1);
}

static int64_t tp(struct store *s, int64_t stage, size_t pos, const char *name,
		  int64_t owner, int emotion)
{
	int64_t id;
	TRY(store_tp_add(s, stage, pos, name, &id));
	if (owner)
		TRY(store_tp_set_owner(s, id, STORE_REV_ANY, owner));
	if (emotion != 9)
		TRY(store_tp_set_emotion(s, id, STORE_REV_ANY, true, emotion));
	return id;
}

/* The map every scenario starts from: ana made it at T0 and last looked
 * at it at T0 + 30 min; bruno changed two things after that. */
static void build(const char *path)
{
	struct store *s;
	clock_at(T0);
	TRY(store_open(path, 0, &s));
	store_set_user(s, "ana");
	int64_t map, other, st[5], mk, sa, su, cs, fi, id;
	TRY(store_map_create(s, "Onboarding", &map));
	TRY(store_map_set(s, map, STORE_REV_ANY,
			  STORE_MAP_PERSONA, "Office manager at a 50-person firm"));
	TRY(store_dept_create(s, "Marketing", &mk));
	TRY(store_dept_create(s, "Sales", &sa));
	TRY(store_dept_create(s, "Support", &su));
	TRY(store_dept_create(s, "Éxito del cliente", &cs));
	TRY(store_dept_create(s, "Finance", &fi));
	static const char *const stages[5] = { "Awareness", "Evaluation",
		"Purchase", "Setup", "Renewal" };
	for (size_t i = 0; i < 5; i++)
		TRY(store_stage_add(s, map, i, stages[i], &st[i]));
	TRY(store_stage_set(s, st[0], STORE_REV_ANY, STORE_STAGE_DESCRIPTION,
			    "How people first hear of us"));
	id = tp(s, st[0], 0, "Search ad", mk, 1);
	TRY(store_tp_set(s, id, STORE_REV_ANY, STORE_TP_CHANNEL, "Web"));
	id = tp(s, st[0], 1, "Webinar", mk, 2);
	TRY(store_tp_add_contributor(s, id, sa));
	tp(s, st[1], 0, "Demo call", sa, 1);
	tp(s, st[1], 1, "Trial signup", 0, -1);
	int64_t quote = tp(s, st[2], 0, "Quote", sa, 0);
	int64_t invoice = tp(s, st[2], 1, "Invoice", fi, -2);
	TRY(store_tp_set(s, invoice, STORE_REV_ANY, STORE_TP_NOTES,
			 "Sent by post\nPaid within 30 days"));
	TRY(store_gap_add(s, map, 0, invoice, "Invoice arrives late",
			  MODEL_SEV_HIGH, NULL));
	TRY(store_silo_add(s, map, sa, fi, invoice, "Discount terms not shared",
			   NULL));
	id = tp(s, st[3], 0, "Kickoff", cs, 9);
	TRY(store_tp_add_contributor(s, id, su));
	tp(s, st[3], 1, "Data import", su, -1);
	tp(s, st[3], 2, "Ñandú 購入 🛒", su, 9);	/* wide characters */
	TRY(store_map_create(s, "Support journey", &other));
	TRY(store_stage_add(s, other, 0, "Contact", &id));
	tp(s, id, 0, "Chat", su, 0);

	clock_at(T0 + 1800);
	TRY(store_visit_record(s, map));
	store_close(s);

	clock_at(T0 + 3600);
	TRY(store_open(path, 0, &s));
	store_set_user(s, "bruno");
	TRY(store_tp_set(s, quote, STORE_REV_ANY, STORE_TP_CHANNEL, "Email"));
	TRY(store_gap_add(s, map, st[3], 0, "No welcome pack", MODEL_SEV_MEDIUM,
			  NULL));
	store_close(s);
}

static char *trim(char *l)
{
	while (*l == ' ' || *l == '\t')
		l++;
	size_t n = strlen(l);
	while (n && (l[n - 1] == '\n' || l[n - 1] == ' ' || l[n - 1] == '\r'))
		l[--n] = '\0';
	return l;
}

static int parse(const char *path, struct scenario *sc)
{
	memset(sc, 0, sizeof *sc);
	const char *base = strrchr(path, '/');
	snprintf(sc->name, sizeof sc->name, "%s", base ? base + 1 : path);
	char *dot = strrchr(sc->name, '.');
	if (dot)
		*dot = '\0';
	sc->cols = 80;
	sc->lines = 24;
	strcpy(sc->lang, "en");
	sc->colour = 1;
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "golden: %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[1024];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		n++;
		char *l = trim(line);
		if (!*l || *l == '#')
			continue;
		char *arg = l + strcspn(l, " \t");
		if (*arg)
			*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		if (!strcmp(l, "size") &&
		    sscanf(arg, "%dx%d", &sc->cols, &sc->lines) == 2)
			continue;
		if (!strcmp(l, "lang") && (!strcmp(arg, "en") ||
					    !strcmp(arg, "es") || !strcmp(arg, "c"))) {
			strcpy(sc->lang, arg);
			continue;
		}
		if (!strcmp(l, "colour") && (!strcmp(arg, "yes") || !strcmp(arg, "no"))) {
			sc->colour = !strcmp(arg, "yes");
			continue;
		}
		if (!strcmp(l, "others") && strlen(arg) < sizeof sc->others) {
			strcpy(sc->others, arg);
			continue;
		}
		if (!strcmp(l, "keys") &&
		    strlen(sc->keys) + strlen(arg) < sizeof sc->keys) {
			strcat(sc->keys, arg);
			continue;
		}
		fprintf(stderr, "%s:%d: cannot read \"%s %s\"\n", path, n, l, arg);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* The bytes a terminal sends for a named key (after newterm). */
static const char *key_bytes(const char *name, char *buf)
{
	static const struct { const char *name, *cap, *plain; } keys[] = {
		{ "Tab", NULL, "\t" }, { "S-Tab", "kcbt", NULL },
		{ "Enter", NULL, "\r" }, { "Esc", NULL, "\033" },
		{ "Up", "kcuu1", NULL }, { "Down", "kcud1", NULL },
		{ "Left", "kcub1", NULL }, { "Right", "kcuf1", NULL },
		{ "Home", "khome", NULL }, { "End", "kend", NULL },
		{ "PgUp", "kpp", NULL }, { "PgDn", "knp", NULL },
		{ "BS", "kbs", NULL }, { "Del", "kdch1", NULL },
		{ "Space", NULL, " " }, { "F1", "kf1", NULL },
		{ "lt", NULL, "<" },
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		if (strcmp(name, keys[i].name))
			continue;
		if (keys[i].plain)
			return keys[i].plain;
		const char *s = tigetstr(keys[i].cap);
		return s && s != (char *)-1 ? s : NULL;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) {
		buf[0] = (char)(name[2] & 0x1f);
		buf[1] = '\0';
		return buf;
	}
	return NULL;
}

/* Writes the script's bytes into fd; false on an unknown key name. */
static bool send_keys(int fd, const char *script)
{
	for (const char *p = script; *p;) {
		const char *bytes = p;
		size_t n = 1;
		char buf[4], name[32];
		if (*p == '<' && strchr(p, '>')) {
			size_t len = (size_t)(strchr(p, '>') - p - 1);
			if (len == 0 || len >= sizeof name) {
				fprintf(stderr, "golden: bad key name at \"%s\"\n", p);
				return false;
			}
			memcpy(name, p + 1, len);
			name[len] = '\0';
			bytes = key_bytes(name, buf);
			if (!bytes) {
				fprintf(stderr, "golden: unknown key <%s>\n", name);
				return false;
			}
			n = strlen(bytes);
			p += len + 2;
		} else {
			p++;
		}
		if (write(fd, bytes, n) != (ssize_t)n)
			return false;
	}
	return true;
}

/* One letter per colour pair, by meaning (term.h's order). */
static char pair_letter(short pair)
{
	static const char meaning[] = " HKUGSEDC";
	if (pair >= 0 && pair < TERM_DEPT)
		return meaning[pair];
	if (pair < TERM_DEPT + 8)
		return (char)('0' + pair - TERM_DEPT);
	return '?';
}

static char attr_digit(attr_t a)
{
	int v = (a & A_REVERSE ? 1 : 0) | (a & A_BOLD ? 2 : 0) |
		(a & A_UNDERLINE ? 4 : 0) | (a & A_DIM ? 8 : 0);
	return v ? "0123456789abcdef"[v] : ' ';
}

/* The heading of the colour layer: the pairs on screen, by letter, with
 * their meaning and colours, so that a change of colour shows too. */
static void pairs_legend(char *buf, size_t size, const char *cells,
			 size_t ncells)
{
	static const char *const meaning[TERM_DEPT] = { NULL, "header",
		"bar key", "unowned", "gap", "silo", "error", "dim", "curve" };
	static const char *const colour[8] = { "black", "red", "green",
		"yellow", "blue", "magenta", "cyan", "white" };
	size_t n = (size_t)snprintf(buf, size, "-- colour pairs (each cell's letter below):");
	bool any = false;
	for (short p = 1; p < TERM_DEPT + 8; p++) {
		if (!memchr(cells, pair_letter(p), ncells))
			continue;
		short fg, bg;
		if (pair_content(p, &fg, &bg) != OK)
			fg = bg = -2;
		char dept[16];
		snprintf(dept, sizeof dept, "department %d", p - TERM_DEPT);
		n += (size_t)snprintf(buf + n, size - n, "\n   %c %s: %s on %s",
				      pair_letter(p),
				      p < TERM_DEPT ? meaning[p] : dept,
				      fg >= 0 && fg < 8 ? colour[fg] : "default",
				      bg >= 0 && bg < 8 ? colour[bg] : "default");
		any = true;
		if (n >= size)
			break;
	}
	if (!any)
		snprintf(buf + n, size - n, " none");
}

static void put_trimmed(FILE *f, char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, f);
	fputc('\n', f);
}

/* The screen as shown (curscr): the text, then for the rows that have
 * any, the colour pair and attributes of every cell. */
static void dump(FILE *f, const struct scenario *sc)
{
	int h = getmaxy(curscr), w = getmaxx(curscr);
	char *pairs = calloc((size_t)h, (size_t)w + 1);
	char *attrs = calloc((size_t)h, (size_t)w + 1);
	char *text = malloc((size_t)w * MB_LEN_MAX * CCHARW_MAX + 1);
	fprintf(f, "cxmap screen %dx%d, %s, %s%s%s: %s.keys\n", w, h,
		sc->lang, sc->colour ? "colour" : "NO_COLOR",
		sc->others[0] ? ", with " : "", sc->others, sc->name);
	fputs("-- text\n", f);
	for (int y = 0; y < h; y++) {
		size_t n = 0;
		mbstate_t ps;
		memset(&ps, 0, sizeof ps);
		for (int x = 0; x < w; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t a = 0;
			short pair = 0;
			mvwin_wch(curscr, y, x, &cc);
			getcchar(&cc, wc, &a, &pair, NULL);
			pairs[y * (w + 1) + x] = pair_letter(pair);
			attrs[y * (w + 1) + x] = attr_digit(a);
			for (int i = 0; wc[i]; i++) {
				size_t k = wcrtomb(text + n, wc[i], &ps);
				n += k == (size_t)-1 ? 0 : k;
			}
			if (!wc[0])
				text[n++] = ' ';
			int cw = wc[0] ? wcwidth(wc[0]) : 1;
			for (int i = 1; i < cw && x + 1 < w; i++) {
				x++;	/* the second cell of a wide character */
				pairs[y * (w + 1) + x] = pair_letter(pair);
				attrs[y * (w + 1) + x] = attr_digit(a);
			}
		}
		put_trimmed(f, text, n);
	}
	char heads[2][1024];
	pairs_legend(heads[0], sizeof heads[0], pairs, (size_t)h * (size_t)(w + 1));
	snprintf(heads[1], sizeof heads[1], "-- attributes: 1 reverse, 2 bold, 4 underline, 8 dim, added up (3: reverse and bold)");
	char *layers[2] = { pairs, attrs };
	for (int l = 0; l < 2; l++) {
		fprintf(f, "%s\n", heads[l]);
		for (int y = 0; y < h; y++) {
			char *row = layers[l] + y * (w + 1);
			if (strspn(row, " ") == (size_t)w)
				continue;
			char num[8];
			snprintf(num, sizeof num, "%02d|", y);
			fputs(num, f);
			put_trimmed(f, row, (size_t)w);
		}
	}
	free(pairs);
	free(attrs);
	free(text);
}

static bool set_locale(const char *lang)
{
	static const char *const en[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	static const char *const es[] = { "es_ES.UTF-8", "es_ES.utf8" };
	static const char *const c[] = { "C" };
	const char *const *v = !strcmp(lang, "es") ? es : !strcmp(lang, "c") ? c : en;
	size_t n = !strcmp(lang, "es") ? 2 : !strcmp(lang, "c") ? 1 : 3;
	for (size_t i = 0; i < n; i++) {
		if (setlocale(LC_ALL, v[i])) {
			setenv("LC_ALL", v[i], 1);
			return true;
		}
	}
	return false;
}

/* The child: one scenario, its screen into out.  Never returns. */
static void run(const struct scenario *sc, const char *base, const char *db,
		const char *out)
{
	alarm(20);	/* a dialog that never reads its keys fails, not hangs */
	unsetenv("LANGUAGE");
	if (!set_locale(sc->lang))
		_exit(77);
	const char *dir = getenv("CXMAP_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	char size[16];
	snprintf(size, sizeof size, "%d", sc->cols);
	setenv("COLUMNS", size, 1);
	snprintf(size, sizeof size, "%d", sc->lines);
	setenv("LINES", size, 1);
	setenv("TERM", "xterm-256color", 1);
	if (sc->colour)
		unsetenv("NO_COLOR");
	else
		setenv("NO_COLOR", "1", 1);
	clock_at(T0 + 7200);

	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", base, db);
	if (system(cmd) != 0)
		_exit(1);
	struct store *s, *bruno = NULL;
	if (store_open(db, 0, &s) != STORE_OK)
		_exit(1);
	store_set_user(s, "ana");
	if (sc->others[0]) {
		int64_t id;
		if (store_open(db, 0, &bruno) != STORE_OK ||
		    store_map_find(bruno, "Onboarding", &id) != STORE_OK)
			_exit(1);
		store_set_user(bruno, sc->others);
		store_presence_join(bruno, id);
	}
	int p[2];
	FILE *in, *null = fopen("/dev/null", "w");
	if (pipe(p) != 0 || !(in = fdopen(p[0], "r")) || !null)
		_exit(1);
	if (!term_start_files(null, in))
		_exit(1);
	typeahead(-1);	/* draw every frame, as a person would see it */
	bool sent = send_keys(p[1], sc->keys);
	close(p[1]);
	if (!sent)
		_exit(1);
	struct app a;
	if (!app_open(&a, s, "Onboarding"))
		_exit(1);
	app_loop(&a);
	FILE *f = fopen(out, "w");
	if (!f)
		_exit(1);
	dump(f, sc);
	if (fclose(f) != 0)
		_exit(1);
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: golden OUTDIR NAME.keys...\n");
		return 2;
	}
	setenv("TZ", "UTC", 1);
	char dir[] = "/tmp/cxmap-screens-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char base[64];
	snprintf(base, sizeof base, "%s/base.cxmap", dir);
	build(base);
	int failed = 0;
	for (int i = 2; i < argc; i++) {
		struct scenario sc;
		if (parse(argv[i], &sc) != 0) {
			failed++;
			continue;
		}
		/* every scenario's file has the same name: the header shows it */
		char db[512], out[1024];
		snprintf(db, sizeof db, "%s/%s", dir, sc.name);
		if (mkdir(db, 0700) != 0) {
			failed++;
			continue;
		}
		snprintf(db, sizeof db, "%s/%s/journeys.cxmap", dir, sc.name);
		snprintf(out, sizeof out, "%s/%s.screen", argv[1], sc.name);
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0)
			run(&sc, base, db, out);
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			failed++;
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
			printf("SKIP %s: no %s locale\n", sc.name, sc.lang);
		} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "golden: %s did not finish (status %d)\n",
				sc.name, status);
			failed++;
		}
	}
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		failed++;
	return failed ? 1 : 0;
}
