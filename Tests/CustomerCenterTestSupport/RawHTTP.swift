#if canImport(Glibc)
import Glibc
#endif

/// Sends raw bytes to 127.0.0.1:`port` and returns everything the server answers until it closes
/// the connection or `timeoutSeconds` pass: for requests no HTTP client would send (bad framing,
/// oversized headers). The server answers these at once and closes; the bound is only for a hang,
/// and wide because a loaded CI machine has taken over 5 seconds to answer.
public func rawHTTPExchange(port: Int, _ request: [UInt8], timeoutSeconds: Int = 60) -> String {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return "" }
    defer { close(socket) }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "" }
    var offset = 0
    while offset < request.count {
        let sent = request.withUnsafeBytes { send(socket, $0.baseAddress! + offset, request.count - offset, Int32(MSG_NOSIGNAL)) }
        if sent <= 0 { break }
        offset += sent
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = recv(socket, &buffer, buffer.count, 0)
        if count <= 0 { break }
        answer += buffer[0..<count]
    }
    return String(decoding: answer, as: UTF8.self)
}
