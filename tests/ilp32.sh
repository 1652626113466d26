#!/bin/sh
# ilp32.sh - every source compiles cleanly for a 32-bit target, where
# size_t and long have 32 bits (a shift by 32 of a size_t, a %ld for an
# int64_t...).  Syntax only, with clang --target=i686: no 32-bit libraries
# are needed, only the machine's own headers (and an empty stand-in for
# glibc's gnu/stubs-32.h, which only lists unimplemented functions).
. "$top_srcdir/tests/lib.sh"
if ! command -v clang >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then
	echo "SKIP: clang or pkg-config is not installed"
	exit 77
fi
arch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
mkdir -p "$T/shim/gnu" && : >"$T/shim/gnu/stubs-32.h"
flags="--target=i686-linux-gnu -std=c11 -fsyntax-only -Werror -Wall -Wextra
-Wformat=2 -Wshift-count-overflow -Wno-unused-parameter -isystem $T/shim
-isystem /usr/include/$arch -I$top_srcdir/src -I. -DLOCALEDIR=\"x\"
-DPKGDATADIR=\"x\" -DCX_SRCDIR=\"x\" -DCX_BUILDDIR=\"x\" -DEXEEXT=\"\"
$(pkg-config --cflags ncursesw sqlite3 libcjson)"
# the probe: can this machine's headers be read for i686 at all?
printf '#include <stdio.h>\n#include <stdint.h>\n_Static_assert(sizeof(size_t) == 4, "ilp32");\n' >"$T/probe.c"
# shellcheck disable=SC2086
if ! clang $flags "$T/probe.c" 2>"$T/err"; then
	echo "SKIP: cannot compile for i686 here: $(head -n 3 "$T/err")"
	exit 77
fi
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*/*.c; do
	ok
	# shellcheck disable=SC2086
	clang $flags "$f" >"$T/err" 2>&1 ||
		fail "${f#"$top_srcdir"/} for a 32-bit target: $(cat "$T/err")"
done
finish
