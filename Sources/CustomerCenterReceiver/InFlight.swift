/// Counts callbacks being handled, so that `waitForPages` (tests, orderly shutdown) also waits for a
/// callback whose booking is committed but whose page is not yet scheduled.
actor InFlight {
    private var count = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() { count += 1 }

    func leave() {
        count -= 1
        if count == 0 {
            for waiter in waiters { waiter.resume() }
            waiters.removeAll()
        }
    }

    /// Returns when no callback is being handled.
    func idle() async {
        guard count > 0 else { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
