#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# lib/ builds freestanding from its source-list fragment alone, the way a
# hypervisor's build takes it (docs/embedding.md): the core files of
# lib/Makefile.frametable, with -ffreestanding -nostdinc (only the
# compiler's own headers) and -Werror, through an environment header of
# hooks as an embedder writes one, for every cross target and the host's
# -m32. The objects are then linked -nostdlib with a trivial freestanding
# entry that calls the API and the inline hot path, and only the
# compiler's libgcc: an undefined symbol (a libc call) fails the link.
# The environment provides memcpy and memset, as GCC requires of every
# freestanding environment (it may emit calls to them for struct copies).
# A missing compiler is reported loudly and the test fails, unless
# FT_FREESTANDING_ALLOW_MISSING=1 turns that into a SKIP (77).
. "${srcdir:-.}/tests/lib.sh"
need make make

# The lists, read from the fragment by make itself.
lists=$(printf 'include %s/lib/Makefile.frametable\nall:\n\t@echo $(FT_LIB_CORE)\n' \
	"$srcdir" | MAKEFLAGS= MFLAGS= MAKELEVEL= make -s --no-print-directory -f -) || { echo "ERROR: cannot read lib/Makefile.frametable" >&2; exit 99; }
[ -n "$lists" ] || { echo "ERROR: FT_LIB_CORE is empty" >&2; exit 99; }

cat >"$tmp/embed-env.h" <<'H'
/* What a hypervisor's environment header looks like (docs/embedding.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#define FT_ENV_HAVE_TYPES
void *memset(void *p, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void embed_assert_failed(const char *what);
#define ft_env_memset(p, c, n) memset((p), (c), (n))
#define ft_env_memcpy(d, s, n) memcpy((d), (s), (n))
#define FT_ASSERT(c) ((c) ? (void)0 : embed_assert_failed(#c))
/* Linux's generic array_index_mask_nospec. */
#define FT_ARRAY_INDEX_NOSPEC(i, n)                                            \
	((i) & (size_t)(~(long)((i) | ((n) - 1 - (i))) >> (sizeof(long) * 8 - 1)))
#define FT_EVALUATE_NOSPEC(c) (c)
#define FT_ENV_DESC_SIZE 56
H

cat >"$tmp/entry.c" <<'C'
/* A trivial freestanding program: the environment's routines and an
 * entry that reaches every public entry point of the core. */
#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

void *memset(void *p, int c, size_t n)
{
	volatile unsigned char *b = p;
	while (n--)
		*b++ = (unsigned char)c;
	return p;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *o = d;
	const unsigned char *i = s;
	while (n--)
		*o++ = *i++;
	return d;
}

void embed_assert_failed(const char *what)
{
	(void)what;
	for (;;)
		;
}

static const struct ft_arch arch = {
	.name = "embed",
	.variant = "",
	.page_shift = 12,
	.window_base = 0x100000000000ull,
	.window_size = 0x100000000000ull,
	.nr_levels = 4,
	.level_shift = {39, 30, 21, 12},
	.nr_sizes = 2,
	.sizes = {{.size = 4096, .level = 3, .name = "4K"},
		  {.size = 2u << 20, .level = 2, .name = "2M"}},
};

FT_STORAGE_DEFINE(e, 4, 4, 8, 64, 64);
static struct ft_bank free_list[16];

