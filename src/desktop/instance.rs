//! One console per person (and per `--home`): the first launch listens on a
//! local socket; a later launch hands its arguments (an `orgdesk://` link)
//! to it and exits. Local sockets are Unix domain sockets in the person's
//! private runtime folder (`$XDG_RUNTIME_DIR`, macOS's per-user `$TMPDIR`),
//! else named pipes (Windows) or abstract sockets named after the user, whose
//! peers must be the same user.
//!
//! The wire format is one JSON line each way: `{"args":[…]}`, then `ok`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iced::Subscription;
use iced::futures::channel::mpsc;
use iced::futures::{StreamExt, stream};
use interprocess::local_socket::prelude::*;
use interprocess::local_socket::{GenericFilePath, GenericNamespaced, ListenerOptions, Name};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::APP_ID;

/// A hand-over is at most this long; anything longer is dropped.
const MAX_MESSAGE: u64 = 64 * 1024;
/// How long either side waits for the other.
const TIMEOUT: Duration = Duration::from_secs(5);
const ACK: &str = "ok";

/// Where the console instance for one home listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// A socket file in a folder only this person can enter.
    File(std::path::PathBuf),
    /// A named pipe (Windows) or an abstract socket (Linux without a runtime folder).
    Namespaced(String),
}

impl Address {
    /// The address of the console keeping its data in `home` (`None`: the OS folders).
    pub fn for_home(home: Option<&Path>) -> Self {
        let which = match home {
            Some(home) => {
                let home = std::fs::canonicalize(home).unwrap_or_else(|_| home.to_path_buf());
                hex::encode(&Sha256::digest(home.to_string_lossy().as_bytes())[..6])
            }
            None => "default".to_owned(),
        };
        let private = if cfg!(target_os = "macos") {
            Some(std::env::temp_dir())
        } else {
            directories::BaseDirs::new().and_then(|b| b.runtime_dir().map(Path::to_path_buf))
        };
        match private {
            Some(dir) if cfg!(unix) => Address::File(dir.join(format!("{APP_ID}-{which}.sock"))),
            _ => Address::Namespaced(format!("{APP_ID}-{}-{which}", user())),
        }
    }

    fn name(&self) -> io::Result<Name<'_>> {
        match self {
            Address::File(path) => path.as_path().to_fs_name::<GenericFilePath>(),
            Address::Namespaced(name) => name.as_str().to_ns_name::<GenericNamespaced>(),
        }
    }
}

fn user() -> String {
    let name = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    hex::encode(&Sha256::digest(name.as_bytes())[..4])
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Handover {
    args: Vec<String>,
}

/// How a launch went.
pub enum Launch {
    /// No console was running: this one is it, and listens.
    First(Listener),
    /// A console was running and took the arguments: exit.
    HandedOver,
}

/// Hands `args` to the running console at `address`, or claims the address.
pub fn launch(address: &Address, args: &[String]) -> io::Result<Launch> {
    match hand_over(address, args) {
        Ok(()) => return Ok(Launch::HandedOver),
        Err(error) => tracing::debug!(%error, "no console to hand over to"),
    }
    let listener = ListenerOptions::new()
        .name(address.name()?)
        // A socket file left by a console that crashed: nobody answered on it.
        .try_overwrite(true)
        .max_spin_time(TIMEOUT)
        .create_sync()?;
    Ok(Launch::First(Listener { listener }))
}

fn hand_over(address: &Address, args: &[String]) -> io::Result<()> {
    let stream = LocalSocketStream::connect(address.name()?)?;
    stream.set_recv_timeout(Some(TIMEOUT))?;
    stream.set_send_timeout(Some(TIMEOUT))?;
    let mut line = serde_json::to_vec(&Handover {
        args: args.to_vec(),
    })?;
    line.push(b'\n');
    (&stream).write_all(&line)?;
    let mut answer = String::new();
    BufReader::new(&stream).take(16).read_line(&mut answer)?;
    if answer.trim() == ACK {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the running console did not take the arguments",
        ))
    }
}

/// The first console's socket.
pub struct Listener {
    listener: LocalSocketListener,
}

impl Listener {
    /// Accepts hand-overs on a thread of its own; they arrive in the inbox.
    pub fn spawn(self) -> Inbox {
        let (sender, receiver) = mpsc::unbounded();
        let spawned = std::thread::Builder::new()
            .name("orgdesk-instance".into())
            .spawn(move || {
                for stream in self.listener.incoming() {
                    match stream.and_then(receive) {
                        Ok(args) => {
                            if sender.unbounded_send(args).is_err() {
                                break;
                            }
                        }
                        Err(error) => tracing::info!(%error, "a hand-over was refused"),
                    }
                }
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "cannot listen for later launches");
        }
        Inbox(Arc::new(Mutex::new(Some(receiver))))
    }
}

