use super::*;
use crate::credentials::MemoryVault;
use orgdesk_api::accounts::GroupRef;
use orgdesk_api::members::Member;
use orgdesk_api::orgs::MembershipStatus;
use time::macros::datetime;
use uuid::Uuid;

const AS_OF: OffsetDateTime = datetime!(2025-03-01 09:30:00 UTC);

fn ada() -> CacheKey {
    CacheKey::new("https://platform.example", "acme", "ada@example.com")
}

fn bob() -> CacheKey {
    CacheKey::new("https://platform.example", "acme", "bob@example.com")
}

fn cache_in(dir: &Path) -> (Cache, Arc<MemoryVault>) {
    let vault = Arc::new(MemoryVault::default());
    (Cache::new(dir, vault.clone()), vault)
}

fn members(count: usize) -> Vec<Member> {
    let admins = GroupRef {
        id: Uuid::from_u128(1),
        name: "Admin".into(),
    };
    let sales = GroupRef {
        id: Uuid::from_u128(2),
        name: "Sales Team".into(),
    };
    (0..count)
        .map(|i| Member {
            group_expiry: Vec::new(),
            id: Uuid::from_u128(1_000_000 + i as u128),
            name: format!("Member Number {i}"),
            email: format!("member{i}@acme.example"),
            status: if i % 10 == 0 {
                MembershipStatus::Suspended
            } else {
                MembershipStatus::Active
            },
            groups: if i % 50 == 0 {
                vec![admins.clone(), sales.clone()]
            } else {
                vec![sales.clone()]
            },
            joined_at: AS_OF - time::Duration::days(i as i64 % 900),
            last_login_at: (i % 3 != 0).then(|| AS_OF - time::Duration::hours(i as i64 % 500)),
            suspended_at: (i % 10 == 0).then_some(AS_OF),
            updated_at: AS_OF,
            managed: false,
        })
        .collect()
}

fn only_file(dir: &Path) -> PathBuf {
    let files = files_under(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn round_trip_keeps_value_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, vault) = cache_in(dir.path());
    let list = members(25);

    assert!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .is_none()
    );
    cache.save(&ada(), "members", &list, AS_OF).unwrap();

    let cached = cache
        .load::<Vec<Member>>(&ada(), "members")
        .unwrap()
        .unwrap();
    assert_eq!(cached.value, list);
    assert_eq!(cached.as_of, AS_OF);
    // The key went to the vault, and a second cache over it reads the file.
    assert_eq!(
        vault.load_secret(KEY_SECRET_NAME).unwrap().unwrap().len(),
        32
    );
    let reopened = Cache::new(dir.path(), vault);
    let again = reopened
        .load::<Vec<Member>>(&ada(), "members")
        .unwrap()
        .unwrap();
    assert_eq!(again.value, list);
}

#[test]
fn the_file_holds_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(3), AS_OF).unwrap();

    let path = only_file(dir.path());
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.starts_with(MAGIC));
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("acme.example"), "email in clear");
    assert!(!text.contains("Member Number"), "name in clear");
    // Neither does the path name the platform, organization or account.
    let shown = path.display().to_string();
    assert!(
        !shown.contains("ada") && !shown.contains("platform"),
        "{shown}"
    );
}

#[test]
fn each_write_uses_a_fresh_nonce() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(2), AS_OF).unwrap();
    let first = fs::read(only_file(dir.path())).unwrap();
    cache.save(&ada(), "members", &members(2), AS_OF).unwrap();
    let second = fs::read(only_file(dir.path())).unwrap();
    assert_ne!(
        first[HEADER_LEN..BODY_START],
        second[HEADER_LEN..BODY_START]
    );
    assert_ne!(first, second);
}

#[test]
fn any_modified_byte_is_tampering_and_the_file_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(5), AS_OF).unwrap();
    let path = only_file(dir.path());
    let original = fs::read(&path).unwrap();

    // Magic, nonce, first and last ciphertext bytes, tag.
    for index in [
        0,
        HEADER_LEN,
        BODY_START,
        original.len() - TAG_LEN - 1,
        original.len() - 1,
    ] {
        let mut bytes = original.clone();
        bytes[index] ^= 0x01;
        fs::write(&path, &bytes).unwrap();

        let result = cache.load::<Vec<Member>>(&ada(), "members");
        assert!(
            matches!(result, Err(CacheError::Tampered)),
            "byte {index}: {result:?}"
        );
        assert!(!path.exists(), "byte {index}: the tampered file was kept");
        // The next read finds nothing rather than failing again.
        assert!(
            cache
                .load::<Vec<Member>>(&ada(), "members")
                .unwrap()
                .is_none()
        );
    }
}

