/// LiquidJS's `strftime`: `%[flags][width][E|O]conversion`, with its padding rules and its English
/// (`en-US`) names. An unknown conversion stays as written; a width past the memory limit fails.
enum LiquidStrftime {
    static func format(_ date: LiquidDate, _ pattern: String) throws(LiquidError) -> String {
        let units = Array(pattern.utf16)
        var output = ""
        var literalStart = 0
        var index = 0
        while index < units.count {
            guard units[index] == LiquidCharacter.of("%"), let directive = Directive(units, at: index) else {
                index += 1
                continue
            }
            output += String(decoding: units[literalStart..<index], as: UTF16.self)
            output += try directive.render(date, written: String(decoding: units[index..<directive.end], as: UTF16.self))
            index = directive.end
            literalStart = index
        }
        return output + String(decoding: units[literalStart...], as: UTF16.self)
    }

    /// One `%…` directive, matched as LiquidJS's `/%([-_0^#:]+)?(\d+)?([EO])?(.)/` matches it.
    private struct Directive {
        let flags: Set<UInt16>
        let width: Int?
        let conversion: Character
        let end: Int

        init?(_ units: [UInt16], at start: Int) {
            var flagsEnd = start + 1
            while flagsEnd < units.count, Self.isFlag(units[flagsEnd]) { flagsEnd += 1 }
            for flagEnd in stride(from: flagsEnd, through: start + 1, by: -1) {
                var digitsEnd = flagEnd
                while digitsEnd < units.count, LiquidCharacter.isDigit(units[digitsEnd]) { digitsEnd += 1 }
                for widthEnd in stride(from: digitsEnd, through: flagEnd, by: -1) {
                    let hasModifier = widthEnd < units.count && (units[widthEnd] == 0x45 || units[widthEnd] == 0x4F)
                    for conversionAt in hasModifier ? [widthEnd + 1, widthEnd] : [widthEnd] {
                        guard conversionAt < units.count, !Self.isLineTerminator(units[conversionAt]) else { continue }
                        flags = Set(units[(start + 1)..<flagEnd])
                        width = widthEnd > flagEnd
                            ? Int(String(decoding: units[flagEnd..<widthEnd], as: UTF16.self)) ?? Int.max : nil
                        conversion = Character(Unicode.Scalar(units[conversionAt]) ?? "\u{FFFD}")
                        end = conversionAt + 1
                        return
                    }
                }
            }
            return nil
        }

        private static func isFlag(_ unit: UInt16) -> Bool {
            "-_0^#:".utf16.contains(unit)
        }

        private static func isLineTerminator(_ unit: UInt16) -> Bool {
            unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029
        }

        private func has(_ flag: Character) -> Bool {
            flags.contains(flag.utf16.first!)
        }

        func render(_ date: LiquidDate, written: String) throws(LiquidError) -> String {
            guard Self.conversions.contains(conversion) else { return written }
            if let width { try LiquidMemory.check(length: width) }
            var text = Self.value(of: conversion, date, width: width, colon: has(":"))
            if has("^") {
                text = text.uppercased()
            } else if has("#") {
                text = text.contains(where: { ("a"..."z").contains($0) }) ? text.uppercased() : text.lowercased()
            }
            var padding: Character = Self.spacePadded.contains(conversion) ? " " : "0"
            if has("_") {
                padding = " "
            } else if has("0") {
                padding = "0"
            }
            let padWidth = has("-") ? 0 : width ?? Self.padWidths[conversion] ?? 0
            let missing = padWidth - text.utf16.count
            return missing > 0 ? String(repeating: padding, count: missing) + text : text
        }

        private static let padWidths: [Character: Int] = [
            "d": 2, "e": 2, "H": 2, "I": 2, "j": 3, "k": 2, "l": 2, "L": 3, "m": 2, "M": 2, "S": 2, "U": 2, "W": 2,
        ]
        private static let spacePadded: Set<Character> = ["a", "A", "b", "B", "c", "e", "k", "l", "p", "P"]

        private static let conversions = Set("aAbhBcCdeHkIljLmMNpPqsSuUwWxXyYzZtn%")

