//! One module per screen, each with the same shape: `new`, `update` returning
//! an `Action` for the parent, `view`.

pub mod login;
pub mod members;
pub mod placeholder;

use orgdesk_api::codes;
use orgdesk_client::Error;
use time::OffsetDateTime;

use crate::fl;

/// A client error in words for the person, never a bare code: every code of
/// API.md has its sentence; the server's `detail` fills in the specifics
/// (which permission, which field) where the sentence needs them.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Network(e) => fl!("error-network", detail = e.to_string()),
        // The platform names the group and the missing permissions.
        Error::Api(api)
            if api.problem.code == codes::PERMISSION_ESCALATION
                && !api.problem.missing.is_empty() =>
        {
            let which = api.problem.missing.join(", ");
            match &api.problem.group {
                Some(group) => fl!(
                    "error-escalation-group",
                    group = group.name.clone(),
                    detail = which
                ),
                None => fl!("error-code-permission-escalation", detail = which),
            }
        }
        Error::Api(api) => describe_problem(
            &api.problem.code,
            api.problem.detail.as_deref().unwrap_or(&api.problem.title),
            api.retry_after,
        ),
        other => fl!("error-generic", detail = other.to_string()),
    }
}

/// The sentence for one problem `code`; unknown codes show the server's detail.
pub fn describe_problem(code: &str, detail: &str, retry_after: Option<u64>) -> String {
    let detail = detail.to_string();
    let seconds = retry_after.unwrap_or(60);
    match code {
        codes::UNAUTHENTICATED => fl!("error-code-unauthenticated"),
        codes::INVALID_CREDENTIALS => fl!("error-code-invalid-credentials"),
        codes::TOO_MANY_ATTEMPTS => fl!("error-code-too-many-attempts", seconds = seconds),
        codes::PASSWORD_RESET_REQUIRED => fl!("error-code-password-reset-required"),
        codes::WEAK_PASSWORD => fl!("error-code-weak-password", detail = detail.clone()),
        codes::EMAIL_TAKEN => fl!("error-code-email-taken"),
        codes::INVALID_TOKEN => fl!("error-code-invalid-token"),
        codes::NOT_A_MEMBER => fl!("error-code-not-a-member"),
        codes::MEMBERSHIP_SUSPENDED => fl!("error-code-membership-suspended"),
        codes::WRONG_ORGANIZATION => fl!("error-code-wrong-organization"),
        codes::FORBIDDEN => fl!("error-code-forbidden", detail = detail.clone()),
        codes::PERMISSION_ESCALATION => fl!(
            "error-code-permission-escalation",
            detail = detail
                .rsplit_once(": ")
                .map_or(detail.as_str(), |(_, which)| which)
                .to_string()
        ),
        codes::LAST_ADMIN => fl!("error-code-last-admin"),
        codes::BUILTIN_GROUP => fl!("error-code-builtin-group"),
        codes::GROUP_NAME_TAKEN => fl!("error-code-group-name-taken"),
        codes::UNKNOWN_PERMISSION => fl!("error-code-unknown-permission", detail = detail.clone()),
        codes::STALE_VERSION => fl!("error-code-stale-version"),
        codes::TOO_MANY_CHANGES => fl!("error-code-too-many-changes", detail = detail.clone()),
        codes::NAME_TAKEN => fl!("error-code-name-taken"),
        codes::SUBDOMAIN_TAKEN => fl!("error-code-subdomain-taken"),
        codes::ORG_PENDING_PAYMENT => fl!("error-code-org-pending-payment"),
        codes::SEAT_LIMIT_REACHED => fl!("error-code-seat-limit-reached"),
        codes::MEMBER_SUSPENDED => fl!("error-code-member-suspended"),
        codes::CANNOT_SUSPEND_SELF => fl!("error-code-cannot-suspend-self"),
        codes::ALREADY_MEMBER => fl!("error-code-already-member"),
        codes::INVITATION_PENDING => fl!("error-code-invitation-pending"),
        codes::INVALID_EMAIL => fl!("error-code-invalid-email"),
        codes::DUPLICATE => fl!("error-code-duplicate"),
        codes::INVITATION_UNUSABLE => fl!("error-code-invitation-unusable"),
        codes::ORG_SUSPENDED => fl!("error-code-org-suspended"),
        codes::UNSUPPORTED_IMAGE => fl!("error-code-unsupported-image"),
        codes::IMAGE_TOO_LARGE => fl!("error-code-image-too-large", detail = detail.clone()),
        codes::INVALID_PHONE => fl!("error-code-invalid-phone"),
        codes::ALREADY_PAID => fl!("error-code-already-paid"),
        codes::NOT_FOUND => fl!("error-code-not-found"),
        codes::VALIDATION_FAILED => fl!("error-code-validation-failed", detail = detail.clone()),
        codes::PAYLOAD_TOO_LARGE => fl!("error-code-payload-too-large"),
        codes::UNAVAILABLE => fl!("error-code-service-unavailable"),
        codes::INTERNAL => fl!("error-code-internal-error"),
        codes::INVALID_DOMAIN => fl!("error-code-invalid-domain", detail = detail.clone()),
        codes::DOMAIN_TAKEN => fl!("error-code-domain-taken"),
        codes::DOMAIN_NOT_VERIFIED => {
            fl!("error-code-domain-not-verified", detail = detail.clone())
        }
        codes::ACCOUNT_NOT_MANAGED => fl!("error-code-account-not-managed"),
        codes::SIGNED_OUT_OF_ORGANIZATION => fl!("error-code-signed-out-of-organization"),
        codes::PASSWORD_REUSED => fl!("error-code-password-reused"),
        codes::TOO_MANY_UNPAID_ORGS => fl!("error-code-too-many-unpaid-orgs"),
        codes::RATE_LIMITED => fl!("error-code-rate-limited", seconds = seconds),
        codes::BUSY => fl!("error-code-busy", seconds = seconds),
        codes::TOO_LONG => fl!("error-code-too-long", detail = detail.clone()),
        _ => fl!("error-generic", detail = detail),
    }
}

