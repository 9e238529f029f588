#include "CBackflowSQL.h"
#include "record_text.h"

#include <sqlite3.h>
#include <string.h>

_Static_assert(BACKFLOW_CHECKSUM_TEXT_LENGTH == sizeof BACKFLOW_CHECKSUM_PREFIX - 1 + 16, "the prefix and 16 digits");

/// Writes the checksum text of the row hashed into `hash` to `text`: the prefix and exactly 16
/// lowercase hex digits, `BACKFLOW_CHECKSUM_TEXT_LENGTH` bytes.
static void write_checksum(char *text, uint64_t hash) {
    static const char digits[] = "0123456789abcdef";
    memcpy(text, BACKFLOW_CHECKSUM_PREFIX, sizeof BACKFLOW_CHECKSUM_PREFIX - 1);
    for (size_t index = BACKFLOW_CHECKSUM_TEXT_LENGTH; index-- > sizeof BACKFLOW_CHECKSUM_PREFIX - 1; hash >>= 4) {
        text[index] = digits[hash & 0xF];
    }
}

static void result_checksum(sqlite3_context *context, uint64_t hash) {
    char text[BACKFLOW_CHECKSUM_TEXT_LENGTH];
    write_checksum(text, hash);
    sqlite3_result_text(context, text, sizeof text, SQLITE_TRANSIENT);
}

static void append_little_endian(RecordText *text, uint64_t number, size_t count) {
    unsigned char bytes[8];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(bytes, &number, sizeof bytes);
#else
    for (size_t index = 0; index < count; index++, number >>= 8) bytes[index] = (unsigned char)number;
#endif
    record_text_append(text, bytes, count);
}

/// Writes `value` as the checksum hashes it (see `BACKFLOW_CHECKSUM_PREFIX`). With `text_is_utf8`
/// (the database's encoding is UTF-8), TEXT is read where SQLite holds it: `sqlite3_value_text` would
/// first copy text read from a table row, which has no NUL after it, to add one.
static void append_stored_value(RecordText *text, sqlite3_value *value, bool text_is_utf8) {
    int type = sqlite3_value_type(value);
    unsigned char code = (unsigned char)type;
    record_text_append(text, &code, 1);
    switch (type) {
    case SQLITE_INTEGER:
        append_little_endian(text, (uint64_t)sqlite3_value_int64(value), 8);
        return;
    case SQLITE_FLOAT: {
        double number = sqlite3_value_double(value);
        uint64_t bits;
        memcpy(&bits, &number, sizeof bits);
        append_little_endian(text, bits, 8);
        return;
    }
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
        const void *bytes =
            type == SQLITE_TEXT && !text_is_utf8 ? (const void *)sqlite3_value_text(value) : sqlite3_value_blob(value);
        size_t count = (size_t)sqlite3_value_bytes(value);
        // No bytes for a value that has some: SQLite could not make them (out of memory).
        if (!bytes && count > 0) text->out_of_memory = true;
        append_little_endian(text, bytes ? count : 0, 4);
        if (bytes) record_text_append(text, bytes, count);
        return;
    }
    default:
        return;
    }
}

/// Continues the hash `*hash` (the seed, to start a row) with `values`, one chunk of a row. False when
/// memory ran out.
static bool hash_chunk(int count, sqlite3_value **values, bool text_is_utf8, uint64_t *hash) {
    RecordText text;
    record_text_init(&text);
    for (int index = 0; index < count; index++) append_stored_value(&text, values[index], text_is_utf8);
    bool hashed = !text.out_of_memory;
    if (hashed) *hash = backflow_hash64(text.bytes, text.count, *hash);
    record_text_free(&text);
    return hashed;
}

/// Hashes `arguments[1...]` from the INTEGER `arguments[0]`, the seed or a state. False when that is
/// not an integer, or memory ran out; the error is reported.
static bool hash_values(sqlite3_context *context, int count, sqlite3_value **arguments, uint64_t *hash) {
    if (count < 1 || sqlite3_value_type(arguments[0]) != SQLITE_INTEGER) {
        sqlite3_result_error(context, "backflow_checksum: the first argument is the seed, an integer", -1);
        return false;
    }
    *hash = (uint64_t)sqlite3_value_int64(arguments[0]);
    if (hash_chunk(count - 1, arguments + 1, false, hash)) return true;
    sqlite3_result_error_nomem(context);
    return false;
}

