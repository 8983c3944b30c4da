/*
 * g_string: the C library's string and memory functions (their hand-written
 * ARM/Thumb versions in newlib, unaligned heads and tails, word loops, LDRD,
 * NEON in newlib's memcpy), sprintf/snprintf, strtol/strtoul/strtoull/atoi,
 * strtok, qsort of strings; each result printed.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 0x9e3779b9u;

static uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static uint32_t hash(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

#define BUF 1024
static uint8_t src[BUF + 64], dst[BUF + 64], ref[BUF + 64];

/* reference byte-by-byte copy: volatile so gcc does not turn it into memcpy */
static void ref_move(volatile uint8_t *d, const volatile uint8_t *s, size_t n)
{
	if (d < s) {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	} else {
		for (size_t i = n; i-- > 0;)
			d[i] = s[i];
	}
}

static void mem_functions(void)
{
	for (int i = 0; i < BUF + 64; i++)
		src[i] = (uint8_t)rnd();
	/* memcpy / memset at every alignment and many lengths */
	uint32_t h = 0;
	int bad = 0;
	for (int so = 0; so < 8; so++) {
		for (int dof = 0; dof < 8; dof++) {
			for (size_t n = 0; n < 300; n += 1 + n / 4) {
				memset(dst, 0xa5, sizeof(dst));
				memset(ref, 0xa5, sizeof(ref));
				memcpy(dst + dof, src + so, n);
				ref_move(ref + dof, src + so, n);
				if (memcmp(dst, ref, sizeof(dst)) != 0)
					bad++;
				h = h * 3 + hash(dst, 320);
			}
		}
	}
	printf("memcpy: %d bad, hash %08" PRIx32 "\n", bad, h);

	/* memmove, both directions, overlapping */
	bad = 0;
	h = 0;
	for (int k = 0; k < 400; k++) {
		size_t n = rnd() % 200;
		size_t a = rnd() % 300, b = rnd() % 300;
		memcpy(dst, src, BUF);
		memcpy(ref, src, BUF);
		memmove(dst + a, dst + b, n);
		ref_move(ref + a, ref + b, n);
		if (memcmp(dst, ref, BUF) != 0)
			bad++;
		h += hash(dst, 512);
	}
	printf("memmove: %d bad, hash %08" PRIx32 "\n", bad, h);

	/* memset with odd values and alignments */
	h = 0;
	for (int o = 0; o < 16; o++) {
		for (size_t n = 0; n < 100; n += 7) {
			memset(dst, 0, 128);
			memset(dst + o, o * 17 + (int)n, n);
			h = h * 5 + hash(dst, 128);
		}
	}
	printf("memset: hash %08" PRIx32 "\n", h);

	/* memcmp signs, memchr, memrchr-like scan */
	int cs = 0;
	for (int k = 0; k < 300; k++) {
		size_t n = rnd() % 64 + 1;
		memcpy(dst, src + k, n);
		size_t at = rnd() % n;
		dst[at] = (uint8_t)(dst[at] + (k & 1 ? 1 : -1));
		cs = cs * 3 + sign(memcmp(dst, src + k, n)) + 2 * sign(memcmp(src + k, dst, at));
		const uint8_t *p = memchr(src + k, src[k + at], n);
		cs += p ? (int)(p - (src + k)) : -1;
	}
	printf("memcmp/memchr: %d\n", cs);
}

