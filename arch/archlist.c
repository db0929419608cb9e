/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arch descriptions known to the hosted library, so the planner can
 * plan for every port on any host. A new port adds its line here, and
 * declares its description in include/frametable/arch.h.
 */
#include <frametable/arch.h>

/* The first of each name is its default variant. */
static const struct ft_arch *const ft_known_arches[] = {
	&ft_arch_arm64_4k,
	&ft_arch_arm64_16k,
	&ft_arch_arm64_64k,
	&ft_arch_riscv_sv39,
	&ft_arch_riscv_sv48,
	&ft_arch_riscv_sv39_nonapot,
	&ft_arch_riscv_sv48_nonapot,
	&ft_arch_arm_mpu,
	&ft_arch_arm32,
};

#define NR_KNOWN (sizeof(ft_known_arches) / sizeof(ft_known_arches[0]))

static int same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const struct ft_arch *ft_arch_nth(unsigned i)
{
	return i < NR_KNOWN ? ft_known_arches[i] : NULL;
}

const struct ft_arch *ft_arch_find(const char *name, const char *variant)
{
	for (unsigned i = 0; i < NR_KNOWN; i++) {
		const struct ft_arch *a = ft_known_arches[i];
		if (same(a->name, name) &&
		    (!variant || !*variant || same(a->variant, variant)))
			return a;
	}
	return NULL;
}
