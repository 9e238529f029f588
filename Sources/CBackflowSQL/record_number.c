#include "record_text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// `RecordChecksumText.number` prints a number that is not a 64-bit integer as Swift's `description`
/// does, then rewrites its exponent as JavaScript does (`1e+21`, `1.5e-7`): the checksum's own text,
/// kept when messages moved to JavaScript's (`JavaScriptNumberText`), so that upgrading changes no
/// record's checksum. `description` writes the
/// shortest digits that read back as the same double (the closest such digits when several are as
/// short; on a tie, the even one), and uses exponent form below 1e-4 and above 2^53. This file
/// rebuilds that text from the digits.

typedef unsigned __int128 uint128;

/// A positive decimal number: `digits[0].digits[1]... × 10^exponent`.
typedef struct Decimal {
    char digits[24];
    int count;
    int exponent;
} Decimal;

size_t record_format_integer(int64_t number, char *output) {
    char digits[20];
    size_t start = sizeof digits;
    uint64_t magnitude = number < 0 ? 0 - (uint64_t)number : (uint64_t)number;
    do {
        digits[--start] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    size_t length = 0;
    if (number < 0) output[length++] = '-';
    memcpy(output + length, digits + start, sizeof digits - start);
    return length + sizeof digits - start;
}

/// `integer × 10^-scale`, without trailing zeros.
static void decimal_from_integer(uint64_t integer, int scale, Decimal *decimal) {
    while (integer % 10 == 0) {
        integer /= 10;
        scale--;
    }
    char text[20];
    size_t length = record_format_integer((int64_t)integer, text);
    memcpy(decimal->digits, text, length);
    decimal->count = (int)length;
    decimal->exponent = (int)length - 1 - scale;
}

static uint128 low_bits(int count) {
    return ((uint128)1 << count) - 1;
}

/// The shortest closest digits of `significand × 2^-shift` (1 <= shift <= 125) by exact integer
/// arithmetic, trying 0, 1, 2, ... digits after the decimal point; false when 22 are not enough.
///
/// The double reads back from every decimal in its rounding interval: within half a unit in the last
/// place either side (a quarter below a power of two, where the doubles below are twice as dense),
/// the ends included when the significand is even (ties round to even). Scaled by 10^k, the interval
/// holds an integer exactly when k decimals suffice; the first k that works gives the shortest digits,
/// and the integer nearest the scaled value, moved into the interval, the closest.
static bool shortest_exactly(uint64_t significand, int shift, bool below_power_of_two, Decimal *decimal) {
    bool ends_included = (significand & 1) == 0;
    uint128 scale = 1;
    for (int places = 0; places <= 22; places++, scale *= 10) {
        // The interval is [lower / 2^lower_shift, upper / 2^upper_shift].
        uint128 upper = (uint128)(2 * significand + 1) * scale;
        int upper_shift = shift + 1;
        uint128 lower = (uint128)(below_power_of_two ? 4 * significand - 1 : 2 * significand - 1) * scale;
        int lower_shift = below_power_of_two ? shift + 2 : shift + 1;

        uint128 highest = upper >> upper_shift;
        if (!ends_included && (upper & low_bits(upper_shift)) == 0) highest--;
        uint128 lowest = lower >> lower_shift;
        if (!ends_included || (lower & low_bits(lower_shift)) != 0) lowest++;
        if (lowest > highest) continue;

        uint128 exact = (uint128)significand * scale;
        uint128 nearest = exact >> shift;
        uint128 remainder = exact & low_bits(shift), half = (uint128)1 << (shift - 1);
        if (remainder > half || (remainder == half && (nearest & 1) != 0)) nearest++;
        // Only the narrower side below a power of two can leave the nearest integer outside.
        if (nearest < lowest) nearest = lowest;
        decimal_from_integer((uint64_t)nearest, places, decimal);
        return true;
    }
    return false;
}

/// printf's "%.*e" text ("d.ddde+XX", with the locale's decimal point) as a decimal, trailing zeros kept.
static void read_exponential(const char *text, Decimal *decimal) {
    decimal->count = 0;
    const char *character = text;
    for (; *character != 'e'; character++) {
        if (*character >= '0' && *character <= '9') decimal->digits[decimal->count++] = *character;
    }
    decimal->exponent = atoi(character + 1);
}

/// The double that `decimal` reads back as, through text without a decimal point (so no locale
/// applies): "ddddde-N".
static double read_back(const Decimal *decimal) {
    char text[48];
    memcpy(text, decimal->digits, (size_t)decimal->count);
    snprintf(text + decimal->count, sizeof text - (size_t)decimal->count, "e%d",
             decimal->exponent - (decimal->count - 1));
    return strtod(text, NULL);
}

/// Adds one unit in the last digit.
static void increment(Decimal *decimal) {
    int index = decimal->count - 1;
    while (index >= 0 && decimal->digits[index] == '9') decimal->digits[index--] = '0';
    if (index >= 0) {
        decimal->digits[index]++;
    } else {
        decimal->digits[0] = '1';
        decimal->exponent++;
    }
}

static void drop_trailing_zeros(Decimal *decimal) {
    while (decimal->count > 1 && decimal->digits[decimal->count - 1] == '0') decimal->count--;
}

/// The shortest closest digits of `magnitude` through printf, which rounds correctly to a given number
/// of digits: for numbers out of `shortest_exactly`'s reach (below about 1e-6, or at least 2^63).
///
/// The correctly rounded p digits are the closest p-digit decimal, so they read back whenever any
/// p-digit decimal does, except below a power of two, where the interval is narrower below: there the
/// next p-digit decimal up may read back instead. A normal double's interval is narrower than the gap
/// between 15-digit decimals, so up to 15 digits, the 15-digit rounding is the shortest digits padded
/// with zeros; a subnormal has fewer significant bits and may need as few as one. 17 always suffice.
static void shortest_by_printf(double magnitude, bool subnormal, bool below_power_of_two, Decimal *decimal) {
    char text[48];
    for (int precision = subnormal ? 1 : 15; precision < 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, magnitude);
        read_exponential(text, decimal);
        double back = read_back(decimal);
        if (back == magnitude) {
            drop_trailing_zeros(decimal);
            return;
        }
        if (below_power_of_two && back < magnitude) {
            increment(decimal);
            if (read_back(decimal) == magnitude) {
                drop_trailing_zeros(decimal);
                return;
            }
        }
    }
    snprintf(text, sizeof text, "%.16e", magnitude);
    read_exponential(text, decimal);
    drop_trailing_zeros(decimal);
}

