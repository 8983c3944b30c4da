/*
 * run_malloc: the heap and the string functions of picolibc, a checksum of
 * what they produced, then PSCI SYSTEM_OFF.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static uint32_t fnv(const void *p, size_t n, uint32_t h)
{
	const uint8_t *b = p;
	while (n--)
		h = (h ^ *b++) * 16777619u;
	return h;
}

int main(void)
{
	uint32_t h = 2166136261u;

	/* blocks of growing size, filled, checked, freed in another order */
	char *blocks[16];
	for (int i = 0; i < 16; i++) {
		size_t n = 16u << (i % 8);
		blocks[i] = malloc(n);
		if (!blocks[i]) {
			printf("malloc %u failed\n", (unsigned)n);
			return 1;
		}
		memset(blocks[i], 'a' + i, n);
		h = fnv(blocks[i], n, h);
	}
	for (int i = 0; i < 16; i += 2)
		free(blocks[i]);
	for (int i = 1; i < 16; i += 2) {
		blocks[i] = realloc(blocks[i], 3000);
		blocks[i][2999] = 0;
		h = fnv(blocks[i], 100, h);
		free(blocks[i]);
	}
	printf("heap checksum %08" PRIx32 "\n", h);

	char *s = calloc(1, 128);
	strcpy(s, "tern");
	strcat(s, " runs ");
	strncat(s, "guests everywhere", 6);
	printf("[%s] len %u\n", s, (unsigned)strlen(s));
	printf("strcmp %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0,
	       strcmp(s, "tern runs guests") == 0);
	printf("strchr %s strrchr %s strstr %s\n", strchr(s, 'r'), strrchr(s, 'r'),
	       strstr(s, "runs"));
	memmove(s + 2, s, 10);
	printf("memmove [%s]\n", s);

	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%d-%s-%x", 123, "abc", 0xfeedu);
	printf("snprintf %d [%s]\n", n, buf);
	printf("strtol %ld %ld %lu\n", strtol("-12345", NULL, 10), strtol("0x7fff", NULL, 16),
	       strtoul("4294967295", NULL, 10));
	printf("atoi %d\n", atoi("  987xyz"));

	char tok[] = "alpha,beta,,gamma;delta";
	for (char *t = strtok(tok, ",;"); t; t = strtok(NULL, ",;"))
		printf("token %s\n", t);

	int arr[20];
	for (int i = 0; i < 20; i++)
		arr[i] = (int)((i * 7919u + 13u) % 101u) - 50;
	qsort(arr, 20, sizeof(arr[0]), cmp_int);
	printf("sorted");
	for (int i = 0; i < 20; i++)
		printf(" %d", arr[i]);
	printf("\n");
	free(s);
	printf("done\n");
	return 0;
}
