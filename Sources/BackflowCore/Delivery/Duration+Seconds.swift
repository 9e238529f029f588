extension Duration {
    /// The duration in seconds, for clocks kept as `Double` seconds (a sync's ``SyncProgress/elapsed``).
    var inSeconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
