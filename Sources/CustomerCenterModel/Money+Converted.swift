extension Money {
    /// The same number in another currency's minor units: "1.00" stays one major unit whether EUR (100)
    /// or JPY (1), at least one minor unit. For configured sanity bounds only, never an exchange rate.
    public func sameNumber(in currency: Currency, roundingUp: Bool) -> Money {
        let shift = currency.minorUnitDigits - self.currency.minorUnitDigits
        var units = minorUnits
        if shift > 0 {
            for _ in 0..<shift { units = units.multipliedReportingOverflow(by: 10).overflow ? Int.max : units * 10 }
        } else if shift < 0 {
            var divisor = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            units = roundingUp ? units / divisor + (units % divisor == 0 ? 0 : 1) : units / divisor
        }
        return Money(minorUnits: max(units, 1), currency: currency)
    }
}