/// The shortest closest digits of a positive finite double.
static void shortest_decimal(double magnitude, Decimal *decimal) {
    uint64_t bits;
    memcpy(&bits, &magnitude, sizeof bits);
    int biased_exponent = (int)(bits >> 52);
    uint64_t fraction = bits & ((UINT64_C(1) << 52) - 1);
    bool subnormal = biased_exponent == 0;
    uint64_t significand = subnormal ? fraction : fraction | (UINT64_C(1) << 52);
    int exponent = (subnormal ? 1 : biased_exponent) - 1075;
    // The smallest normal number's lower neighbour is a subnormal as close as its upper one.
    bool below_power_of_two = fraction == 0 && biased_exponent > 1;
    if (exponent < 0 && exponent >= -125 && shortest_exactly(significand, -exponent, below_power_of_two, decimal)) {
        return;
    }
    shortest_by_printf(magnitude, subnormal, below_power_of_two, decimal);
}

size_t record_format_number(double number, char *output) {
    if (!isfinite(number)) {
        memcpy(output, "null", 4);
        return 4;
    }
    if (number >= -0x1p63 && number < 0x1p63 && (double)(int64_t)number == number) {
        return record_format_integer((int64_t)number, output);
    }
    Decimal decimal;
    shortest_decimal(fabs(number), &decimal);
    size_t length = 0;
    if (signbit(number)) output[length++] = '-';
    if (fabs(number) > 0x1p53 || decimal.exponent < -4) {
        output[length++] = decimal.digits[0];
        if (decimal.count > 1) {
            output[length++] = '.';
            memcpy(output + length, decimal.digits + 1, (size_t)decimal.count - 1);
            length += (size_t)decimal.count - 1;
        }
        output[length++] = 'e';
        output[length++] = decimal.exponent < 0 ? '-' : '+';
        length += record_format_integer(abs(decimal.exponent), output + length);
    } else if (decimal.exponent < 0) {
        memcpy(output + length, "0.000", (size_t)(1 - decimal.exponent));
        length += (size_t)(1 - decimal.exponent);
        memcpy(output + length, decimal.digits, (size_t)decimal.count);
        length += (size_t)decimal.count;
    } else {
        for (int index = 0; index <= decimal.exponent; index++) {
            output[length++] = index < decimal.count ? decimal.digits[index] : '0';
        }
        if (decimal.count > decimal.exponent + 1) {
            output[length++] = '.';
            memcpy(output + length, decimal.digits + decimal.exponent + 1,
                   (size_t)(decimal.count - decimal.exponent - 1));
            length += (size_t)(decimal.count - decimal.exponent - 1);
        }
    }
    return length;
}
