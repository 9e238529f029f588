#include "record_text.h"

#include <string.h>

void record_text_init(RecordText *text) {
    text->bytes = text->inline_storage;
    text->count = 0;
    text->capacity = sizeof text->inline_storage;
    text->out_of_memory = false;
}

void record_text_free(RecordText *text) {
    if (text->bytes != text->inline_storage) sqlite3_free(text->bytes);
    record_text_init(text);
}

bool record_text_grow(RecordText *text, size_t extra) {
    if (text->out_of_memory) return false;
    if (text->capacity - text->count >= extra) return true;
    size_t capacity = text->capacity * 2;
    while (capacity - text->count < extra) capacity *= 2;
    unsigned char *grown;
    if (text->bytes == text->inline_storage) {
        grown = sqlite3_malloc64(capacity);
        if (grown) memcpy(grown, text->bytes, text->count);
    } else {
        grown = sqlite3_realloc64(text->bytes, capacity);
    }
    if (!grown) {
        text->out_of_memory = true;
        return false;
    }
    text->bytes = grown;
    text->capacity = capacity;
    return true;
}

static void append_integer(RecordText *text, int64_t number) {
    char digits[20];
    record_text_append(text, digits, record_format_integer(number, digits));
}

static void append_number(RecordText *text, double number) {
    char formatted[32];
    record_text_append(text, formatted, record_format_number(number, formatted));
}

/// Data.base64EncodedString(): the standard alphabet, padded, on one line, written through a small
/// buffer.
static void append_base64(RecordText *text, const unsigned char *bytes, size_t count) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char chunk[256];
    size_t used = 0;
    size_t index = 0;
    for (; index + 3 <= count; index += 3) {
        uint32_t group = (uint32_t)bytes[index] << 16 | (uint32_t)bytes[index + 1] << 8 | bytes[index + 2];
        chunk[used++] = (unsigned char)alphabet[group >> 18];
        chunk[used++] = (unsigned char)alphabet[(group >> 12) & 0x3F];
        chunk[used++] = (unsigned char)alphabet[(group >> 6) & 0x3F];
        chunk[used++] = (unsigned char)alphabet[group & 0x3F];
        if (used == sizeof chunk) {
            record_text_append(text, chunk, used);
            used = 0;
        }
    }
    if (index < count) {
        uint32_t group = (uint32_t)bytes[index] << 16;
        if (index + 1 < count) group |= (uint32_t)bytes[index + 1] << 8;
        chunk[used++] = (unsigned char)alphabet[group >> 18];
        chunk[used++] = (unsigned char)alphabet[(group >> 12) & 0x3F];
        chunk[used++] = index + 1 < count ? (unsigned char)alphabet[(group >> 6) & 0x3F] : '=';
        chunk[used++] = '=';
    }
    record_text_append(text, chunk, used);
}

/// The length of the well-formed UTF-8 sequence starting with `bytes[0]` (at least 0x80), or 0 when it
/// is ill-formed, with `*replaced` set to the length of its maximal ill-formed subpart (the lead byte
/// and the continuation bytes that could still have completed it), which Swift replaces with one U+FFFD.
static size_t utf8_sequence_length(const unsigned char *bytes, size_t available, size_t *replaced) {
    unsigned char lead = bytes[0];
    size_t length;
    unsigned char second_low = 0x80, second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) second_low = 0xA0;  // overlong below U+0800
        if (lead == 0xED) second_high = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) second_low = 0x90;  // overlong below U+10000
        if (lead == 0xF4) second_high = 0x8F; // above U+10FFFF
    } else {
        *replaced = 1;
        return 0;
    }
    size_t index = 1;
    for (; index < length && index < available; index++) {
        unsigned char byte = bytes[index];
        unsigned char low = index == 1 ? second_low : 0x80, high = index == 1 ? second_high : 0xBF;
        if (byte < low || byte > high) break;
    }
    if (index == length) return length;
    *replaced = index;
    return 0;
}

