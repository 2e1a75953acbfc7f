import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts callbacks to `POST /callbacks/sandbox` from many concurrent clients, like a provider's
/// delivery workers, and records each answer. Optionally runs an action (the kill) the moment a given
/// number of requests has finished, and then sends no more.
struct CallbackLoad: Sendable {
    /// One request to send.
    struct Request: Sendable {
        let body: [UInt8]
        let headers: [String: String]
    }

    /// A server's answer; a request that got none (connection refused or reset) has no `Answer`.
    struct Answer: Sendable, Equatable {
        let status: Int
        let body: String
    }

    let session: URLSession
    let port: Int
    let clients: Int

    /// Sends `requests` with `clients` in parallel. After `stopAfter` requests have finished (answered
    /// or failed), `atStop` runs at once and nothing more is sent. Answers by request position.
    func send(_ requests: [Request], stopAfter: Int? = nil, atStop: @escaping @Sendable () -> Void = {}) async -> [Answer?] {
        let progress = Progress(count: requests.count, stopAfter: stopAfter, atStop: atStop)
        let url = URL(string: "http://127.0.0.1:\(port)/callbacks/sandbox")!
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while let position = await progress.take() {
                        var request = URLRequest(url: url)
                        request.httpMethod = "POST"
                        request.httpBody = Data(requests[position].body)
                        for (name, value) in requests[position].headers { request.setValue(value, forHTTPHeaderField: name) }
                        var answer: Answer?
                        if let (data, response) = try? await session.data(for: request), let http = response as? HTTPURLResponse {
                            answer = Answer(status: http.statusCode,
                                            body: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                        }
                        await progress.record(answer, at: position)
                    }
                }
            }
        }
        return await progress.answers
    }

    /// Hands out positions to the clients and collects their answers.
    private actor Progress {
        private(set) var answers: [Answer?]
        private var next = 0
        private var finished = 0
        private var stopped = false
        private let stopAfter: Int?
        private let atStop: @Sendable () -> Void

        init(count: Int, stopAfter: Int?, atStop: @escaping @Sendable () -> Void) {
            answers = Array(repeating: nil, count: count)
            self.stopAfter = stopAfter
            self.atStop = atStop
        }

        func take() -> Int? {
            guard !stopped, next < answers.count else { return nil }
            next += 1
            return next - 1
        }

        func record(_ answer: Answer?, at position: Int) {
            answers[position] = answer
            finished += 1
            if finished == stopAfter {
                stopped = true
                atStop()
            }
        }
    }

    /// A session that keeps up to `clients` connections to one host open and gives up on a request
    /// after 30 seconds.
    static func session(clients: Int) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }
}