static const char *const words[] = {
	"pear", "apple", "fig", "banana", "Apple", "apple pie", "", "zucchini", "kiwi", "fig",
	"cherry", "date", "elderberry", "grape", "honeydew", "a", "ab", "abc", "abd", "abcd",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static volatile size_t cat_n = 13;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void str_functions(void)
{
	/* strlen at each alignment (word-at-a-time loops look past the end) */
	static char s[80];
	uint32_t lens = 0;
	for (int o = 0; o < 8; o++) {
		for (int n = 0; n < 40; n++) {
			memset(s, 'x', sizeof(s));
			s[o + n] = 0;
			lens = lens * 7 + (uint32_t)strlen(s + o);
		}
	}
	printf("strlen: %08" PRIx32 "\n", lens);

	int c = 0;
	for (size_t i = 0; i < NWORDS; i++)
		for (size_t j = 0; j < NWORDS; j++)
			c = c * 3 + sign(strcmp(words[i], words[j])) + 5 * sign(strncmp(words[i], words[j], 3));
	printf("strcmp/strncmp: %d\n", c);

	const char *sorted[NWORDS];
	memcpy(sorted, words, sizeof(words));
	qsort(sorted, NWORDS, sizeof(sorted[0]), cmp_str);
	printf("sorted:");
	for (size_t i = 0; i < NWORDS; i++)
		printf(" '%s'", sorted[i]);
	printf("\n");

	char buf[200];
	strcpy(buf, "The quick brown fox");
	strcat(buf, " jumps over");
	strncat(buf, " the lazy dog and more", cat_n); /* stops after 13 */
	printf("strcat: '%s' (%u)\n", buf, (unsigned)strlen(buf));
	printf("strchr: '%s' strrchr: '%s' strstr: '%s' strstr miss: %s\n", strchr(buf, 'q'),
	       strrchr(buf, 'o'), strstr(buf, "over"), strstr(buf, "cat") ? "found" : "null");
	printf("strspn %u strcspn %u strpbrk '%s'\n", (unsigned)strspn(buf, "ehT qu"),
	       (unsigned)strcspn(buf, "xyz"), strpbrk(buf, "jl"));
	char tok[100];
	strcpy(tok, "  alpha,beta;;gamma , delta,,epsilon ");
	printf("strtok:");
	for (char *t = strtok(tok, " ,;"); t; t = strtok(NULL, " ,;"))
		printf(" [%s]", t);
	printf("\n");
	char nb[8];
	memset(nb, '#', sizeof(nb));
	strncpy(nb, "abc", sizeof(nb));
	printf("strncpy pads: %d %d %d\n", nb[3], nb[7], memcmp(nb, "abc", 4));
	char *d = strdup("duplicate me");
	printf("strdup: '%s' upper:", d);
	for (char *p = d; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	printf(" '%s'\n", d);
	free(d);
}

static void conversions(void)
{
	static const char *const nums[] = {
		"0", "42", "-42", "  +17xyz", "0x1fF", "0777", "2147483647", "2147483648",
		"-2147483648", "-2147483649", "4294967295", "4294967296", "99999999999999999999",
		"z", "-0", "0x", " \t\n12", "1e5",
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		char *end;
		errno = 0;
		long l = strtol(nums[i], &end, 0);
		int e1 = errno;
		long consumed = end - nums[i];
		errno = 0;
		unsigned long ul = strtoul(nums[i], &end, 10);
		int e2 = errno;
		errno = 0;
		unsigned long long ull = strtoull(nums[i], NULL, 16);
		int e3 = errno;
		long long ll = strtoll(nums[i], NULL, 8);
		printf("'%s': strtol %ld (%ld, %s) strtoul %lu%s strtoull16 %llu%s strtoll8 %lld atoi %d\n",
		       nums[i], l, consumed, e1 == ERANGE ? "ERANGE" : "ok", ul,
		       e2 == ERANGE ? " ERANGE" : "", ull, e3 == ERANGE ? " ERANGE" : "", ll,
		       atoi(nums[i]));
	}
	printf("strtol base 36: %ld base 2: %ld\n", strtol("zz", NULL, 36), strtol("-101101", NULL, 2));
}

static void formatting(void)
{
	char buf[256];
	int n = sprintf(buf, "%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%u|%c|%s|%.3s|%10s|%-10s|%%",
			-123, 45, 45, 45, 45, 45, 0xdeadbeefu, 0xdeadbeefu, 255u, 8u, 8u, 4000000000u,
			'q', "str", "truncate", "right", "left");
	printf("sprintf %d: %s\n", n, buf);
	n = sprintf(buf, "%ld %lu %lld %llu %llx %hd %hhu %p", LONG_MIN, ULONG_MAX, LLONG_MIN,
		    ULLONG_MAX, 0x123456789abcdefULL, (short)-5, (unsigned char)300, (void *)0x1234);
	printf("sprintf %d: %s\n", n, buf);
#ifdef __PICOLIBC__ /* Debian's newlib is built without the C99 z, t, j */
	n = sprintf(buf, "%zu %td %jd", (size_t)77, (ptrdiff_t)-9, (intmax_t)-1234567890123LL);
	printf("sprintf %d: %s\n", n, buf);
#endif
	n = sprintf(buf, "[%*d] [%-*d] [%.*d] [%.0d] [%#.3x]", 6, 7, 6, 7, 4, 7, 0, 0x5u);
	printf("sprintf %d: %s\n", n, buf);
	/* snprintf truncation and return value */
	for (size_t sz = 0; sz < 12; sz += 3) {
		memset(buf, '@', 20);
		n = snprintf(buf, sz, "hello %s", "world");
		buf[19] = 0;
		printf("snprintf(%u) = %d '%s'\n", (unsigned)sz, n, sz ? buf : "(none)");
	}
	int a = 0, b = 0;
	char w[16];
	n = sscanf("12 0x1f word", "%d %i %15s", &a, &b, w);
	printf("sscanf %d: %d %d %s\n", n, a, b, w);
}

int main(void)
{
	printf("g_string: start\n");
	mem_functions();
	str_functions();
	conversions();
	formatting();
	printf("done\n");
	return 0;
}
