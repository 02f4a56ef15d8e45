//! The offline cache: members lists and member details kept on disk, encrypted,
//! so an admin can review them while the platform is unreachable.
//!
//! Each platform/organization/account has its own folder (named by the SHA-256 of
//! its [`CacheKey`]) holding one file per kind (`members`, `member-<id>`, …).
//! A file is
//!
//! ```text
//! "ORGDCACH" | version (1 byte) | key id (8) | nonce (24) | ciphertext | tag (16)
//! ```
//!
//! sealed with XChaCha20-Poly1305 under a random 32-byte key kept in the
//! [`Vault`] (created on first use). The header, the cache key and the kind are
//! the associated data, so a file moved to another account or kind, or edited in
//! any byte, fails to open: it is then deleted and reported as
//! [`CacheError::Tampered`]. Writes go to a temporary file in the same folder,
//! are flushed to disk and renamed over the old file, so a crash leaves either the
//! old or the new file, never half of one.
//!
//! All calls block (file I/O, a keyring look-up on first use): run them off the
//! UI thread.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chacha20poly1305::aead::{AeadInOut, Generate, KeyInit};
use chacha20poly1305::{Key, Tag, XChaCha20Poly1305, XNonce};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::credentials::{CredentialError, Vault, normalize_account, normalize_platform};

pub mod reviews;

/// The name of the cache key in the [`Vault`].
pub const KEY_SECRET_NAME: &str = "offline-cache-key";

const MAGIC: &[u8; 8] = b"ORGDCACH";
const VERSION: u8 = 1;
const KEY_ID_LEN: usize = 8;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const HEADER_LEN: usize = MAGIC.len() + 1 + KEY_ID_LEN;
const BODY_START: usize = HEADER_LEN + NONCE_LEN;
const FILE_EXTENSION: &str = "cache";
const KIND_MAX_LEN: usize = 100;

/// Whose cache: one platform, one organization, one signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    id: String,
}

impl CacheKey {
    /// `platform` is the platform URL, `organization` the organization's id or
    /// subdomain, `account` the signed-in email. Spellings of one URL or email
    /// (case, trailing slash) name the same cache.
    pub fn new(platform: &str, organization: &str, account: &str) -> Self {
        // Escaping keeps the joined form unambiguous whatever the parts contain.
        let part = |s: &str| s.replace('%', "%25").replace('|', "%7C");
        let id = format!(
            "{}|{}|{}",
            part(&normalize_platform(platform)),
            part(organization.trim()),
            part(&normalize_account(account)),
        );
        Self { id }
    }

    /// `platform|organization|account`, normalized: the associated data of its files.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The folder name: the SHA-256 of [`CacheKey::as_str`] in hex, so the file
    /// system shows neither the platform nor the account.
    fn folder_name(&self) -> String {
        hex::encode(Sha256::digest(self.id.as_bytes()))
    }
}

/// A value read from the cache, with the time it was fetched from the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached<T> {
    pub value: T,
    pub as_of: OffsetDateTime,
}

/// Why the cache could not be written or read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CacheError {
    /// The file was modified, truncated or is not a cache file; it was deleted.
    #[error("the offline cache file was damaged or modified and has been discarded")]
    Tampered,
    /// The file was sealed with a key the keyring no longer holds (the keyring was
    /// reset, or was unavailable when it was written); it was deleted.
    #[error("the offline cache was written with another key and has been discarded")]
    KeyChanged,
    /// The cache key could not be read from or stored in the keyring.
    #[error("the offline cache key is unavailable: {0}")]
    Vault(#[from] CredentialError),
    /// `kind` must be 1 to 100 ASCII letters, digits, `-` or `_`.
    #[error("{0:?} is not a valid cache kind")]
    InvalidKind(String),
    #[error("could not encode the value for the offline cache: {0}")]
    Encode(Arc<serde_json::Error>),
    #[error("offline cache I/O failed: {0}")]
    Io(Arc<io::Error>),
}

impl From<io::Error> for CacheError {
    fn from(error: io::Error) -> Self {
        Self::Io(Arc::new(error))
    }
}

/// The encrypted on-disk cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    vault: Arc<dyn Vault>,
    sealer: Mutex<Option<Arc<Sealer>>>,
}

