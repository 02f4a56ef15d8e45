//! Tokens and password hashes.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new 256-bit token (`prefix` + base64url) and the hash to store.
pub fn new_token(prefix: &str) -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_token(&token);
    (token, hash)
}

/// Tokens are stored only as this hash: a database leak does not leak sessions.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Argon2id with the crate's defaults (OWASP's m=19 MiB, t=2, p=1). Blocking:
/// on the request path run it on the state's CPU pool.
pub fn hash_password_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Whether `password` matches `hash`. Blocking, like [`hash_password_now`].
pub fn verify_password_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// [`hash_password_now`] off the async threads, for work outside requests
/// (start-up, seeding).
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password_now(&password)).await?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password_now(&password, &hash))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, ha) = new_token("ods_");
        let (b, _) = new_token("ods_");
        assert_ne!(a, b);
        assert!(a.starts_with("ods_") && a.len() == 4 + 43);
        assert_eq!(hash_token(&a), ha);
        assert_ne!(ha, a);
    }

    #[tokio::test]
    async fn password_round_trip() {
        let hash = hash_password("violet-harbor-7-lantern".into())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("violet-harbor-7-lantern".into(), hash.clone()).await);
        assert!(!verify_password("violet-harbor-7-lanterN".into(), hash).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
