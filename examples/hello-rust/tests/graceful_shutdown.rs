//! The built binary on loopback: SIGTERM while a request is in flight still answers it, then the
//! process exits 0; a crash-at-start release exits 1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::thread;
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(envs: &[(&str, &str)]) -> (Child, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_hello"))
        .env("PORT", port.to_string())
        .env("METRICS_PORT", free_port().to_string())
        .env("RUST_LOG", "warn")
        .envs(envs.iter().copied())
        .spawn()
        .unwrap();
    (child, port)
}

fn get(port: u16, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

fn await_listening(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(port, "/healthz").is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_zero() {
    let (mut child, port) = start(&[]);
    await_listening(port);

    let in_flight = thread::spawn(move || get(port, "/slow?ms=1500"));
    thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());

    let response = in_flight.join().unwrap().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("done after 1500 ms\n"), "{response}");
    assert!(child.wait().unwrap().success(), "exit status 0 after a drain");
    assert!(get(port, "/healthz").is_err(), "nothing listens any more");
}

#[test]
fn a_crash_at_start_release_exits_one() {
    let (mut child, _) = start(&[("SAMPLE_RELEASE", "crash-at-start")]);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_never_ready_release_fails_readiness_but_stays_alive() {
    let (mut child, port) = start(&[("SAMPLE_RELEASE", "never-ready")]);
    await_listening(port);
    assert!(get(port, "/readyz").unwrap().starts_with("HTTP/1.1 503"));
    assert!(get(port, "/healthz").unwrap().starts_with("HTTP/1.1 200"));
    child.kill().unwrap();
    child.wait().unwrap();
}