/// The cipher with the id of its key (stored in each file so a lost key is told
/// apart from tampering).
struct Sealer {
    cipher: XChaCha20Poly1305,
    key_id: [u8; KEY_ID_LEN],
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("key_id", &hex::encode(self.key_id))
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    #[serde(with = "time::serde::rfc3339")]
    as_of: OffsetDateTime,
    value: &'a T,
}

#[derive(Deserialize)]
struct OwnedEnvelope<T> {
    #[serde(with = "time::serde::rfc3339")]
    as_of: OffsetDateTime,
    value: T,
}

impl Cache {
    /// A cache in `dir` (created when first written) whose key lives in `vault`.
    ///
    /// Share one `Cache` per folder in the console: each instance reads the key
    /// once, and two creating it at once would each make their own. Over a vault
    /// that is not persistent (a [`MemoryVault`](crate::credentials::MemoryVault)
    /// when the keyring is unavailable), files of earlier runs cannot be opened and
    /// are discarded as [`CacheError::KeyChanged`]: keep the offline cache off then.
    pub fn new(dir: impl Into<PathBuf>, vault: Arc<dyn Vault>) -> Self {
        Self {
            dir: dir.into(),
            vault,
            sealer: Mutex::new(None),
        }
    }

    /// The console's cache folder: `offline` in the OS cache folder (e.g.
    /// `~/.cache/orgdesk/offline`), if the OS has a home for it.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("dev", "Orgdesk", "orgdesk")
            .map(|dirs| dirs.cache_dir().join("offline"))
    }

    /// The folder this cache writes to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Seals `value` as the `kind` of `key`, fetched at `as_of`, replacing the
    /// previous one atomically.
    pub fn save<T: Serialize>(
        &self,
        key: &CacheKey,
        kind: &str,
        value: &T,
        as_of: OffsetDateTime,
    ) -> Result<(), CacheError> {
        let path = self.file_path(key, kind)?;
        let sealer = self.sealer()?;

        let mut file = Vec::with_capacity(64 * 1024);
        file.extend_from_slice(MAGIC);
        file.push(VERSION);
        file.extend_from_slice(&sealer.key_id);
        let nonce = XNonce::generate();
        file.extend_from_slice(&nonce);
        serde_json::to_writer(&mut file, &Envelope { as_of, value })
            .map_err(|error| CacheError::Encode(Arc::new(error)))?;
        let aad = associated_data(&file[..HEADER_LEN], key, kind);
        let tag = sealer
            .cipher
            .encrypt_inout_detached(&nonce, &aad, (&mut file[BODY_START..]).into())
            .map_err(|_| io::Error::other("the value is too large to encrypt"))?;
        file.extend_from_slice(&tag);

        let folder = path
            .parent()
            .expect("a cache file is inside its account folder");
        create_private_dir(folder)?;
        write_atomically(folder, &path, &file)?;
        Ok(())
    }

    /// The `kind` of `key`, if it was cached and is readable.
    ///
    /// A damaged or modified file answers [`CacheError::Tampered`], one sealed
    /// under a lost key [`CacheError::KeyChanged`]; either way it is deleted. A
    /// file written by another version of the console, or holding another shape
    /// of value, is deleted and answers `Ok(None)`.
    pub fn load<T: DeserializeOwned>(
        &self,
        key: &CacheKey,
        kind: &str,
    ) -> Result<Option<Cached<T>>, CacheError> {
        let path = self.file_path(key, kind)?;
        let mut file = match fs::read(&path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        match self.open(&mut file, key, kind)? {
            Opened::Plaintext(range) => {
                match serde_json::from_slice::<OwnedEnvelope<T>>(&file[range]) {
                    Ok(envelope) => Ok(Some(Cached {
                        value: envelope.value,
                        as_of: envelope.as_of,
                    })),
                    Err(error) => {
                        tracing::info!(%error, kind, "discarding a cache entry of another shape");
                        discard(&path);
                        Ok(None)
                    }
                }
            }
            Opened::OtherVersion(version) => {
                tracing::info!(version, kind, "discarding a cache file of another version");
                discard(&path);
                Ok(None)
            }
            Opened::Damaged(error) => {
                tracing::warn!(%error, kind, "discarding an unreadable cache file");
                discard(&path);
                Err(error)
            }
        }
    }

    /// Deletes every cached file of `key` (sign out).
    pub fn clear_account(&self, key: &CacheKey) -> Result<(), CacheError> {
        match fs::remove_dir_all(self.dir.join(key.folder_name())) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error.into()),
        }
    }

    /// Checks and decrypts `file` in place; on success the plaintext is at the
    /// returned range. An error (the key is out of reach) says nothing about the
    /// file, which must then be kept.
    fn open(&self, file: &mut [u8], key: &CacheKey, kind: &str) -> Result<Opened, CacheError> {
        if file.len() < BODY_START + TAG_LEN || &file[..MAGIC.len()] != MAGIC {
            return Ok(Opened::Damaged(CacheError::Tampered));
        }
        let version = file[MAGIC.len()];
        if version != VERSION {
            return Ok(Opened::OtherVersion(version));
        }
        let sealer = self.sealer()?;
        if file[MAGIC.len() + 1..HEADER_LEN] != sealer.key_id {
            return Ok(Opened::Damaged(CacheError::KeyChanged));
        }
        let aad = associated_data(&file[..HEADER_LEN], key, kind);
        let nonce = XNonce::try_from(&file[HEADER_LEN..BODY_START]).expect("nonce length");
        let tag_start = file.len() - TAG_LEN;
        let (body, tag) = file[BODY_START..].split_at_mut(tag_start - BODY_START);
        let tag = Tag::try_from(&*tag).expect("tag length");
        match sealer
            .cipher
            .decrypt_inout_detached(&nonce, &aad, body.into(), &tag)
        {
            Ok(()) => Ok(Opened::Plaintext(BODY_START..tag_start)),
            Err(_) => Ok(Opened::Damaged(CacheError::Tampered)),
        }
    }

    fn file_path(&self, key: &CacheKey, kind: &str) -> Result<PathBuf, CacheError> {
        let valid = !kind.is_empty()
            && kind.len() <= KIND_MAX_LEN
            && kind
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(CacheError::InvalidKind(kind.to_owned()));
        }
        Ok(self
            .dir
            .join(key.folder_name())
            .join(format!("{kind}.{FILE_EXTENSION}")))
    }

    /// The cipher, with its key read from the vault (or created there) on first use.
    fn sealer(&self) -> Result<Arc<Sealer>, CacheError> {
        let mut slot = self.sealer.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sealer) = slot.as_ref() {
            return Ok(sealer.clone());
        }
        let key = match self.vault.load_secret(KEY_SECRET_NAME)? {
            Some(bytes) if bytes.len() == 32 => Key::try_from(bytes.as_slice()).expect("32 bytes"),
            stored => {
                if stored.is_some() {
                    tracing::warn!("the stored offline cache key is malformed; replacing it");
                }
                let key = Key::generate();
                self.vault.store_secret(KEY_SECRET_NAME, &key)?;
                key
            }
        };
        let sealer = Arc::new(Sealer {
            cipher: XChaCha20Poly1305::new(&key),
            key_id: key_id(&key),
        });
        *slot = Some(sealer.clone());
        Ok(sealer)
    }
}

