#ifndef CBACKFLOWSQL_H
#define CBACKFLOWSQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The SQLite functions of Backflow's change detection, in C because SQLite calls them for every row of
/// a model on every scan.
///
/// A row's checksum is `BACKFLOW_CHECKSUM_PREFIX` and 16 lowercase hex digits of `backflow_hash64` over
/// the row's values as SQLite holds them, each written as its type code (`SQLITE_INTEGER` ...) in one
/// byte and then: an INTEGER as its 8 bytes, a REAL as the 8 bytes of its IEEE 754 bits, TEXT and
/// BLOB as their byte count in 4 bytes and their bytes, NULL as nothing more (numbers little-endian).
/// The hash is seeded with the hash of the column names (`RecordChecksumFunctions.seed(names:)`), so
/// renaming a column changes every checksum. Two rows have the same checksum only when they hold the
/// same values of the same types in the same columns (or, for any two that differ, with a chance of
/// about 1 in 2^64); the value Swift reads for a row is not needed.
/// States keep these checksums from sync to sync, so the form never changes: another would need
/// another prefix, and the upgrade of stored checksums that `SQLiteChecksumForm` describes.
#define BACKFLOW_CHECKSUM_PREFIX "v2:"

/// `backflow_checksum(seed, value1, value2, ...)`: the checksum of a row of these values, hashed from
/// the INTEGER `seed`. SQLite limits a call to 127 arguments, so a wider row is hashed in chunks of at
/// most `BACKFLOW_CHECKSUM_VALUES_PER_CALL` values with the two functions below.
#define BACKFLOW_CHECKSUM_FUNCTION "backflow_checksum"
/// `backflow_checksum_fold(state, value1, ...)`: continues the hash `state` (the seed, to start a row)
/// with more values; returns the new state, an INTEGER.
#define BACKFLOW_CHECKSUM_FOLD_FUNCTION "backflow_checksum_fold"
/// `backflow_checksum_close(state)`: the checksum of the row hashed into `state` (NULL for NULL), so
/// that `backflow_checksum(seed, ...)` is `backflow_checksum_close(backflow_checksum_fold(seed, ...))`.
#define BACKFLOW_CHECKSUM_CLOSE_FUNCTION "backflow_checksum_close"
/// The identifier text of a value is computed byte for byte as Swift computes it from the value it
/// reads (`ModelRecord.idText`): INTEGER as its digits, REAL as `RecordChecksumText.number`, TEXT as
/// itself (ill-formed UTF-8 repaired as Swift's `String(decoding:as:)` repairs it), BLOB as its base64.
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

/// Values per call of the checksum functions: with the seed or state, SQLite's limit of 127 arguments.
#define BACKFLOW_CHECKSUM_VALUES_PER_CALL 126
/// Bytes of a checksum text: the prefix and 16 hex digits.
#define BACKFLOW_CHECKSUM_TEXT_LENGTH 19

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_value sqlite3_value;

/// XXH64 of `count` bytes from `seed`: a 64-bit hash that is the same on every platform and run, and
/// reads 32 bytes a step (FNV-1a, which Backflow's other fingerprints use, reads one).
uint64_t backflow_hash64(const void *bytes, size_t count, uint64_t seed);

/// The count behind `backflow_row_number()`: the number it returned last. Set `last` to 0 to number
/// the rows of the next statement from 1.
typedef struct BackflowRowCounter {
    int64_t last;
} BackflowRowCounter;

/// Writes to `checksum` (`BACKFLOW_CHECKSUM_TEXT_LENGTH` bytes) the checksum of a row whose column
/// values are `row` (`sqlite3_column_value` of each), over the columns `columns[0..<count]` in that
/// order, hashed from `seed`: the text the checksum functions give for the same values, without calling
/// them. `text_is_utf8` when the database's encoding is UTF-8. False when memory ran out.
bool backflow_row_checksum(
    sqlite3_value *const *row, const int *columns, int count, uint64_t seed, bool text_is_utf8, char *checksum);

/// Defines the functions above on `db`. `rows` must stay valid for as long as `db` may run
/// `backflow_row_number()`. Returns SQLite's result code (`SQLITE_OK` when every function is defined).
int backflow_define_record_functions(sqlite3 *db, BackflowRowCounter *rows);

/// Turns off SQLite's memory statistics, which Backflow never reads: with them on, every allocation
/// SQLite makes takes a process-wide mutex, and a sync's scan allocates for nearly every value it reads.
/// `sqlite3_config` is variadic, which Swift cannot call. Must run before SQLite initializes (before
/// the first connection opens); later it changes nothing and returns `SQLITE_MISUSE`.
int backflow_sqlite_disable_memory_statistics(void);

#endif