#[test]
fn truncated_and_foreign_files_are_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(5), AS_OF).unwrap();
    let path = only_file(dir.path());
    let original = fs::read(&path).unwrap();

    for bytes in [
        original[..original.len() - 1].to_vec(),
        original[..BODY_START].to_vec(),
        Vec::new(),
        b"[{\"id\":\"not encrypted\"}]".to_vec(),
    ] {
        fs::write(&path, &bytes).unwrap();
        let result = cache.load::<Vec<Member>>(&ada(), "members");
        assert!(matches!(result, Err(CacheError::Tampered)), "{result:?}");
        assert!(!path.exists());
    }
}

#[test]
fn a_file_moved_to_another_account_or_kind_does_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(5), AS_OF).unwrap();
    cache.save(&bob(), "members", &members(1), AS_OF).unwrap();
    let ada_file = cache.file_path(&ada(), "members").unwrap();
    let bob_file = cache.file_path(&bob(), "members").unwrap();

    // Same key, other associated data: Bob's file replaced by Ada's.
    fs::copy(&ada_file, &bob_file).unwrap();
    let result = cache.load::<Vec<Member>>(&bob(), "members");
    assert!(matches!(result, Err(CacheError::Tampered)), "{result:?}");
    assert!(!bob_file.exists());

    // Nor as another kind of the same account.
    let other_kind = cache.file_path(&ada(), "member-details").unwrap();
    fs::copy(&ada_file, &other_kind).unwrap();
    let result = cache.load::<Vec<Member>>(&ada(), "member-details");
    assert!(matches!(result, Err(CacheError::Tampered)), "{result:?}");

    // Ada's own file is untouched by all this.
    assert_eq!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .unwrap()
            .value,
        members(5)
    );
}

#[test]
fn a_file_sealed_under_a_lost_key_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(5), AS_OF).unwrap();

    // Another run whose keyring no longer has the key (or never had it).
    let (fresh, fresh_vault) = cache_in(dir.path());
    let result = fresh.load::<Vec<Member>>(&ada(), "members");
    assert!(matches!(result, Err(CacheError::KeyChanged)), "{result:?}");
    assert!(files_under(dir.path()).is_empty());
    // It made its own key and works from here on.
    assert!(fresh_vault.load_secret(KEY_SECRET_NAME).unwrap().is_some());
    fresh.save(&ada(), "members", &members(1), AS_OF).unwrap();
    assert_eq!(
        fresh
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .unwrap()
            .value,
        members(1)
    );
}

#[test]
fn a_value_of_another_shape_is_discarded_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache
        .save(&ada(), "members", &vec!["not", "members"], AS_OF)
        .unwrap();
    assert!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .is_none()
    );
    assert!(files_under(dir.path()).is_empty());
}

#[test]
fn a_file_of_another_version_is_discarded_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(1), AS_OF).unwrap();
    let path = only_file(dir.path());
    let mut bytes = fs::read(&path).unwrap();
    bytes[MAGIC.len()] = VERSION + 1;
    fs::write(&path, bytes).unwrap();

    assert!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .is_none()
    );
    assert!(!path.exists());
}

#[test]
fn writes_leave_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    for round in 0..3 {
        cache
            .save(&ada(), "members", &members(round + 1), AS_OF)
            .unwrap();
        cache.save(&ada(), "member-42", &members(1), AS_OF).unwrap();
    }
    let mut names: Vec<String> = files_under(dir.path())
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["member-42.cache", "members.cache"]);
    assert_eq!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .unwrap()
            .value,
        members(3)
    );
}

#[cfg(unix)]
#[test]
fn folders_and_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(&dir.path().join("offline"));
    cache.save(&ada(), "members", &members(1), AS_OF).unwrap();
    let path = only_file(dir.path());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&dir.path().join("offline")), 0o700);
}

