/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The plan as a picture: a self-contained SVG 1200 px wide with the
 * physical map (banks, holes, reserved ranges) above the frametable's
 * virtual layout (chunks coloured by mapping size), linked bank by bank,
 * and the totals in the title (docs/ftplan.md, "Pictures"). Hand-written
 * SVG text, no library; the same plan always gives the same bytes.
 * Hosted only.
 */
#ifndef FRAMETABLE_TOOLS_SVG_H
#define FRAMETABLE_TOOLS_SVG_H

#include <frametable/frametable.h>

#include <stdio.h>

/* Draw a planned (maybe placed) context to f. board names the map in the
 * title (any bytes: escaped, invalid UTF-8 replaced). Returns 0, or -1
 * with errno set when memory or the stream fails. */
int ft_svg_print(FILE *f, const struct ft_ctx *ctx, const char *board);

/* Draw it to the file out_path. The board's name is the "# board:" line of
 * the banks_len bytes of banks_text (a .banks file's contents; NULL for a
 * DTB), else the base name of in_path. Returns 0, or -1 with errno set; no
 * partial file is left. */
int ft_svg_write(const char *out_path, const struct ft_ctx *ctx,
		 const char *in_path, const char *banks_text, size_t banks_len);

#endif