/// A moment to the minute in the console's language (UTC): "11/27/2026,
/// 2:03 PM" / "27.11.2026, 14:03".
pub fn short_time(at: OffsetDateTime) -> String {
    crate::locale::date_time(at)
}

/// Where a sign-in came from, in the console's language: the city and the
/// country's name ("Berlin, Deutschland"), "Private network" localized, or
/// the platform's English text when it names no country code (an older
/// platform, or one without a GeoIP database of codes).
pub fn sign_in_place(session: &orgdesk_api::SessionInfo) -> Option<String> {
    if session.private_network {
        return Some(fl!("session-private-network"));
    }
    match (&session.city, &session.country) {
        (Some(city), Some(code)) => Some(format!("{city}, {}", crate::locale::country(code))),
        (None, Some(code)) => Some(crate::locale::country(code)),
        _ => session.location.clone(),
    }
}
pub mod activity;
pub mod audit;
pub mod bulk;
pub mod domains;
pub mod dormant;
pub mod expiry;
pub mod governance;
pub mod groups;
pub mod invitations;
pub mod member;
pub mod my_permissions;
pub mod organizations;
pub mod overview;
pub mod palette;
pub mod password;
pub mod profile;
pub mod reviews;
pub mod row_menu;
pub mod settings;
pub mod snapshots;
pub mod wizard;

/// The largest CSV file the console reads (a 20,000-row change set or 1,000
/// invitations fit many times over).
pub const CSV_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file the person chose, refusing one larger than `max` bytes
/// before reading it (a mistaken pick of a huge file must not fill memory).
/// The error is in words.
pub async fn read_chosen_file(path: &std::path::Path, max: u64) -> Result<Vec<u8>, String> {
    use tokio::io::AsyncReadExt;
    let too_large = || fl!("file-too-large", mib = (max / (1024 * 1024)).to_string());
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| fl!("file-unreadable", detail = e.to_string()))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| fl!("file-unreadable", detail = e.to_string()))?
        .len();
    if size > max {
        return Err(too_large());
    }
    // The file may grow while it is read: never take more than `max`.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| fl!("file-unreadable", detail = e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_chosen_file_over_the_limit_is_refused_before_reading() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("big.csv");
        std::fs::write(&path, vec![b'a'; 2 * 1024 * 1024 + 1]).unwrap();
        // Words depend on the process-wide language other tests switch: the
        // outcome is what counts here.
        let refused = read_chosen_file(&path, 2 * 1024 * 1024).await.unwrap_err();
        assert!(refused.contains("2 MiB"), "{refused}");
        let small = folder.path().join("small.csv");
        std::fs::write(&small, "email\na@b.example\n").unwrap();
        assert_eq!(
            read_chosen_file(&small, CSV_MAX_BYTES).await.unwrap(),
            b"email\na@b.example\n"
        );
        let missing = read_chosen_file(&folder.path().join("none.csv"), CSV_MAX_BYTES)
            .await
            .unwrap_err();
        assert!(!missing.is_empty());
    }

    #[test]
    fn the_checkout_opener_takes_web_addresses_only() {
        let opener = wizard::browser();
        for hostile in [
            "file:///etc/passwd",
            "\\\\\\\\host\\\\share\\\\x.exe",
            "javascript:alert(1)",
        ] {
            let refused = opener(hostile).unwrap_err();
            assert!(refused.contains(hostile), "{refused}");
        }
    }
}