#[test]
fn clear_account_removes_only_that_account() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    cache.save(&ada(), "members", &members(2), AS_OF).unwrap();
    cache.save(&ada(), "member-1", &members(1), AS_OF).unwrap();
    cache.save(&bob(), "members", &members(3), AS_OF).unwrap();

    cache.clear_account(&ada()).unwrap();
    assert!(
        cache
            .load::<Vec<Member>>(&ada(), "members")
            .unwrap()
            .is_none()
    );
    assert!(
        cache
            .load::<Vec<Member>>(&ada(), "member-1")
            .unwrap()
            .is_none()
    );
    assert!(!dir.path().join(ada().folder_name()).exists());
    assert_eq!(
        cache
            .load::<Vec<Member>>(&bob(), "members")
            .unwrap()
            .unwrap()
            .value,
        members(3)
    );
    // Clearing twice (or an account never cached) is fine.
    cache.clear_account(&ada()).unwrap();
}

#[test]
fn kinds_cannot_escape_the_account_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    for kind in [
        "",
        "../members",
        "a/b",
        "a\\b",
        ".hidden",
        "x.cache",
        &"k".repeat(101),
    ] {
        let result = cache.save(&ada(), kind, &1, AS_OF);
        assert!(
            matches!(result, Err(CacheError::InvalidKind(_))),
            "{kind:?}"
        );
    }
    assert!(files_under(dir.path()).is_empty());
}

#[test]
fn cache_keys_normalize_spelling_and_stay_unambiguous() {
    assert_eq!(
        CacheKey::new("https://Platform.Example/", "acme", "Ada@Example.com"),
        ada()
    );
    assert_ne!(
        CacheKey::new("https://p.example", "a|b", "c@example.com"),
        CacheKey::new("https://p.example", "a", "b|c@example.com")
    );
    assert_ne!(ada().folder_name(), bob().folder_name());
    assert_eq!(ada().folder_name().len(), 64);
}

/// A vault whose keyring can be locked and unlocked.
#[derive(Debug, Default)]
struct Lockable {
    inner: MemoryVault,
    locked: std::sync::atomic::AtomicBool,
}

impl Lockable {
    fn check(&self) -> Result<(), CredentialError> {
        if self.locked.load(std::sync::atomic::Ordering::SeqCst) {
            Err(CredentialError::Unavailable("locked".into()))
        } else {
            Ok(())
        }
    }
}

impl Vault for Lockable {
    fn store(&self, platform: &str, account: &str, token: &str) -> Result<(), CredentialError> {
        self.check()?;
        self.inner.store(platform, account, token)
    }
    fn load(&self, platform: &str, account: &str) -> Result<Option<String>, CredentialError> {
        self.check()?;
        self.inner.load(platform, account)
    }
    fn delete(&self, platform: &str, account: &str) -> Result<(), CredentialError> {
        self.check()?;
        self.inner.delete(platform, account)
    }
    fn store_secret(&self, name: &str, secret: &[u8]) -> Result<(), CredentialError> {
        self.check()?;
        self.inner.store_secret(name, secret)
    }
    fn load_secret(&self, name: &str) -> Result<Option<Vec<u8>>, CredentialError> {
        self.check()?;
        self.inner.load_secret(name)
    }
    fn delete_secret(&self, name: &str) -> Result<(), CredentialError> {
        self.check()?;
        self.inner.delete_secret(name)
    }
    fn is_persistent(&self) -> bool {
        true
    }
}

#[test]
fn an_unavailable_keyring_is_reported_and_keeps_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(Lockable::default());
    Cache::new(dir.path(), vault.clone())
        .save(&ada(), "members", &members(2), AS_OF)
        .unwrap();
    let path = only_file(dir.path());

    // The next run finds the keyring locked: no key, so nothing opens...
    vault
        .locked
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let next_run = Cache::new(dir.path(), vault.clone());
    let result = next_run.load::<Vec<Member>>(&ada(), "members");
    assert!(
        matches!(&result, Err(CacheError::Vault(error)) if error.is_unavailable()),
        "{result:?}"
    );
    let result = next_run.save(&bob(), "members", &members(1), AS_OF);
    assert!(matches!(result, Err(CacheError::Vault(_))), "{result:?}");
    // ...but the file is not mistaken for a damaged one.
    assert!(path.exists());
    assert_eq!(files_under(dir.path()), [path]);

    vault
        .locked
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let cached = next_run.load::<Vec<Member>>(&ada(), "members").unwrap();
    assert_eq!(cached.unwrap().value, members(2));
}

#[test]
fn a_hundred_thousand_members_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, _) = cache_in(dir.path());
    let list = members(100_000);
    cache.save(&ada(), "members", &list, AS_OF).unwrap();
    let cached = cache
        .load::<Vec<Member>>(&ada(), "members")
        .unwrap()
        .unwrap();
    assert_eq!(cached.value.len(), 100_000);
    assert!(cached.value == list);
}
