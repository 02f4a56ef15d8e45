//! Session tokens and the cache key in the OS keyring.
//!
//! Only session tokens are kept, never passwords. [`Credentials`] uses the native
//! store of each OS through `keyring` 4 (Secret Service on Linux and the BSDs, the
//! Keychain on macOS, the Credential Manager on Windows). Where no keyring can be
//! reached, every call answers [`CredentialError::Unavailable`] and the console
//! switches to a [`MemoryVault`]: the token then lives for this run only, and is
//! never written to a plaintext file.
//!
//! Keyring calls block (a D-Bus round trip, or an OS unlock prompt): run them off
//! the UI thread, e.g. in `tokio::task::spawn_blocking`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use keyring::Entry;

/// The keyring service every entry of the console is filed under.
pub const SERVICE: &str = "dev.orgdesk.console";

/// Why a credential could not be stored, read or deleted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// No keyring can be used right now (no Secret Service, a locked or refused
    /// store, an unsupported platform). The caller should say so and keep the
    /// secret in memory only.
    #[error("the system keyring is not available: {0}")]
    Unavailable(String),
    /// The keyring works but refused or garbled this entry.
    #[error("the system keyring refused the entry: {0}")]
    Rejected(String),
}

impl CredentialError {
    /// Whether the keyring as a whole is out of reach (rather than this one entry).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Unavailable(_))
    }
}

/// Somewhere to keep session tokens and binary secrets.
///
/// Implemented by [`Credentials`] (the OS keyring) and [`MemoryVault`] (this run
/// only). Tokens are filed per platform and account; binary secrets by name.
pub trait Vault: Send + Sync + fmt::Debug {
    /// Stores `token` as the session of `account` on `platform`, replacing any.
    fn store(&self, platform: &str, account: &str, token: &str) -> Result<(), CredentialError>;
    /// The session token of `account` on `platform`, if one is stored.
    fn load(&self, platform: &str, account: &str) -> Result<Option<String>, CredentialError>;
    /// Forgets the session of `account` on `platform`; forgetting nothing is fine.
    fn delete(&self, platform: &str, account: &str) -> Result<(), CredentialError>;
    /// Stores a binary secret (such as the cache key) under `name`, replacing any.
    fn store_secret(&self, name: &str, secret: &[u8]) -> Result<(), CredentialError>;
    /// The binary secret stored under `name`, if any.
    fn load_secret(&self, name: &str) -> Result<Option<Vec<u8>>, CredentialError>;
    /// Forgets the binary secret `name`; forgetting nothing is fine.
    fn delete_secret(&self, name: &str) -> Result<(), CredentialError>;
    /// Whether what is stored outlives this process (false for [`MemoryVault`]).
    fn is_persistent(&self) -> bool;
}

/// The OS keyring.
#[derive(Debug, Clone)]
pub struct Credentials {
    service: String,
}

impl Credentials {
    /// Connects to the native keyring of this OS under [`SERVICE`].
    ///
    /// Fails with [`CredentialError::Unavailable`] when the OS has no reachable
    /// store. The `keyring` crate connects once per process, so a store that was
    /// missing at the first attempt stays missing until the console restarts.
    /// A locked store is only noticed at the first write.
    pub fn open() -> Result<Self, CredentialError> {
        Self::with_service(SERVICE)
    }

    /// Like [`Credentials::open`] under another service name, for tests that
    /// must not touch the console's own entries.
    pub fn with_service(service: &str) -> Result<Self, CredentialError> {
        Entry::store_status()
            .as_ref()
            .map_err(|error| CredentialError::Unavailable(error.to_string()))?;
        Ok(Self {
            service: service.to_owned(),
        })
    }

    fn entry(&self, user: &str) -> Result<Entry, CredentialError> {
        Entry::new(&self.service, user).map_err(map_error)
    }
}

impl Vault for Credentials {
    fn store(&self, platform: &str, account: &str, token: &str) -> Result<(), CredentialError> {
        self.entry(&token_user(platform, account))?
            .set_password(token)
            .map_err(map_error)
    }

    fn load(&self, platform: &str, account: &str) -> Result<Option<String>, CredentialError> {
        absent_as_none(self.entry(&token_user(platform, account))?.get_password())
    }

    fn delete(&self, platform: &str, account: &str) -> Result<(), CredentialError> {
        deleted(
            self.entry(&token_user(platform, account))?
                .delete_credential(),
        )
    }

    fn store_secret(&self, name: &str, secret: &[u8]) -> Result<(), CredentialError> {
        self.entry(&secret_user(name))?
            .set_secret(secret)
            .map_err(map_error)
    }