enum Opened {
    Plaintext(std::ops::Range<usize>),
    OtherVersion(u8),
    /// Tampered or sealed under another key: to be discarded.
    Damaged(CacheError),
}

/// A public fingerprint of the key: tells "sealed with another key" from
/// "modified" without revealing anything about the key.
fn key_id(key: &Key) -> [u8; KEY_ID_LEN] {
    let digest = Sha256::new()
        .chain_update(b"orgdesk offline cache key id\0")
        .chain_update(key)
        .finalize();
    let mut id = [0; KEY_ID_LEN];
    id.copy_from_slice(&digest[..KEY_ID_LEN]);
    id
}

fn associated_data(header: &[u8], key: &CacheKey, kind: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + key.as_str().len() + kind.len() + 2);
    aad.extend_from_slice(header);
    aad.push(0);
    aad.extend_from_slice(key.as_str().as_bytes());
    aad.push(0);
    aad.extend_from_slice(kind.as_bytes());
    aad
}

fn discard(path: &Path) {
    if let Err(error) = fs::remove_file(path)
        && error.kind() != io::ErrorKind::NotFound
    {
        tracing::warn!(%error, path = %path.display(), "could not delete a discarded cache file");
    }
}

/// Creates `dir` and its parents, readable by this user only where the OS has modes.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to `path` through a flushed temporary file in `folder` (the same
/// file system) renamed over it.
pub(crate) fn write_atomically(folder: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temporary = tempfile::Builder::new()
        .prefix(".orgdesk-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    // The rename itself is durable once the folder is flushed (POSIX).
    #[cfg(unix)]
    fs::File::open(folder)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests;
