/* check_text.c - UTF-8 handling, escaping of hostile strings, and where
 * the default map file goes. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "util/paths.h"
#include "util/text.h"

START_TEST(test_utf8_valid)
{
	const char *good[] = { "", "plain", "Atención al cliente", "購入",
			       "🛒 cart", "e\xcc\x81" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(text_utf8_valid(good[i], strlen(good[i])),
			      "%s should be valid", good[i]);
	const char *bad[] = { "\xff", "\xc0\xaf", "\xe0\x80\xaf",
			      "\xed\xa0\x80", "\xf4\x90\x80\x80", "abc\xe2\x82" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!text_utf8_valid(bad[i], strlen(bad[i])),
			      "case %zu should be invalid", i);
}
END_TEST

START_TEST(test_escape_controls)
{
	char *e = text_escape_controls("ok\x1b[2Jgone\ttab\nnl\x7f\xc2\x9b" "ü");
	ck_assert_str_eq(e, "ok\\x1b[2Jgone\\ttab\\nnl\\x7f\\u009bü");
	free(e);
	e = text_escape_controls("abc\xe2\x80\xae" "evil");	/* U+202E */
	ck_assert_str_eq(e, "abc\\u202eevil");
	free(e);
	e = text_escape_controls("bad\xff byte");
	ck_assert_str_eq(e, "bad\\xff byte");
	free(e);
	e = text_escape_controls("Atención 購入 🛒");
	ck_assert_str_eq(e, "Atención 購入 🛒");
	free(e);
}
END_TEST

/* What an export writes: line breaks kept or flattened, everything else
 * that could drive a terminal or reorder text shown as an escape. */
START_TEST(test_printable)
{
	const char *in = "a\r\nb\rc\nd\xc2\x85" "e\xe2\x80\xa8" "f\tg\vh\fi"
			 "\x1b[2J\x07\x7f\xc2\x9b" "1m\xe2\x80\xae" "rlo\xe2\x81\xa6"
			 "iso\xff Atención 購入 🛒\xc2\xa0";
	char *p = text_printable(in, true);
	ck_assert_str_eq(p, "a\nb\nc\nd\ne\nf g h i\\x1b[2J\\x07\\x7f"
			 "\\u009b1m\\u202erlo\\u2066iso\\xff Atención 購入 "
			 "🛒\xc2\xa0");
	free(p);
	p = text_printable(in, false);
	ck_assert_str_eq(p, "a b c d e f g h i\\x1b[2J\\x07\\x7f"
			 "\\u009b1m\\u202erlo\\u2066iso\\xff Atención 購入 "
			 "🛒\xc2\xa0");
	free(p);
	p = text_printable("", false);
	ck_assert_str_eq(p, "");
	free(p);
}
END_TEST

START_TEST(test_blank)
{
	ck_assert(text_blank(""));
	ck_assert(text_blank(" \t\n"));
	ck_assert(!text_blank(" x "));
	/* what shows nothing is blank: NBSP, ideographic space, zero-width
	 * space and joiners, BOM, soft hyphen, Hangul filler */
	ck_assert(text_blank("\xc2\xa0"));
	ck_assert(text_blank("\xe3\x80\x80"));
	ck_assert(text_blank("\xe2\x80\x8b"));
	ck_assert(text_blank(" \xc2\xa0\xe3\x80\x80\xe2\x80\x8b\xe2\x80\x8d"
			     "\xef\xbb\xbf\xc2\xad\xe3\x85\xa4\xe2\x81\xa0"));
	ck_assert(!text_blank("\xc2\xa0x"));
	ck_assert(!text_blank("\xe2\x80\x8b\xff"));	/* a bad byte shows */
	ck_assert(!text_blank("\x01"));	/* shown as \x01 */
}
END_TEST

/* One rule for every name, typed or imported: Unicode white space and
 * zero-width characters go from both ends, nothing from inside. */
