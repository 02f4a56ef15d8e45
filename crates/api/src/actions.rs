//! The actions the audit log records, named once for the server that writes
//! them and the console that reads them out.

pub const INVITATION_CREATE: &str = "invitation.create";
pub const INVITATION_RESEND: &str = "invitation.resend";
pub const INVITATION_REVOKE: &str = "invitation.revoke";
pub const INVITATION_ACCEPT: &str = "invitation.accept";
pub const MEMBER_ADD: &str = "member.add";
pub const MEMBER_AUTO_JOIN: &str = "member.auto_join";
pub const MEMBER_LEAVE: &str = "member.leave";
pub const MEMBER_SUSPEND: &str = "member.suspend";
pub const MEMBER_REACTIVATE: &str = "member.reactivate";
pub const MEMBER_FORCE_PASSWORD_RESET: &str = "member.force_password_reset";
pub const MEMBER_SIGN_OUT: &str = "member.sign_out";
pub const GROUP_CREATE: &str = "group.create";
pub const GROUP_UPDATE: &str = "group.update";
pub const GROUP_DELETE: &str = "group.delete";
pub const GROUP_MEMBERS_CHANGE: &str = "group.members.change";
/// A membership reached its `expires_at` and was removed by the sweeper.
pub const GROUP_MEMBERS_EXPIRE: &str = "group.members.expire";
pub const GROUP_MANAGERS_CHANGE: &str = "group.managers.change";
pub const SNAPSHOT_CREATE: &str = "org.permissions.snapshot";
pub const REVIEW_CREATE: &str = "org.access_review.create";
pub const REVIEW_DECIDE: &str = "org.access_review.decide";
/// The attestation: a campaign completed, with what it changed.
pub const REVIEW_COMPLETE: &str = "org.access_review.complete";
pub const DOMAIN_CLAIM: &str = "domain.claim";
pub const DOMAIN_VERIFY: &str = "domain.verify";
pub const DOMAIN_DELETE: &str = "domain.delete";
pub const ORG_CREATE: &str = "org.create";
pub const ORG_UPDATE: &str = "org.update";
pub const ORG_PAID: &str = "org.paid";

/// Every action, grouped by what it is about.
pub const ALL: [&str; 27] = [
    INVITATION_CREATE,
    INVITATION_RESEND,
    INVITATION_REVOKE,
    INVITATION_ACCEPT,
    MEMBER_ADD,
    MEMBER_AUTO_JOIN,
    MEMBER_LEAVE,
    MEMBER_SUSPEND,
    MEMBER_REACTIVATE,
    MEMBER_FORCE_PASSWORD_RESET,
    MEMBER_SIGN_OUT,
    GROUP_CREATE,
    GROUP_UPDATE,
    GROUP_DELETE,
    GROUP_MEMBERS_CHANGE,
    GROUP_MEMBERS_EXPIRE,
    GROUP_MANAGERS_CHANGE,
    DOMAIN_CLAIM,
    DOMAIN_VERIFY,
    DOMAIN_DELETE,
    ORG_CREATE,
    ORG_UPDATE,
    ORG_PAID,
    SNAPSHOT_CREATE,
    REVIEW_CREATE,
    REVIEW_DECIDE,
    REVIEW_COMPLETE,
];

/// The families a filter offers: a prefix matches every action in it.
pub const FAMILIES: [&str; 5] = ["invitation.", "member.", "group.", "domain.", "org."];