int embed_entry(void);
int embed_entry(void)
{
	struct ft_ctx ctx;
	struct ft_storage_need need;
	struct ft_bootalloc ba;
	struct ft_ops ops = {0};
	struct ft_stats st;
	int rc = ft_init(&ctx, &arch, 0, &e_storage);

	rc |= ft_add_bank(&ctx, 0x80000000u, 0x40000000u);
	rc |= ft_add_reserved(&ctx, 0x80000000u, 0x1000);
	rc |= ft_storage_need(&ctx, &need);
	rc |= ft_plan(&ctx);
	ft_bootalloc_init(&ba, free_list, 16);
	rc |= ft_bootalloc_from_ctx(&ba, &ctx);
	ops.alloc = ft_bootalloc_hook_alloc;
	ops.alloc_arg = &ba;
	rc |= ft_place(&ctx, &ops);
	rc |= ft_apply(&ctx, &ops);
	ft_get_stats(&ctx, &st);
	rc |= ft_for_each_mapping(&ctx, 0, 0);
	rc |= ft_mfn_valid(&ctx, 0x80000);
	rc |= (int)ft_desc_va_to_mfn(&ctx, ft_mfn_to_desc_va(&ctx, 0x80001));
	rc |= (int)ft_desc_va_to_pdx(&ctx, 0x100000000123ull);
	rc |= ft_chunk_of_va(&ctx, 0);
	rc |= (int)ft_group_next_hole(&ctx, 0);
	return rc + (int)*ft_strerror(rc) + (int)*ft_pdx_mode_name(FT_PDX_MASK) +
	       (int)*ft_policy_name(FT_POLICY_DEFAULT);
}
C

warn="-std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
ran=0 missing=
# target NAME CC FLAGS...: compile the fragment's core and link.
target() {
	name=$1 cc=$2
	shift 2
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "MISSING: $cc (target $name) is not installed"
		missing="$missing $name"
		return
	fi
	inc=$("$cc" "$@" -print-file-name=include)
	flags="$warn -O2 -ffreestanding -nostdinc -isystem $inc $*"
	defs="-DFT_ENV_HEADER=\"$tmp/embed-env.h\" -I$srcdir/include"
	d=$tmp/$name
	mkdir -p "$d"
	objs=
	for s in $lists; do
		o=$d/$(basename "$s" .c).o
		"$cc" $flags $defs -c "$srcdir/$s" -o "$o" ||
			{ bad "$name: $s does not compile freestanding"; return; }
		objs="$objs $o"
	done
	"$cc" $flags $defs -c "$tmp/entry.c" -o "$d/entry.o" ||
		{ bad "$name: the freestanding entry does not compile"; return; }
	"$cc" $flags -nostdlib -static -Wl,-e,embed_entry -o "$d/embed.elf" \
		"$d/entry.o" $objs -lgcc >"$d/link.log" 2>&1 ||
		{ cat "$d/link.log" >&2; bad "$name: undefined symbols at link"; return; }
	pulled=$(nm "$d/embed.elf" 2>/dev/null | grep -E ' T __' | awk '{print $3}' | tr '\n' ' ')
	echo "ok: $name ($cc $*): $(echo $lists | wc -w) core files${pulled:+; from libgcc: $pulled}"
	ran=$((ran + 1))
}

target aarch64 aarch64-linux-gnu-gcc -mgeneral-regs-only
target riscv64 riscv64-unknown-elf-gcc -march=rv64imac -mabi=lp64 -mcmodel=medany
target arm-m55 arm-none-eabi-gcc -mthumb -mcpu=cortex-m55 -mfloat-abi=soft
target arm-a15 arm-none-eabi-gcc -marm -mcpu=cortex-a15 -mfloat-abi=soft
case $(uname -m) in
x86_64) target host-m32 "${CC:-cc}" -m32 -fno-pie -no-pie ;;
esac

if [ -n "$missing" ]; then
	echo "WARNING: cross compiler(s) missing for:$missing;" \
		"install gcc-aarch64-linux-gnu, gcc-riscv64-unknown-elf," \
		"gcc-arm-none-eabi (scripts/setup.sh does)" >&2
	if [ "${FT_FREESTANDING_ALLOW_MISSING:-0}" = 1 ]; then
		[ $fail = 0 ] && [ $ran -gt 0 ] || exit 1
		echo "SKIP: not every target was built" >&2
		exit 77
	fi
	fail=1
fi
exit $fail
