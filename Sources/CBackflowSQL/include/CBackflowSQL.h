#ifndef CBACKFLOWSQL_H
#define CBACKFLOWSQL_H

#include <stdint.h>

/// The SQLite functions of Backflow's change detection, in C because SQLite calls them for every row of
/// a model on every scan.
///
/// They compute, inside SQLite, byte for byte what Swift computes for a row (`ModelRecord.checksum`,
/// `ModelRecord.idText`): the checksum is 64-bit FNV-1a over the compact JSON of the row's columns
/// `{"name":value,...}` as `JSONWriter` writes it, and a value converts as `SQLiteStatement.value(at:)`
/// converts a column: INTEGER as its digits, REAL as `JSONWriter.formatNumber`, TEXT as a string (ill-formed
/// UTF-8 repaired as Swift's `String(decoding:as:)` repairs it), BLOB as a string of its base64, NULL as
/// `null`.

/// `backflow_checksum(name1, value1, name2, value2, ...)`: the row's checksum, 16 lowercase hex digits.
/// Names must be text. SQLite limits a call to 127 arguments, so a wider row is hashed in chunks of
/// at most `BACKFLOW_CHECKSUM_PAIRS_PER_CALL` pairs with the two functions below.
#define BACKFLOW_CHECKSUM_FUNCTION "backflow_checksum"
/// `backflow_checksum_fold(state, name1, value1, ...)`: continues the hash `state` (NULL to start a
/// row) with more pairs; returns the new state, an INTEGER only `backflow_checksum_close` reads.
#define BACKFLOW_CHECKSUM_FOLD_FUNCTION "backflow_checksum_fold"
/// `backflow_checksum_close(state)`: the checksum of the row hashed into `state` (NULL for NULL).
#define BACKFLOW_CHECKSUM_CLOSE_FUNCTION "backflow_checksum_close"
/// `backflow_record_id(value)`: the identifier text of `value`, or NULL for NULL. Text stops at its
/// first NUL, as the text Swift binds for an identifier does.
#define BACKFLOW_RECORD_ID_FUNCTION "backflow_record_id"
/// `backflow_id_kind(value)`: how `value` becomes its identifier text, for telling whether distinct
/// values have distinct identifiers: `BACKFLOW_ID_KIND_INTEGER` (its digits), or
/// `BACKFLOW_ID_KIND_VERBATIM_TEXT` (text that is well-formed UTF-8 without a NUL: the text itself),
/// else 0 (a real, a blob, text that is repaired or cut off); NULL for NULL.
#define BACKFLOW_ID_KIND_FUNCTION "backflow_id_kind"
#define BACKFLOW_ID_KIND_INTEGER 1
#define BACKFLOW_ID_KIND_VERBATIM_TEXT 2
/// `backflow_row_number()`: 1, 2, ... in the order SQLite evaluates it, counted in a
/// `BackflowRowCounter`.
#define BACKFLOW_ROW_NUMBER_FUNCTION "backflow_row_number"

/// Name/value pairs per call of the checksum functions: 2 × 60 + 1 state argument stays within
/// SQLite's default limit of 127 arguments.
#define BACKFLOW_CHECKSUM_PAIRS_PER_CALL 60

typedef struct sqlite3 sqlite3;

/// The count behind `backflow_row_number()`: the number it returned last. Set `last` to 0 to number
/// the rows of the next statement from 1.
typedef struct BackflowRowCounter {
    int64_t last;
} BackflowRowCounter;

/// Defines the functions above on `db`. `rows` must stay valid for as long as `db` may run
/// `backflow_row_number()`. Returns SQLite's result code (`SQLITE_OK` when every function is defined).
int backflow_define_record_functions(sqlite3 *db, BackflowRowCounter *rows);

/// Turns off SQLite's memory statistics, which Backflow never reads: with them on, every allocation
/// SQLite makes takes a process-wide mutex, and a sync's scan allocates for nearly every value it reads.
/// `sqlite3_config` is variadic, which Swift cannot call. Must run before SQLite initializes (before
/// the first connection opens); later it changes nothing and returns `SQLITE_MISUSE`.
int backflow_sqlite_disable_memory_statistics(void);

#endif
