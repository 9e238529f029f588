#ifndef BACKFLOW_RECORD_JSON_H
#define BACKFLOW_RECORD_JSON_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// Bytes being written for one function call: on the stack while they fit, then on SQLite's heap.
/// Or, for a checksum, not kept at all but hashed as they come (see ``record_text_init_hashing``).
typedef struct RecordText {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    /// An allocation failed; every later write is dropped and the call must report SQLITE_NOMEM.
    bool out_of_memory;
    /// Appended bytes only continue `hash`; `bytes` stays empty.
    bool hashing;
    uint64_t hash;
    unsigned char inline_storage[512];
} RecordText;

/// `StableHash.fnv1a64`: 64-bit FNV-1a of `bytes`, continuing from `hash`.
static inline uint64_t record_fnv1a64(uint64_t hash, const unsigned char *bytes, size_t count) {
    for (size_t index = 0; index < count; index++) {
        hash ^= bytes[index];
        hash *= UINT64_C(0x100000001b3);
    }
    return hash;
}

void record_text_init(RecordText *text);
/// Starts a text whose bytes are hashed with FNV-1a from `hash` instead of kept: the checksum of a
/// row is the hash of its JSON, which is then never held in memory.
void record_text_init_hashing(RecordText *text, uint64_t hash);
/// Frees the heap storage, if any.
void record_text_free(RecordText *text);
/// Makes room for `extra` more bytes when there is not; false (and `out_of_memory` set) when that failed.
bool record_text_grow(RecordText *text, size_t extra);

static inline void record_text_append(RecordText *text, const void *bytes, size_t count) {
    if (text->hashing) {
        text->hash = record_fnv1a64(text->hash, bytes, count);
        return;
    }
    if (text->capacity - text->count < count && !record_text_grow(text, count)) return;
    memcpy(text->bytes + text->count, bytes, count);
    text->count += count;
}

/// `value` as `JSONWriter` writes the value Swift reads for it.
void record_text_append_json(RecordText *text, sqlite3_value *value);
/// `bytes` (UTF-8 text from SQLite) as a JSON string literal.
void record_text_append_json_string(RecordText *text, const unsigned char *bytes, size_t count);
/// `value`'s identifier text (`ModelRecord.idText` of the value Swift reads for it); false for NULL.
bool record_text_append_id(RecordText *text, sqlite3_value *value);

/// Whether TEXT `value` is its own identifier text: well-formed UTF-8 (nothing repaired) without a NUL
/// (nothing cut off), so that two different texts have different identifiers.
bool record_text_is_verbatim_id(sqlite3_value *value);

/// `String(number)` into `output`, which must hold 20 bytes; returns the length.
size_t record_format_integer(int64_t number, char *output);
/// `JSONWriter.formatNumber(number)` into `output`, which must hold 32 bytes; returns the length.
size_t record_format_number(double number, char *output);

#endif
