/*
 * Base64 without tables of 256 entries: the firmware is small, and the
 * console is slower than any of this.
 */
#include "kernel/base64.h"

static const char base64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

bool base64_is_char(char c)
{
	return base64_value(c) >= 0;
}

size_t base64_encode(const uint8_t *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t left = n - i;
		if (left > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (left > 2)
			v |= in[i + 2];
		out[o++] = base64_alphabet[(v >> 18) & 63];
		out[o++] = base64_alphabet[(v >> 12) & 63];
		out[o++] = left > 1 ? base64_alphabet[(v >> 6) & 63] : '=';
		out[o++] = left > 2 ? base64_alphabet[v & 63] : '=';
	}
	return o;
}

bool base64_decode(const char *in, size_t n, uint8_t *out, size_t *outlen)
{
	size_t o = 0;
	*outlen = 0;
	if (n % 4)
		return false;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		unsigned pad = 0;
		for (int k = 0; k < 4; k++) {
			char c = in[i + k];
			if (c == '=' && i + 4 == n && k >= 2) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad) /* data after '=' */
				return false;
			if ((v[k] = base64_value(c)) < 0)
				return false;
		}
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
			     (uint32_t)v[2] << 6 | (uint32_t)v[3];
		/* the bits padding throws away must be zero */
		if ((pad == 2 && (w & 0xffff)) || (pad == 1 && (w & 0xff)))
			return false;
		out[o++] = (uint8_t)(w >> 16);
		if (pad < 2)
			out[o++] = (uint8_t)(w >> 8);
		if (pad < 1)
			out[o++] = (uint8_t)w;
	}
	*outlen = o;
	return true;
}
