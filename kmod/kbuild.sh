#!/bin/sh
# Build cifsd.ko out of the source tree: mirror kmod/ into the build
# directory (keeping timestamps so make stays incremental) and run Kbuild.
# usage: kbuild.sh KDIR SRCDIR OUTDIR
set -eu
kdir=$1 src=$2 out=$3
if [ ! -f "$kdir/Makefile" ]; then
	echo "cifsd.ko: no kernel build directory at $kdir; install the" \
	     "kernel headers or pass -Dkdir=DIR to meson" >&2
	exit 1
fi
mkdir -p "$out/src"
# copy sources that changed; drop sources that no longer exist
(cd "$src" && find . -type f \( -name '*.c' -o -name '*.h' -o -name 'Kbuild*' \
	-o -name 'Makefile' \) ! -path './meson*' -print) | while read -r f; do
	if [ ! -e "$out/src/$f" ] || ! cmp -s "$src/$f" "$out/src/$f"; then
		mkdir -p "$(dirname "$out/src/$f")"
		cp -p "$src/$f" "$out/src/$f"
	fi
done
# (modpost's generated *.mod.c stays: 6.1 does not write it again when
# only the module's objects are up to date)
(cd "$out/src" && find . -type f \( -name '*.c' -o -name '*.h' \) ! -name '*.mod.c') | while read -r f; do
	[ -e "$src/$f" ] || rm -f "$out/src/$f" "$out/src/${f%.c}.o"
done
make -s -j"$(nproc)" -C "$kdir" M="$out/src" CIFSD_WERROR=1 modules
cp "$out/src/cifsd.ko" "$out/cifsd.ko"
