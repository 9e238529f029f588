#include "CBackflowSQL.h"

#include <stddef.h>
#include <stdint.h>

// XXH64 as its specification defines it: four lanes of 8 bytes per 32-byte stripe, then the tail in
// words of 8 and 4 and single bytes, then the avalanche.

static const uint64_t prime1 = UINT64_C(0x9E3779B185EBCA87), prime2 = UINT64_C(0xC2B2AE3D27D4EB4F),
                      prime3 = UINT64_C(0x165667B19E3779F9), prime4 = UINT64_C(0x85EBCA77C2B2AE63),
                      prime5 = UINT64_C(0x27D4EB2F165667C5);

static inline uint64_t rotate_left(uint64_t value, int bits) {
    return value << bits | value >> (64 - bits);
}

/// 8 bytes read little-endian whatever the machine's byte order (compilers turn this into one load).
static inline uint64_t read_64(const unsigned char *bytes) {
    uint64_t value = 0;
    for (int index = 7; index >= 0; index--) value = value << 8 | bytes[index];
    return value;
}

static inline uint64_t read_32(const unsigned char *bytes) {
    return (uint64_t)bytes[0] | (uint64_t)bytes[1] << 8 | (uint64_t)bytes[2] << 16 | (uint64_t)bytes[3] << 24;
}

static inline uint64_t mix_lane(uint64_t accumulator, uint64_t lane) {
    accumulator += lane * prime2;
    return rotate_left(accumulator, 31) * prime1;
}

static inline uint64_t merge_lane(uint64_t hash, uint64_t lane) {
    hash ^= mix_lane(0, lane);
    return hash * prime1 + prime4;
}

uint64_t backflow_hash64(const void *data, size_t count, uint64_t seed) {
    const unsigned char *bytes = data, *end = bytes + count;
    uint64_t hash;
    if (count >= 32) {
        uint64_t lanes[4] = {seed + prime1 + prime2, seed + prime2, seed, seed - prime1};
        for (; end - bytes >= 32; bytes += 32) {
            for (int lane = 0; lane < 4; lane++) lanes[lane] = mix_lane(lanes[lane], read_64(bytes + 8 * lane));
        }
        hash = rotate_left(lanes[0], 1) + rotate_left(lanes[1], 7) + rotate_left(lanes[2], 12)
            + rotate_left(lanes[3], 18);
        for (int lane = 0; lane < 4; lane++) hash = merge_lane(hash, lanes[lane]);
    } else {
        hash = seed + prime5;
    }
    hash += count;
    for (; end - bytes >= 8; bytes += 8) hash = rotate_left(hash ^ mix_lane(0, read_64(bytes)), 27) * prime1 + prime4;
    if (end - bytes >= 4) {
        hash = rotate_left(hash ^ read_32(bytes) * prime1, 23) * prime2 + prime3;
        bytes += 4;
    }
    for (; bytes < end; bytes++) hash = rotate_left(hash ^ *bytes * prime5, 11) * prime1;
    hash ^= hash >> 33;
    hash *= prime2;
    hash ^= hash >> 29;
    hash *= prime3;
    return hash ^ hash >> 32;
}
