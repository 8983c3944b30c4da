/*
 * Base64 (RFC 4648, standard alphabet, '=' padding) for the text frames
 * that carry snapshots over a serial console.
 */
#ifndef TERN_KERNEL_BASE64_H
#define TERN_KERNEL_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Characters base64_encode writes for n bytes. */
#define BASE64_LEN(n) (((n) + 2) / 3 * 4)

/* Encode n bytes into out (BASE64_LEN(n) characters, no NUL); returns
 * the count. */
size_t base64_encode(const uint8_t *in, size_t n, char *out);

/* Decode n characters (a multiple of 4; '=' only at the end) into out
 * (at most n / 4 * 3 bytes). False for anything else; *outlen gets the
 * byte count. Non-canonical padding bits are refused too, so that every
 * accepted text has exactly one meaning. */
bool base64_decode(const char *in, size_t n, uint8_t *out, size_t *outlen);

/* True if c is in the alphabet ('=' is not). */
bool base64_is_char(char c);

#endif
