extension Int {
    /// The number in decimal, zero-padded to at least `width` digits (`7` → `"07"`, `"acc_0001"`).
    public func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