    fn load_secret(&self, name: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        absent_as_none(self.entry(&secret_user(name))?.get_secret())
    }

    fn delete_secret(&self, name: &str) -> Result<(), CredentialError> {
        deleted(self.entry(&secret_user(name))?.delete_credential())
    }

    fn is_persistent(&self) -> bool {
        true
    }
}

/// Opens the OS keyring, or a [`MemoryVault`] with the reason it could not be
/// used (for the console to show).
pub fn open_or_memory() -> (Arc<dyn Vault>, Option<CredentialError>) {
    match Credentials::open() {
        Ok(credentials) => (Arc::new(credentials), None),
        Err(error) => {
            tracing::warn!(%error, "keeping credentials in memory only");
            (Arc::new(MemoryVault::default()), Some(error))
        }
    }
}

/// Keeps tokens and secrets in this process only: the fallback when the OS
/// keyring is unavailable, and a stand-in for tests.
#[derive(Default)]
pub struct MemoryVault {
    entries: Mutex<HashMap<String, Vec<u8>>>,
}

impl fmt::Debug for MemoryVault {
    // Never print the secrets themselves.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("MemoryVault")
            .field("entries", &entries.len())
            .finish()
    }
}

impl MemoryVault {
    fn put(&self, user: String, value: Vec<u8>) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(user, value);
    }

    fn get(&self, user: &str) -> Option<Vec<u8>> {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(user)
            .cloned()
    }

    fn remove(&self, user: &str) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(user);
    }
}

impl Vault for MemoryVault {
    fn store(&self, platform: &str, account: &str, token: &str) -> Result<(), CredentialError> {
        self.put(token_user(platform, account), token.as_bytes().to_vec());
        Ok(())
    }

    fn load(&self, platform: &str, account: &str) -> Result<Option<String>, CredentialError> {
        self.get(&token_user(platform, account))
            .map(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| CredentialError::Rejected("the token is not UTF-8".into()))
            })
            .transpose()
    }

    fn delete(&self, platform: &str, account: &str) -> Result<(), CredentialError> {
        self.remove(&token_user(platform, account));
        Ok(())
    }

    fn store_secret(&self, name: &str, secret: &[u8]) -> Result<(), CredentialError> {
        self.put(secret_user(name), secret.to_vec());
        Ok(())
    }

    fn load_secret(&self, name: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        Ok(self.get(&secret_user(name)))
    }

    fn delete_secret(&self, name: &str) -> Result<(), CredentialError> {
        self.remove(&secret_user(name));
        Ok(())
    }

    fn is_persistent(&self) -> bool {
        false
    }
}

/// The keyring user of a session token: `session|{platform}|{account}`, both
/// normalized so that `https://Acme.example/` and `https://acme.example` (or two
/// spellings of one email) name the same entry.
fn token_user(platform: &str, account: &str) -> String {
    format!(
        "session|{}|{}",
        normalize_platform(platform),
        normalize_account(account)
    )
}

fn secret_user(name: &str) -> String {
    format!("secret|{name}")
}

/// A platform URL as one spelling: trimmed, without trailing slashes, scheme and
/// host in lower case (a path, if any, keeps its case).
pub(crate) fn normalize_platform(platform: &str) -> String {
    let platform = platform.trim().trim_end_matches('/');
    let authority_start = platform.find("://").map_or(0, |i| i + 3);
    let authority_end = platform[authority_start..]
        .find('/')
        .map_or(platform.len(), |i| authority_start + i);
    let (origin, path) = platform.split_at(authority_end);
    format!("{}{path}", origin.to_ascii_lowercase())
}

/// An account email as one spelling: trimmed and in lower case.
pub(crate) fn normalize_account(account: &str) -> String {
    account.trim().to_lowercase()
}

fn map_error(error: keyring::Error) -> CredentialError {
    use keyring::Error as E;
    match error {
        E::PlatformFailure(_) | E::NoStorageAccess(_) | E::NoDefaultStore => {
            CredentialError::Unavailable(error.to_string())
        }
        E::BadEncoding(_) => CredentialError::Rejected("the stored token is not UTF-8".into()),
        // The error's text can carry the stored bytes: describe it instead.
        E::BadDataFormat(_, _) => {
            CredentialError::Rejected("the stored secret is not in the expected format".into())
        }
        other => CredentialError::Rejected(other.to_string()),
    }
}

fn absent_as_none<T>(result: keyring::Result<T>) -> Result<Option<T>, CredentialError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(error) => Err(map_error(error)),
    }
}

