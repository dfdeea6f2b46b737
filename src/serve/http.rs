//! The preview's HTTP server: HTTP/1.1, GET and HEAD, keep-alive, one thread per
//! connection, 127.0.0.1 only.
//!
//! Written here rather than taken from a crate: the preview needs a few dozen lines of
//! HTTP, and tiny_http 0.12 (used before) left new connections waiting seconds for a
//! free worker under a burst of requests (a race in its thread pool), which stalled the
//! search page's first query whenever the live-reload poll held a connection. A thread
//! per connection cannot run out of workers; a long-poll only ever holds its own thread.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// A request line is at most this long, and so is each header line.
const MAX_LINE: u64 = 8 * 1024;
/// More header lines than this end the connection.
const MAX_HEADERS: usize = 100;
/// An idle keep-alive connection is closed after this long.
const IDLE: Duration = Duration::from_secs(60);

/// What the handler sees of a request.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent: `/thu-tuc/x/?q=1`.
    pub target: String,
}

/// What the handler answers.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For redirects.
    pub location: Option<String>,
}

/// The handler of every request; called from many threads at once.
pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// Accepts connections on `listener` forever, each on a thread of its own.
pub fn run(listener: TcpListener, handler: Handler) -> io::Result<()> {
    for stream in listener.incoming() {
        // A connection that failed before it was accepted is no reason to stop serving.
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        std::thread::Builder::new()
            .name("thutuc-http".into())
            .spawn(move || {
                // The browser went away or sent garbage: nothing to do but close.
                let _ = connection(stream, &*handler);
            })?;
    }
    Ok(())
}

/// Serves the requests of one connection, one after the other.
fn connection(stream: TcpStream, handler: &(dyn Fn(&Request) -> Reply + Sync)) -> io::Result<()> {
    // Small responses go out at once instead of waiting for an acknowledgement.
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(head) = read_head(&mut reader)? else {
            return Ok(());
        };
        let Some(request) = head.request else {
            write_reply(&mut writer, &plain(400, "400 bad request\n"), false, true)?;
            return Ok(());
        };
        // Bodies are not expected (GET and HEAD); rather than skip one, close after it.
        let close = head.close || head.has_body;
        let reply = if matches!(request.method.as_str(), "GET" | "HEAD") {
            handler(&request)
        } else {
            plain(405, "405 method not allowed\n")
        };
        write_reply(&mut writer, &reply, request.method == "HEAD", close)?;
        if close {
            return Ok(());
        }
    }
}

struct Head {
    /// `None` when the request line cannot be read.
    request: Option<Request>,
    /// The client asked to close, or speaks HTTP/1.0.
    close: bool,
    has_body: bool,
}

/// Reads a request line and its headers; `None` when the client closed the connection.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Head>> {
    let Some(line) = read_line(reader)? else {
        return Ok(None);
    };
    let mut parts = line.split(' ');
    let request = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None)
            if version.starts_with("HTTP/1.") && target.starts_with('/') =>
        {
            Some((
                method.to_string(),
                target.to_string(),
                version == "HTTP/1.0",
            ))
        }
        _ => None,
    };
    let mut close = request.as_ref().is_none_or(|r| r.2);
    let mut has_body = false;
    for _ in 0..=MAX_HEADERS {
        let Some(line) = read_line(reader)? else {
            return Ok(None);
        };
        if line.is_empty() {
            return Ok(Some(Head {
                request: request.map(|(method, target, _)| Request { method, target }),
                close,
                has_body,
            }));
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" if value.contains("close") => close = true,
            "connection" if value.contains("keep-alive") => close = false,
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidData,
        "too many headers",
    ))
}

/// One line without its CRLF; `None` at the end of the stream.
fn read_line(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    io::Read::take(&mut *reader, MAX_LINE).read_until(b'\n', &mut bytes)?;
    if bytes.is_empty() {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
    }
    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
        bytes.pop();
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn write_reply(
    out: &mut impl Write,
    reply: &Reply,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(location) = &reply.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

/// A plain-text reply.
pub fn plain(status: u16, text: &str) -> Reply {
    Reply {
        status,
        content_type: "text/plain; charset=utf-8",
        body: text.as_bytes().to_vec(),
        location: None,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn server() -> u16 {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler: Handler = Arc::new(|r: &Request| Reply {
            status: 200,
            content_type: "text/plain",
            body: r.target.as_bytes().to_vec(),
            location: None,
        });
        std::thread::spawn(move || run(listener, handler));
        port
    }

    fn exchange(port: u16, request: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn keeps_the_connection_for_several_requests() {
        let port = server();
        let answer = exchange(
            port,
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /bb HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(
            answer,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nCache-Control: no-store\r\n\r\n/a\
             HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nCache-Control: no-store\r\n\r\n\
             HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n/c"
        );
    }

    #[test]
    fn refuses_what_it_does_not_serve() {
        let port = server();
        let answer = exchange(port, "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        assert!(
            answer.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{answer}"
        );
        assert!(answer.contains("Connection: close\r\n"));
        let answer = exchange(port, "nonsense\r\n\r\n");
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        let answer = exchange(port, "GET /a HTTP/1.0\r\n\r\n");
        assert!(answer.ends_with("Connection: close\r\n\r\n/a"), "{answer}");
    }

    #[test]
    fn a_long_request_does_not_block_the_others() {
        let port = server();
        // A connection that never finishes its request holds only its own thread.
        let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
        idle.write_all(b"GET /slow HTTP/1.1\r\n").unwrap();
        let answer = exchange(port, "GET /quick HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(answer.ends_with("/quick"), "{answer}");
    }
}
