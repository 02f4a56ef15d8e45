//! The stable `code` strings of problem answers. The console branches on these.

pub const BAD_REQUEST: &str = "bad_request";
pub const INVALID_JSON: &str = "invalid_json";
pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
pub const VALIDATION_FAILED: &str = "validation_failed";
pub const NOT_FOUND: &str = "not_found";
pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
pub const INTERNAL: &str = "internal_error";
pub const UNAVAILABLE: &str = "service_unavailable";

pub const UNAUTHENTICATED: &str = "unauthenticated";
pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
pub const PASSWORD_RESET_REQUIRED: &str = "password_reset_required";
pub const WEAK_PASSWORD: &str = "weak_password";
pub const EMAIL_TAKEN: &str = "email_taken";
pub const INVALID_TOKEN: &str = "invalid_token";
pub const NOT_A_MEMBER: &str = "not_a_member";
pub const MEMBERSHIP_SUSPENDED: &str = "membership_suspended";
pub const WRONG_ORGANIZATION: &str = "wrong_organization";

pub const FORBIDDEN: &str = "forbidden";
pub const PERMISSION_ESCALATION: &str = "permission_escalation";
pub const LAST_ADMIN: &str = "last_admin";
pub const BUILTIN_GROUP: &str = "builtin_group";
pub const GROUP_NAME_TAKEN: &str = "group_name_taken";
pub const UNKNOWN_PERMISSION: &str = "unknown_permission";
pub const STALE_VERSION: &str = "stale_version";
pub const TOO_MANY_CHANGES: &str = "too_many_changes";
/// An `expires_at` that is not ahead of now.
pub const EXPIRES_IN_PAST: &str = "expires_in_past";
/// A decision or completion sent to an access review already completed.
pub const REVIEW_COMPLETED: &str = "review_completed";

pub const NAME_TAKEN: &str = "name_taken";
pub const SUBDOMAIN_TAKEN: &str = "subdomain_taken";
pub const ORG_PENDING_PAYMENT: &str = "org_pending_payment";
pub const SEAT_LIMIT_REACHED: &str = "seat_limit_reached";
pub const MEMBER_SUSPENDED: &str = "member_suspended";
pub const CANNOT_SUSPEND_SELF: &str = "cannot_suspend_self";
pub const ALREADY_MEMBER: &str = "already_member";
pub const INVITATION_PENDING: &str = "invitation_pending";
pub const INVALID_EMAIL: &str = "invalid_email";
pub const DUPLICATE: &str = "duplicate";
pub const INVITATION_UNUSABLE: &str = "invitation_unusable";
pub const ORG_SUSPENDED: &str = "org_suspended";
pub const UNSUPPORTED_IMAGE: &str = "unsupported_image";
pub const IMAGE_TOO_LARGE: &str = "image_too_large";
pub const INVALID_PHONE: &str = "invalid_phone";
pub const INVALID_SIGNATURE: &str = "invalid_signature";
pub const ALREADY_PAID: &str = "already_paid";

// The tenant boundary.
pub const INVALID_DOMAIN: &str = "invalid_domain";
pub const DOMAIN_TAKEN: &str = "domain_taken";
pub const DOMAIN_NOT_VERIFIED: &str = "domain_not_verified";
pub const ACCOUNT_NOT_MANAGED: &str = "account_not_managed";
/// A platform-wide session that an admin signed out of one organization.
pub const SIGNED_OUT_OF_ORGANIZATION: &str = "signed_out_of_organization";
pub const PASSWORD_REUSED: &str = "password_reused";
pub const TOO_MANY_UNPAID_ORGS: &str = "too_many_unpaid_orgs";
/// A per-organization or per-address rate was exceeded (429 with `Retry-After`).
pub const RATE_LIMITED: &str = "rate_limited";
/// The server's password hashing or image decoding is saturated (503 with `Retry-After`).
pub const BUSY: &str = "busy";
pub const TOO_LONG: &str = "too_long";

/// Field codes: what `errors[].code` says of one field of a 422.
pub mod field {
    pub const INVALID: &str = "invalid";
    pub const INVALID_NAME: &str = "invalid_name";
    pub const INVALID_EMAIL: &str = "invalid_email";
    pub const INVALID_SUBDOMAIN: &str = "invalid_subdomain";
    pub const INVALID_COUNTRY: &str = "invalid_country";
    pub const INVALID_ADDRESS: &str = "invalid_address";
    pub const INVALID_PHONE: &str = super::INVALID_PHONE;
    pub const INVALID_DOMAIN: &str = super::INVALID_DOMAIN;
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const REQUIRED: &str = "required";
    pub const DUPLICATE: &str = super::DUPLICATE;
    pub const TOO_LONG: &str = super::TOO_LONG;
    pub const UNKNOWN_PRODUCT: &str = "unknown_product";
    pub const UNKNOWN_PACKAGE: &str = "unknown_package";
    pub const CONTACT_SALES: &str = "contact_sales";
    pub const CONFLICTING_CHANGE: &str = "conflicting_change";
    pub const WEAK_PASSWORD: &str = super::WEAK_PASSWORD;
    pub const PASSWORD_REUSED: &str = super::PASSWORD_REUSED;
}