fn deleted(result: keyring::Result<()>) -> Result<(), CredentialError> {
    match result {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        // Several matching entries (left by another program or an old version):
        // signing out must remove every one of them.
        Err(keyring::Error::Ambiguous(entries)) => entries
            .into_iter()
            .try_for_each(|entry| deleted(entry.delete_credential())),
        Err(error) => Err(map_error(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLATFORM: &str = "https://platform.example";

    #[test]
    fn memory_vault_stores_loads_and_deletes_tokens() {
        let vault = MemoryVault::default();
        assert_eq!(vault.load(PLATFORM, "ada@example.com").unwrap(), None);

        vault.store(PLATFORM, "ada@example.com", "token-1").unwrap();
        vault.store(PLATFORM, "ada@example.com", "token-2").unwrap();
        assert_eq!(
            vault.load(PLATFORM, "ada@example.com").unwrap().as_deref(),
            Some("token-2")
        );

        vault.delete(PLATFORM, "ada@example.com").unwrap();
        assert_eq!(vault.load(PLATFORM, "ada@example.com").unwrap(), None);
        // Deleting what is not there is not an error (sign out twice).
        vault.delete(PLATFORM, "ada@example.com").unwrap();
        assert!(!vault.is_persistent());
    }

    #[test]
    fn tokens_are_filed_per_platform_and_account() {
        let vault = MemoryVault::default();
        vault.store(PLATFORM, "ada@example.com", "ada").unwrap();
        vault.store(PLATFORM, "bob@example.com", "bob").unwrap();
        vault
            .store("https://other.example", "ada@example.com", "other")
            .unwrap();

        assert_eq!(
            vault.load(PLATFORM, "ada@example.com").unwrap().as_deref(),
            Some("ada")
        );
        assert_eq!(
            vault.load(PLATFORM, "bob@example.com").unwrap().as_deref(),
            Some("bob")
        );
        assert_eq!(
            vault
                .load("https://other.example", "ada@example.com")
                .unwrap()
                .as_deref(),
            Some("other")
        );
        vault.delete(PLATFORM, "ada@example.com").unwrap();
        assert_eq!(
            vault.load(PLATFORM, "bob@example.com").unwrap().as_deref(),
            Some("bob")
        );
    }

    #[test]
    fn spellings_of_one_platform_and_account_share_an_entry() {
        let vault = MemoryVault::default();
        vault
            .store("https://Platform.Example/", " Ada@Example.com ", "token")
            .unwrap();
        assert_eq!(
            vault.load(PLATFORM, "ada@example.com").unwrap().as_deref(),
            Some("token")
        );
        assert_eq!(
            normalize_platform("HTTPS://Acme.Example:8443/Base/"),
            "https://acme.example:8443/Base"
        );
        assert_eq!(normalize_platform("acme.example"), "acme.example");
    }

    #[test]
    fn secrets_and_tokens_do_not_collide() {
        let vault = MemoryVault::default();
        vault.store_secret("cache-key", &[0, 159, 255]).unwrap();
        vault.store("cache-key", "", "token").unwrap();
        assert_eq!(
            vault.load_secret("cache-key").unwrap(),
            Some(vec![0, 159, 255])
        );
        vault.delete_secret("cache-key").unwrap();
        assert_eq!(vault.load_secret("cache-key").unwrap(), None);
        assert_eq!(
            vault.load("cache-key", "").unwrap().as_deref(),
            Some("token")
        );
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let vault = MemoryVault::default();
        vault
            .store(PLATFORM, "ada@example.com", "s3cret-token")
            .unwrap();
        let printed = format!("{vault:?}");
        assert!(!printed.contains("s3cret-token"), "{printed}");
        assert!(!printed.contains("ada@example.com"), "{printed}");
    }

    #[test]
    fn keyring_errors_map_to_unavailable_or_rejected() {
        let unavailable = map_error(keyring::Error::NoDefaultStore);
        assert!(unavailable.is_unavailable());
        let locked = map_error(keyring::Error::NoStorageAccess("locked".into()));
        assert!(locked.is_unavailable(), "{locked}");
        let refused = map_error(keyring::Error::TooLong("user".into(), 255));
        assert!(matches!(refused, CredentialError::Rejected(_)), "{refused}");
        let garbled = map_error(keyring::Error::BadDataFormat(
            b"s3cret".to_vec(),
            "bad".into(),
        ));
        assert!(!garbled.to_string().contains("s3cret"), "{garbled}");

        assert_eq!(
            absent_as_none::<String>(Err(keyring::Error::NoEntry)),
            Ok(None)
        );
        assert_eq!(deleted(Err(keyring::Error::NoEntry)), Ok(()));
    }
}