/// Reads one hand-over: bounded in size and time, from this person only.
fn receive(stream: LocalSocketStream) -> io::Result<Vec<String>> {
    same_user(&stream)?;
    stream.set_recv_timeout(Some(TIMEOUT))?;
    stream.set_send_timeout(Some(TIMEOUT))?;
    let mut line = String::new();
    BufReader::new(&stream)
        .take(MAX_MESSAGE)
        .read_line(&mut line)?;
    if !line.ends_with('\n') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "cut short or too long",
        ));
    }
    let handover: Handover = serde_json::from_str(&line)?;
    (&stream).write_all(format!("{ACK}\n").as_bytes())?;
    Ok(handover.args)
}

/// On Linux, a peer of another user (possible on abstract sockets) is refused.
#[cfg(target_os = "linux")]
fn same_user(stream: &LocalSocketStream) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mine = std::fs::metadata("/proc/self")?.uid();
    match stream.peer_creds()?.euid() {
        Some(theirs) if theirs == mine => Ok(()),
        _ => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "a launch by another user",
        )),
    }
}

#[cfg(not(target_os = "linux"))]
fn same_user(_stream: &LocalSocketStream) -> io::Result<()> {
    // Files in a private folder and per-user pipe names keep others out.
    Ok(())
}

/// Argument lists of later launches, for the console's subscription.
#[derive(Clone)]
pub struct Inbox(Arc<Mutex<Option<mpsc::UnboundedReceiver<Vec<String>>>>>);

impl std::hash::Hash for Inbox {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // One inbox per process: the subscription is the same across updates.
        "orgdesk-instance-inbox".hash(state);
    }
}

impl Inbox {
    /// The next hand-over, for tests and the subscription.
    pub async fn next(&self) -> Option<Vec<String>> {
        let receiver = self.0.lock().ok()?.take();
        let mut receiver = receiver?;
        let next = receiver.next().await;
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(receiver);
        }
        next
    }

    /// Every later launch's arguments, as they come.
    pub fn subscription(&self) -> Subscription<Vec<String>> {
        Subscription::run_with(self.clone(), |inbox| {
            let taken = inbox.0.lock().ok().and_then(|mut slot| slot.take());
            match taken {
                Some(receiver) => receiver.boxed(),
                None => stream::empty().boxed(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> (tempfile::TempDir, Address) {
        let dir = tempfile::tempdir().unwrap();
        let address = Address::File(dir.path().join("test.sock"));
        (dir, address)
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[tokio::test]
    async fn a_second_launch_hands_its_arguments_to_the_first() {
        let (_dir, address) = address();
        let Launch::First(listener) = launch(&address, &args(&["orgdesk"])).unwrap() else {
            panic!("nobody was listening yet");
        };
        let inbox = listener.spawn();
        let link = "orgdesk://local/orgs/acme/members/0190f2a4-7b1c-7d3e-9f00-1234567890ab";
        let second = {
            let address = address.clone();
            tokio::task::spawn_blocking(move || launch(&address, &args(&["orgdesk", link])))
        };
        assert!(matches!(second.await.unwrap().unwrap(), Launch::HandedOver));
        assert_eq!(inbox.next().await.unwrap(), args(&["orgdesk", link]));
        // And again: the first keeps listening.
        let third = tokio::task::spawn_blocking(move || launch(&address, &args(&["x"])));
        assert!(matches!(third.await.unwrap().unwrap(), Launch::HandedOver));
        assert_eq!(inbox.next().await.unwrap(), args(&["x"]));
    }

    #[test]
    fn a_socket_left_by_a_crashed_console_is_taken_over() {
        let (dir, address) = address();
        // A socket file nobody listens on, as a killed console leaves it.
        let stale = std::os::unix::net::UnixListener::bind(dir.path().join("test.sock")).unwrap();
        drop(stale);
        assert!(dir.path().join("test.sock").exists());
        assert!(matches!(launch(&address, &[]).unwrap(), Launch::First(_)));
    }

    #[tokio::test]
    async fn garbage_and_oversized_hand_overs_are_refused_and_the_console_listens_on() {
        let (_dir, address) = address();
        let Launch::First(listener) = launch(&address, &[]).unwrap() else {
            panic!("nobody was listening yet");
        };
        let inbox = listener.spawn();
        let name = address.clone();
        tokio::task::spawn_blocking(move || {
            for junk in [
                b"not json\n".to_vec(),
                vec![b'a'; (MAX_MESSAGE + 10) as usize],
            ] {
                let stream = LocalSocketStream::connect(name.name().unwrap()).unwrap();
                let _ = (&stream).write_all(&junk);
                let mut answer = String::new();
                let _ = BufReader::new(&stream).read_line(&mut answer);
                assert_eq!(answer, "", "junk was acknowledged");
            }
        })
        .await
        .unwrap();
        let later = tokio::task::spawn_blocking(move || launch(&address, &args(&["after"])));
        assert!(matches!(later.await.unwrap().unwrap(), Launch::HandedOver));
        assert_eq!(inbox.next().await.unwrap(), args(&["after"]));
    }

    #[test]
    fn each_home_has_its_own_console() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        assert_ne!(
            Address::for_home(Some(a.path())),
            Address::for_home(Some(b.path()))
        );
        assert_eq!(
            Address::for_home(Some(a.path())),
            Address::for_home(Some(a.path()))
        );
        assert_ne!(Address::for_home(None), Address::for_home(Some(a.path())));
    }
}