bool backflow_row_checksum(
    sqlite3_value *const *row, const int *columns, int count, uint64_t seed, bool text_is_utf8, char *checksum) {
    sqlite3_value *values[BACKFLOW_CHECKSUM_VALUES_PER_CALL];
    uint64_t hash = seed;
    int start = 0;
    // One chunk at least: a row of no values is hashed once, as `backflow_checksum(seed)` hashes it.
    do {
        int chunk = count - start < BACKFLOW_CHECKSUM_VALUES_PER_CALL ? count - start : BACKFLOW_CHECKSUM_VALUES_PER_CALL;
        for (int index = 0; index < chunk; index++) values[index] = row[columns[start + index]];
        if (!hash_chunk(chunk, values, text_is_utf8, &hash)) return false;
        start += chunk;
    } while (start < count);
    write_checksum(checksum, hash);
    return true;
}

static void checksum_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    uint64_t hash;
    if (hash_values(context, count, arguments, &hash)) result_checksum(context, hash);
}

static void checksum_fold_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    uint64_t hash;
    if (hash_values(context, count, arguments, &hash)) sqlite3_result_int64(context, (sqlite3_int64)hash);
}

static void checksum_close_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    (void)count;
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
    } else {
        result_checksum(context, (uint64_t)sqlite3_value_int64(arguments[0]));
    }
}

static void record_id_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    (void)count;
    RecordText text;
    record_text_init(&text);
    if (!record_text_append_id(&text, arguments[0])) {
        sqlite3_result_null(context);
    } else if (text.out_of_memory) {
        sqlite3_result_error_nomem(context);
    } else {
        sqlite3_result_text64(context, (const char *)text.bytes, text.count, SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    record_text_free(&text);
}

static void id_kind_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    (void)count;
    switch (sqlite3_value_type(arguments[0])) {
    case SQLITE_NULL:
        sqlite3_result_null(context);
        return;
    case SQLITE_INTEGER:
        sqlite3_result_int(context, BACKFLOW_ID_KIND_INTEGER);
        return;
    case SQLITE_TEXT:
        sqlite3_result_int(context, record_text_is_verbatim_id(arguments[0]) ? BACKFLOW_ID_KIND_VERBATIM_TEXT : 0);
        return;
    default:
        sqlite3_result_int(context, 0);
    }
}

static void row_number_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    (void)count;
    (void)arguments;
    BackflowRowCounter *rows = sqlite3_user_data(context);
    sqlite3_result_int64(context, ++rows->last);
}

int backflow_define_record_functions(sqlite3 *db, BackflowRowCounter *rows) {
    const int pure = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    const struct {
        const char *name;
        int argument_count;
        int flags;
        void *data;
        void (*function)(sqlite3_context *, int, sqlite3_value **);
    } definitions[] = {
        {BACKFLOW_CHECKSUM_FUNCTION, -1, pure, NULL, checksum_function},
        {BACKFLOW_CHECKSUM_FOLD_FUNCTION, -1, pure, NULL, checksum_fold_function},
        {BACKFLOW_CHECKSUM_CLOSE_FUNCTION, 1, pure, NULL, checksum_close_function},
        {BACKFLOW_RECORD_ID_FUNCTION, 1, pure, NULL, record_id_function},
        {BACKFLOW_ID_KIND_FUNCTION, 1, pure, NULL, id_kind_function},
        {BACKFLOW_ROW_NUMBER_FUNCTION, 0, SQLITE_UTF8, rows, row_number_function},
    };
    for (size_t index = 0; index < sizeof definitions / sizeof definitions[0]; index++) {
        int code = sqlite3_create_function_v2(db, definitions[index].name, definitions[index].argument_count,
                                              definitions[index].flags, definitions[index].data,
                                              definitions[index].function, NULL, NULL, NULL);
        if (code != SQLITE_OK) return code;
    }
    return SQLITE_OK;
}
