#include "record_json.h"

#include <string.h>

void record_text_init(RecordText *text) {
    text->bytes = text->inline_storage;
    text->count = 0;
    text->capacity = sizeof text->inline_storage;
    text->out_of_memory = false;
    text->hashing = false;
    text->hash = 0;
}

void record_text_init_hashing(RecordText *text, uint64_t hash) {
    record_text_init(text);
    text->hashing = true;
    text->hash = hash;
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

static void append_byte(RecordText *text, unsigned char byte) {
    record_text_append(text, &byte, 1);
}

static void append_integer(RecordText *text, int64_t number) {
    char digits[20];
    record_text_append(text, digits, record_format_integer(number, digits));
}

static void append_number(RecordText *text, double number) {
    char formatted[32];
    record_text_append(text, formatted, record_format_number(number, formatted));
}

/// Data.base64EncodedString(): the standard alphabet, padded, on one line. Written through a small
/// buffer, so that a hashing text sees the same bytes in the same order.
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

/// True when one of the 8 bytes of `word` may need more than copying: a control character, `"`, `\`
/// or a byte of a multi-byte sequence. (Each test sets a byte's high bit when the byte matches; a
/// borrow can also flag a byte above a matching one, which only sends a word that needs it anyway
/// to the byte-by-byte path.)
static bool needs_attention(uint64_t word) {
    const uint64_t ones = UINT64_C(0x0101010101010101), high_bits = UINT64_C(0x8080808080808080);
    uint64_t quotes = word ^ (ones * '"'), backslashes = word ^ (ones * '\\');
    uint64_t flagged = ((word - ones * 0x20) & ~word) | ((quotes - ones) & ~quotes)
        | ((backslashes - ones) & ~backslashes) | word;
    return (flagged & high_bits) != 0;
}

/// How many of the first `count` bytes, in whole words of 8, need nothing but copying: most text is
/// plain ASCII, and skipping it a word at a time is much faster than byte by byte.
static size_t plain_words(const unsigned char *bytes, size_t count) {
    size_t length = 0;
    uint64_t word;
    while (length + sizeof word <= count) {
        memcpy(&word, bytes + length, sizeof word);
        if (needs_attention(word)) break;
        length += sizeof word;
    }
    return length;
}

/// Appends UTF-8 text from SQLite as Swift holds it after `String(decoding:as: UTF8.self)`: each maximal
/// ill-formed subpart becomes U+FFFD. With `escape`, also escapes as a JSON string's content: `"`,
/// `\` and control characters, as `JSONWriter.writeString` does (nothing else, as JSON.stringify).
static void append_text(RecordText *text, const unsigned char *bytes, size_t count, bool escape) {
    static const unsigned char replacement[] = {0xEF, 0xBF, 0xBD};
    static const char hex[] = "0123456789abcdef";
    size_t copied = 0, index = 0;
    while (index < count) {
        index += plain_words(bytes + index, count - index);
        if (index == count) break;
        unsigned char byte = bytes[index];
        if (byte < 0x80) {
            if (!escape || (byte >= 0x20 && byte != '"' && byte != '\\')) {
                index++;
                continue;
            }
            record_text_append(text, bytes + copied, index - copied);
            char escaped[6] = {'\\', 0, 0, 0, 0, 0};
            size_t length = 2;
            switch (byte) {
            case '"': escaped[1] = '"'; break;
            case '\\': escaped[1] = '\\'; break;
            case '\n': escaped[1] = 'n'; break;
            case '\r': escaped[1] = 'r'; break;
            case '\t': escaped[1] = 't'; break;
            case 0x08: escaped[1] = 'b'; break;
            case 0x0C: escaped[1] = 'f'; break;
            default:
                memcpy(escaped + 1, "u00", 3);
                escaped[4] = hex[byte >> 4];
                escaped[5] = hex[byte & 0x0F];
                length = 6;
            }
            record_text_append(text, escaped, length);
            copied = ++index;
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

void record_text_append_json_string(RecordText *text, const unsigned char *bytes, size_t count) {
    append_byte(text, '"');
    append_text(text, bytes, count, true);
    append_byte(text, '"');
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

/// `value` as Swift writes the value it reads for it: as JSON (`as_json`), or as identifier text: text
/// and base64 without quotes or escapes, text up to its first NUL (where the text Swift binds for an
/// identifier ends). False for NULL as an identifier, which has none.
static bool append_value(RecordText *text, sqlite3_value *value, bool as_json) {
    size_t count;
    const unsigned char *bytes;
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
        append_integer(text, sqlite3_value_int64(value));
        return true;
    case SQLITE_FLOAT:
        append_number(text, sqlite3_value_double(value));
        return true;
    case SQLITE_TEXT:
        bytes = text_of(value, &count);
        if (as_json) {
            record_text_append_json_string(text, bytes, count);
        } else {
            const unsigned char *nul = count > 0 ? memchr(bytes, 0, count) : NULL;
            append_text(text, bytes, nul ? (size_t)(nul - bytes) : count, false);
        }
        return true;
    case SQLITE_BLOB:
        bytes = blob_of(value, &count);
        if (as_json) append_byte(text, '"');
        append_base64(text, bytes, count);
        if (as_json) append_byte(text, '"');
        return true;
    default:
        if (as_json) record_text_append(text, "null", 4);
        return as_json;
    }
}

void record_text_append_json(RecordText *text, sqlite3_value *value) {
    append_value(text, value, true);
}

bool record_text_append_id(RecordText *text, sqlite3_value *value) {
    return append_value(text, value, false);
}

bool record_text_is_verbatim_id(sqlite3_value *value) {
    size_t count;
    const unsigned char *bytes = text_of(value, &count);
    size_t index = 0;
    while (index < count) {
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