START_TEST(test_trim)
{
	static const char *const cases[][2] = {
		{ "  Sales\t\n", "Sales" },
		{ "\xc2\xa0Sales\xc2\xa0", "Sales" },
		{ "\xe3\x80\x80\xe8\xb2\xa9\xe5\xa3\xb2\xe3\x80\x80", "\xe8\xb2\xa9\xe5\xa3\xb2" },
		{ "\xe2\x80\x8bR&D\xe2\x80\x8b\xef\xbb\xbf", "R&D" },
		{ "\xe2\x80\x83" "a\xc2\xa0" "b\xe2\x80\xaf", "a\xc2\xa0" "b" },
		{ "\xe2\x81\xa0\xe2\x80\xa8x\xe2\x80\xa9", "x" },
		{ "\xc2\xa0\xe3\x80\x80\xe2\x80\x8b", "" },
		{ "\xc2\xa0\xff", "\xff" },	/* bad bytes stay */
		{ "\xc2", "\xc2" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = strdup(cases[i][0]);
		ck_assert_str_eq(text_trim(s), cases[i][1]);
		free(s);
	}
}
END_TEST

START_TEST(test_default_path_xdg)
{
	char *dir = strdup(tu_path("xdg"));
	setenv("XDG_DATA_HOME", dir, 1);
	char *err = NULL;
	char *p = paths_default_db(true, &err);
	ck_assert_ptr_nonnull(p);
	char *want = malloc(strlen(dir) + 32);
	sprintf(want, "%s/cxmap/maps.db", dir);
	ck_assert_str_eq(p, want);
	struct stat sb;
	sprintf(want, "%s/cxmap", dir);
	ck_assert_int_eq(stat(want, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	free(p);
	free(want);
	free(dir);
	tu_cleanup();
}
END_TEST

START_TEST(test_default_path_no_create)
{
	/* commands that only read leave the disk alone */
	char *dir = strdup(tu_path("xdg-ro"));
	setenv("XDG_DATA_HOME", dir, 1);
	char *err = NULL;
	char *p = paths_default_db(false, &err);
	ck_assert_ptr_nonnull(p);
	struct stat sb;
	ck_assert_int_ne(stat(dir, &sb), 0);
	free(p);
	free(dir);
	tu_cleanup();
}
END_TEST

START_TEST(test_default_path_home)
{
	char *home = strdup(tu_path("home"));
	setenv("HOME", home, 1);
	setenv("XDG_DATA_HOME", "relative/ignored", 1);
	char *err = NULL;
	char *p = paths_default_db(true, &err);
	ck_assert_ptr_nonnull(p);
	char *want = malloc(strlen(home) + 40);
	sprintf(want, "%s/.local/share/cxmap/maps.db", home);
	ck_assert_str_eq(p, want);
	free(p);
	free(want);
	free(home);
	tu_cleanup();
}
END_TEST

/* text_plain_span stops at the first byte that needs a look, wherever it
 * falls in the eight-byte blocks it reads: controls, DEL, unsafe
 * characters beyond ASCII and invalid bytes; it passes printable ASCII
 * and other characters beyond ASCII. */
START_TEST(test_plain_span)
{
	static const char *const stops[] = { "\x01", "\x1f", "\x7f", "\n",
		"\xc2\x85", "\xe2\x80\xae", "\xe2\x80\xa8", "\xff", "\xc3" };
	static const char *const plain[] = { " ", "~", "\xc3\xa9",
		"\xf0\x9f\x98\x80", "\xc2\xa0" };
	char s[64];
	for (size_t at = 0; at < 24; at++) {
		for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
			memset(s, 'a', at);
			snprintf(s + at, sizeof s - at, "%s%s", stops[k],
				 "abcdefghijklmnopq");
			ck_assert_uint_eq(text_plain_span(s, strlen(s)), at);
			ck_assert_uint_eq(text_plain_span(s, at), at);
		}
		for (size_t k = 0; k < sizeof plain / sizeof *plain; k++) {
			memset(s, 'a', at);
			snprintf(s + at, sizeof s - at, "%s%s", plain[k],
				 "abcdefghijklmnopq");
			ck_assert_uint_eq(text_plain_span(s, strlen(s)),
					  strlen(s));
		}
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("utf8");
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_escape_controls);
	tcase_add_test(tc, test_printable);
	tcase_add_test(tc, test_blank);
	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_plain_span);
	suite_add_tcase(s, tc);
	tc = tcase_create("paths");
	tcase_add_test(tc, test_default_path_xdg);
	tcase_add_test(tc, test_default_path_home);
	tcase_add_test(tc, test_default_path_no_create);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
