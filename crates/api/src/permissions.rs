//! The platform's own permissions (product `platform`): their keys, once,
//! for the server that checks them and the console that offers what they allow.

pub const MEMBERS_READ: &str = "org.members.read";
pub const MEMBERS_INVITE: &str = "org.members.invite";
pub const MEMBERS_SUSPEND: &str = "org.members.suspend";
pub const MEMBERS_RESET_PASSWORD: &str = "org.members.reset_password";
pub const MEMBERS_SESSIONS_READ: &str = "org.members.sessions.read";
pub const MEMBERS_CONTACT_READ: &str = "org.members.contact.read";
pub const GROUPS_READ: &str = "org.groups.read";
pub const GROUPS_MANAGE: &str = "org.groups.manage";
pub const BILLING_MANAGE: &str = "org.billing.manage";
pub const SETTINGS_MANAGE: &str = "org.settings.manage";
pub const AUDIT_READ: &str = "org.audit.read";
pub const DOMAINS_MANAGE: &str = "org.domains.manage";
pub const REVIEWS_MANAGE: &str = "org.reviews.manage";

/// Every platform permission with its description, in the catalogue's order.
pub const PLATFORM: [(&str, &str); 13] = [
    (MEMBERS_READ, "View members and their groups"),
    (MEMBERS_INVITE, "Invite people and manage invitations"),
    (MEMBERS_SUSPEND, "Suspend, reactivate and sign members out"),
    (
        MEMBERS_RESET_PASSWORD,
        "Force a managed member to reset their password",
    ),
    (MEMBERS_SESSIONS_READ, "View members' sign-in history"),
    (GROUPS_READ, "View groups and their permissions"),
    (
        GROUPS_MANAGE,
        "Create, edit and delete groups and their members",
    ),
    (BILLING_MANAGE, "Manage the subscription and payment"),
    (SETTINGS_MANAGE, "Edit the organization's details"),
    (AUDIT_READ, "Read the audit log"),
    (
        DOMAINS_MANAGE,
        "Claim and verify the organization's email domains",
    ),
    (
        MEMBERS_CONTACT_READ,
        "See managed members' phone, address, job title and department",
    ),
    (
        REVIEWS_MANAGE,
        "Run access reviews and take permission snapshots",
    ),
];

/// What the built-in User group holds of them.
pub const USER_DEFAULTS: [&str; 2] = [MEMBERS_READ, GROUPS_READ];
