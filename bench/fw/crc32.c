/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * crc32: table-driven CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320)
 * over a 64 KiB pseudo-random buffer, ROUNDS times. Each round flips one
 * byte of the buffer with the previous CRC, so no round can be skipped.
 * Byte loads, a table lookup, shifts and xors: about 8 instructions a byte.
 */
#include "bench.h"

#define ROUNDS (450UL * BENCH_SCALE)
#define LEN 65536

static uint32_t table[256];
static uint8_t buf[LEN];

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    while (n--) {
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

int main(void)
{
    uint64_t seed = 0x243f6a8885a308d3ULL;
    uint32_t crc = 0;

    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    for (uint32_t i = 0; i < LEN; i += 8) {
        uint64_t r = bench_rand(&seed);
        for (int k = 0; k < 8; k++) {
            buf[i + k] = (uint8_t)(r >> (8 * k));
        }
    }
    for (uint64_t r = 0; r < ROUNDS; r++) {
        buf[crc % LEN] ^= (uint8_t)crc;
        crc = crc32(crc, buf, LEN);
    }
    bench_result("crc32", crc);
    return 0;
}