/// How many of the first `count` bytes, in whole words of 8, are ASCII (and, with `stop_at_nul`, not
/// NUL): most text is, and skipping it a word at a time is much faster than byte by byte. A word has a
/// zero byte when subtracting 1 from each byte borrows into a byte whose high bit was clear.
static size_t ascii_words(const unsigned char *bytes, size_t count, bool stop_at_nul) {
    const uint64_t high_bits = UINT64_C(0x8080808080808080);
    const uint64_t low_bits = UINT64_C(0x0101010101010101);
    size_t length = 0;
    uint64_t word;
    while (length + sizeof word <= count) {
        memcpy(&word, bytes + length, sizeof word);
        if (word & high_bits) break;
        if (stop_at_nul && ((word - low_bits) & ~word & high_bits)) break;
        length += sizeof word;
    }
    return length;
}

/// Appends UTF-8 text from SQLite as Swift holds it after `String(decoding:as: UTF8.self)`: each maximal
/// ill-formed subpart becomes U+FFFD.
static void append_text(RecordText *text, const unsigned char *bytes, size_t count) {
    static const unsigned char replacement[] = {0xEF, 0xBF, 0xBD};
    size_t copied = 0, index = 0;
    while (index < count) {
        index += ascii_words(bytes + index, count - index, false);
        if (index == count) break;
        if (bytes[index] < 0x80) {
            index++;
            continue;
        }
        size_t replaced = 0;
        size_t length = utf8_sequence_length(bytes + index, count - index, &replaced);
        if (length > 0) {
            index += length;
            continue;
        }
        record_text_append(text, bytes + copied, index - copied);
        record_text_append(text, replacement, sizeof replacement);
        index += replaced;
        copied = index;
    }
    record_text_append(text, bytes + copied, count - copied);
}

/// A TEXT value's bytes; SQLite may give NULL for empty text, which Swift reads as "".
static const unsigned char *text_of(sqlite3_value *value, size_t *count) {
    const unsigned char *bytes = sqlite3_value_text(value);
    *count = bytes ? (size_t)sqlite3_value_bytes(value) : 0;
    return bytes;
}

/// A BLOB value's bytes; an empty blob may have none.
static const unsigned char *blob_of(sqlite3_value *value, size_t *count) {
    const unsigned char *bytes = sqlite3_value_blob(value);
    *count = bytes ? (size_t)sqlite3_value_bytes(value) : 0;
    return bytes;
}

bool record_text_append_id(RecordText *text, sqlite3_value *value) {
    size_t count;
    const unsigned char *bytes;
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
        append_integer(text, sqlite3_value_int64(value));
        return true;
    case SQLITE_FLOAT:
        append_number(text, sqlite3_value_double(value));
        return true;
    case SQLITE_TEXT: {
        // Up to its first NUL, where the text Swift binds for an identifier ends.
        bytes = text_of(value, &count);
        const unsigned char *nul = count > 0 ? memchr(bytes, 0, count) : NULL;
        append_text(text, bytes, nul ? (size_t)(nul - bytes) : count);
        return true;
    }
    case SQLITE_BLOB:
        bytes = blob_of(value, &count);
        append_base64(text, bytes, count);
        return true;
    default:
        return false;
    }
}

bool record_text_is_verbatim_id(sqlite3_value *value) {
    size_t count;
    const unsigned char *bytes = text_of(value, &count);
    size_t index = 0;
    while (index < count) {
        index += ascii_words(bytes + index, count - index, true);
        if (index == count) break;
        unsigned char byte = bytes[index];
        if (byte == 0) return false;
        if (byte < 0x80) {
            index++;
            continue;
        }
        size_t replaced = 0;
        size_t length = utf8_sequence_length(bytes + index, count - index, &replaced);
        if (length == 0) return false;
        index += length;
    }
    return true;
}