        private static func value(of conversion: Character, _ date: LiquidDate, width: Int?, colon: Bool) -> String {
            switch conversion {
            case "a": return String(LiquidDateNames.weekdays[date.weekday].prefix(3))
            case "A": return LiquidDateNames.weekdays[date.weekday]
            case "b", "h": return String(LiquidDateNames.months[date.month].prefix(3))
            case "B": return LiquidDateNames.months[date.month]
            case "c": return "\(LiquidDateNames.numericDate(date)), \(LiquidDateNames.clockTime(date))"
            case "C": return Int(String(String(date.year).prefix(2))).map(String.init) ?? "NaN"
            case "d", "e": return String(date.day)
            case "H", "k": return String(date.hours)
            case "I", "l": return String(date.hours % 12 == 0 ? 12 : date.hours % 12)
            case "j": return String(date.dayOfYear)
            case "L": return String(date.milliseconds)
            case "m": return String(date.month + 1)
            case "M": return String(date.minutes)
            case "N":
                let digits = max(1, width ?? 9)
                let text = String(String(date.milliseconds).prefix(digits))
                return text + String(repeating: "0", count: max(0, digits - text.count))
            case "p": return date.hours < 12 ? "AM" : "PM"
            case "P": return date.hours < 12 ? "am" : "pm"
            case "q": return ordinalSuffix(date.day)
            case "s": return JavaScriptNumberText.string(javaScriptRound(date.shownTime / 1000))
            case "S": return String(date.seconds)
            case "u": return String(date.weekday == 0 ? 7 : date.weekday)
            case "U": return weekOfYear(date, startingOn: 0)
            case "w": return String(date.weekday)
            case "W": return weekOfYear(date, startingOn: 1)
            case "x": return LiquidDateNames.numericDate(date)
            case "X": return LiquidDateNames.clockTime(date)
            case "y": return String(String(date.year).dropFirst(2).prefix(2))
            case "Y": return String(date.year)
            case "z": return offset(date, colon: colon)
            case "Z": return date.zoneName.map { $0.isEmpty ? offset(date, colon: colon) : $0 } ?? "UTC"
            case "t": return "\t"
            case "n": return "\n"
            default: return "%"  // the one conversion left in `conversions`
            }
        }

        /// `Math.round`: halves go up, towards positive infinity.
        private static func javaScriptRound(_ value: Double) -> Double {
            let lower = value.rounded(.down)
            return value - lower >= 0.5 ? lower + 1 : lower
        }

        private static func ordinalSuffix(_ day: Int) -> String {
            if (11...13).contains(day) { return "th" }
            switch day % 10 {
            case 1: return "st"
            case 2: return "nd"
            case 3: return "rd"
            default: return "th"
            }
        }

        /// LiquidJS's week number: weeks starting on `startDay` (0 Sunday, 1 Monday), counted from the
        /// first such day of the year.
        private static func weekOfYear(_ date: LiquidDate, startingOn startDay: Int) -> String {
            let now = date.dayOfYear + (startDay - date.weekday)
            let first = 7 - date.weekdayOfNewYear + startDay
            return String(Int((Double(now - first) / 7).rounded(.down)) + 1)
        }

        private static func offset(_ date: LiquidDate, colon: Bool) -> String {
            let magnitude = Int(abs(date.offsetMinutes))
            let hours = String(magnitude / 60)
            let minutes = String(magnitude % 60)
            return (date.offsetMinutes > 0 ? "-" : "+") + (hours.count < 2 ? "0" + hours : hours) + (colon ? ":" : "")
                + (minutes.count < 2 ? "0" + minutes : minutes)
        }
    }
}

/// The English names and numeric forms Node.js's `en-US` locale gives dates.
enum LiquidDateNames {
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// `toLocaleDateString()`: `5/2/2024`.
    static func numericDate(_ date: LiquidDate) -> String {
        "\(date.month + 1)/\(date.day)/\(date.year)"
    }

    /// `toLocaleTimeString()`: `10:00:00 AM`, with the narrow no-break space current ICU puts before AM/PM.
    static func clockTime(_ date: LiquidDate) -> String {
        let hour = date.hours % 12 == 0 ? 12 : date.hours % 12
        let minutes = date.minutes < 10 ? "0\(date.minutes)" : "\(date.minutes)"
        let seconds = date.seconds < 10 ? "0\(date.seconds)" : "\(date.seconds)"
        return "\(hour):\(minutes):\(seconds)\u{202F}\(date.hours < 12 ? "AM" : "PM")"
    }
}
