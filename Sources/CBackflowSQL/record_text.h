#ifndef BACKFLOW_RECORD_TEXT_H
#define BACKFLOW_RECORD_TEXT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// Bytes being written for one function call: on the stack while they fit, then on SQLite's heap.
typedef struct RecordText {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    /// An allocation failed; every later write is dropped and the call must report SQLITE_NOMEM.
    bool out_of_memory;
    unsigned char inline_storage[512];
} RecordText;

void record_text_init(RecordText *text);
/// Frees the heap storage, if any.
void record_text_free(RecordText *text);
/// Makes room for `extra` more bytes when there is not; false (and `out_of_memory` set) when that failed.
bool record_text_grow(RecordText *text, size_t extra);

static inline void record_text_append(RecordText *text, const void *bytes, size_t count) {
    if (text->capacity - text->count < count && !record_text_grow(text, count)) return;
    memcpy(text->bytes + text->count, bytes, count);
    text->count += count;
}

/// `value`'s identifier text (`ModelRecord.idText` of the value Swift reads for it); false for NULL.
bool record_text_append_id(RecordText *text, sqlite3_value *value);

/// Whether TEXT `value` is its own identifier text: well-formed UTF-8 (nothing repaired) without a NUL
/// (nothing cut off), so that two different texts have different identifiers.
bool record_text_is_verbatim_id(sqlite3_value *value);

/// `String(number)` into `output`, which must hold 20 bytes; returns the length.
size_t record_format_integer(int64_t number, char *output);
/// `RecordChecksumText.number(number)` into `output`, which must hold 32 bytes; returns the length.
size_t record_format_number(double number, char *output);

#endif
