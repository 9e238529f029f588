#include "CBackflowSQL.h"
#include "record_json.h"

#include <sqlite3.h>

static const uint64_t fnv_offset_basis = UINT64_C(0xcbf29ce484222325);

/// `StableHash.hex`: exactly 16 lowercase hex digits.
static void result_hex(sqlite3_context *context, uint64_t hash) {
    static const char digits[] = "0123456789abcdef";
    char hex[16];
    for (int index = 15; index >= 0; index--, hash >>= 4) hex[index] = digits[hash & 0xF];
    sqlite3_result_text(context, hex, sizeof hex, SQLITE_TRANSIENT);
}

/// Hashes the pairs `arguments[first]`, `arguments[first + 1]`, ... written as `"name":value` and
/// joined by commas, after a `{` when `state` is NULL (a new row) or a `,` after `*state`. False when
/// the arguments are not name/value pairs with text names; the error is reported.
static bool hash_pairs(sqlite3_context *context, int count, sqlite3_value **arguments, int first,
                       const uint64_t *state, uint64_t *hash) {
    if (count < first || (count - first) % 2 != 0) {
        sqlite3_result_error(context, "backflow_checksum: the columns come as name/value pairs", -1);
        return false;
    }
    RecordText text;
    record_text_init_hashing(&text, state ? *state : fnv_offset_basis);
    record_text_append(&text, state ? "," : "{", 1);
    for (int index = first; index < count; index += 2) {
        if (index > first) record_text_append(&text, ",", 1);
        if (sqlite3_value_type(arguments[index]) != SQLITE_TEXT) {
            sqlite3_result_error(context, "backflow_checksum: a column name must be text", -1);
            return false;
        }
        const unsigned char *name = sqlite3_value_text(arguments[index]);
        record_text_append_json_string(&text, name, name ? (size_t)sqlite3_value_bytes(arguments[index]) : 0);
        record_text_append(&text, ":", 1);
        record_text_append_json(&text, arguments[index + 1]);
    }
    *hash = text.hash;
    return true;
}

static uint64_t close_object(uint64_t state) {
    return record_fnv1a64(state, (const unsigned char *)"}", 1);
}

static void checksum_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    uint64_t hash;
    if (hash_pairs(context, count, arguments, 0, NULL, &hash)) result_hex(context, close_object(hash));
}

static void checksum_fold_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    uint64_t state = 0, hash;
    bool continuing = count > 0 && sqlite3_value_type(arguments[0]) != SQLITE_NULL;
    if (continuing) state = (uint64_t)sqlite3_value_int64(arguments[0]);
    if (hash_pairs(context, count, arguments, 1, continuing ? &state : NULL, &hash)) {
        sqlite3_result_int64(context, (sqlite3_int64)hash);
    }
}

static void checksum_close_function(sqlite3_context *context, int count, sqlite3_value **arguments) {
    (void)count;
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
    } else {
        result_hex(context, close_object((uint64_t)sqlite3_value_int64(arguments[0])));
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
