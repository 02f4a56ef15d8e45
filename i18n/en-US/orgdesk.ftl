app-name = Orgdesk

# Sign-in
signin-title = Sign in to Orgdesk
signin-platform = Platform address
signin-platform-hint = https://platform.example or https://acme.platform.example
signin-email = Email
signin-password = Password
signin-submit = Sign in
signin-local = Use a platform on this computer
signin-local-starting = Starting the platform on this computer…
signin-local-ready = A platform runs on this computer at { $url }.
signin-demo = Open the demo organization
signin-demo-seeding = Preparing the demo organization with { $members } members…
signin-working = Signing in…
signin-keyring-unavailable = No keyring is available ({ $reason }): you will stay signed in only while Orgdesk is open.

# Shell
nav-members = Members
nav-groups = Groups
nav-invitations = Invitations
nav-audit = Audit log
nav-organization = Organization
menu-profile = My Profile
menu-permissions = My Permissions
menu-settings = Settings
menu-sign-out = Sign out
org-suspended = suspended
placeholder-coming = { $screen } is being built and arrives in a coming version.
offline-banner = Offline — as of { $time }

# Members
members-search = Search name or email (Ctrl+F)
members-filter-all = All
members-filter-active = Active
members-filter-suspended = Suspended
members-col-name = Name
members-col-email = Email
members-col-status = Status
members-col-groups = Groups
members-col-last-login = Last login
members-count = { $shown } of { $total ->
    [one] one member
   *[other] { $total } members
}
members-seats = Seats: { $used } of { $limit }
members-selected = { $count ->
    [one] one selected
   *[other] { $count } selected
}
members-loading = Loading members…
members-empty = No member matches.
members-never = never
status-active = Active
status-suspended = Suspended

# Errors in words
error-network = The platform cannot be reached: { $detail }
error-generic = { $detail }

## Platform refusals in words (one per API error code)
error-code-unauthenticated = Your session has ended. Sign in again.
error-code-invalid-credentials = The email address or password is not right.
error-code-too-many-attempts = Too many attempts. Try again in { $seconds } seconds.
error-code-password-reset-required = An administrator asked you to choose a new password before going on.
error-code-weak-password = That password is too easy to guess: { $detail }
error-code-email-taken = An account with this email address exists already.
error-code-invalid-token = This link is not valid any more.
error-code-not-a-member = You are not a member of this organization.
error-code-membership-suspended = Your membership in this organization is suspended.
error-code-wrong-organization = This session belongs to another organization.
error-code-forbidden = You don't have the permission for this ({ $detail }).
error-code-permission-escalation = You cannot grant permissions you don't hold yourself: { $detail }
error-code-last-admin = This would leave the organization without an administrator.
error-code-builtin-group = Built-in groups cannot be renamed or deleted.
error-code-group-name-taken = A group with this name exists already.
error-code-unknown-permission = Unknown permission: { $detail }
error-code-stale-version = Someone changed this in the meantime. It has been reloaded; check and try again.
error-code-too-many-changes = Too many changes for one request: { $detail }
error-code-name-taken = An organization with this name exists already.
error-code-subdomain-taken = This subdomain is taken.
error-code-org-pending-payment = This organization is waiting for its first payment.
error-code-seat-limit-reached = All seats of the plan are in use. Free a seat or buy more first.
error-code-member-suspended = This member is suspended.
error-code-cannot-suspend-self = You cannot suspend yourself.
error-code-already-member = This person is a member already.
error-code-invitation-pending = An invitation to this address is pending already.
error-code-invalid-email = This is not a valid email address.
error-code-duplicate = This address appears more than once.
error-code-invitation-unusable = This invitation cannot be used any more.
error-code-org-suspended = This organization is suspended.
error-code-unsupported-image = Use a PNG, JPEG or WebP picture.
error-code-image-too-large = The picture is too large: { $detail }
error-code-invalid-phone = This is not a valid phone number.
error-code-already-paid = This organization is paid already.
error-code-not-found = It is not there (any more).
error-code-validation-failed = Some fields need attention: { $detail }
error-code-payload-too-large = That is too large to send.
error-code-service-unavailable = The platform is busy. Try again in a moment.
error-code-internal-error = The platform failed. Try again; if it keeps failing, tell its operators.

## Dialogs
dialog-cancel = Cancel
dialog-close = Close

## Member details
member-loading = Loading the member's details…
member-refresh = Refresh
member-refreshing = Refreshing…
member-working = Working…
member-tab-general = General
member-tab-contact = Contact
member-tab-groups = Member of ({ $count })
member-tab-sessions = Sessions
member-tab-permissions = Permissions
member-tab-permissions-count = Permissions ({ $count })
member-field-name = Name
member-field-status = Status
member-field-password = Password
member-field-job-title = Job title
member-field-department = Department
member-field-joined = Joined
member-field-last-login = Last sign-in
member-field-updated = Last changed
member-field-email = Email
member-field-phone = Phone
member-field-address = Address
member-status-active-since = Active since { $time }
member-status-suspended-since = Suspended since { $time }
member-reset-pending = A reset is pending: they must choose a new password at their next sign-in.
member-not-given = not given
member-never = never
member-email-verified = verified
member-email-unverified = not verified yet
member-col-group = Group
member-col-product = Product
member-col-description = Description
member-product-platform = Platform
member-group-builtin = Built-in
member-group-custom = Custom
member-groups-empty = { $name } is in no group.
member-groups-names-only = Products and descriptions are not shown: { $reason }
member-col-signed-in = Signed in
member-col-last-seen = Last seen
member-col-ip = IP address
member-col-location = Location
member-col-device = Device
member-col-ended = Ended
member-session-open = still open
member-session-unknown = unknown
member-sessions-empty = No sign-ins yet.
member-sessions-count = { $shown } of { $total ->
    [one] one sign-in
   *[other] { $total } sign-ins
}
member-sessions-more = Load more
member-permissions-empty = { $name } holds no permission here.
member-permissions-suspended = Suspended members hold no permissions.
member-granted-by = Granted by { $groups }
member-suspend = Suspend
member-reactivate = Reactivate
member-force-reset = Force password reset
member-suspend-title = Suspend { $name }?
member-suspend-body = { $name } loses access to this organization: their sessions here end at their next request, and their seat is freed. Their account, their groups and their other organizations stay as they are. You can reactivate them later while a seat is free.
member-reactivate-title = Reactivate { $name }?
member-reactivate-body = { $name } gets access to this organization again, with the groups and permissions they had, and takes a seat again. When every seat is in use, the platform refuses.
member-reset-title = Force a password reset for { $name }?
member-reset-body = { $name } is signed out everywhere now and must choose a new password at their next sign-in. You never see or set their password.
member-suspended-done = { $name } is suspended.
member-reactivated-done = { $name } is active again.
member-reset-done = { $name } was signed out and must choose a new password at their next sign-in.
member-offline = Read-only: the copy saved { $time }. Suspending, reactivating and resets need the platform.
## Shell and session
app-starting = Resuming your session…
signin-demo-hint = Creates, once, a demo organization with a few thousand members, groups of every product and sign-ins from many places, and signs you in as its admin.
signin-demo-working = Preparing the demo organization…
signin-local-stopped = The platform on this computer has stopped.
signin-demo-failed = The demo organization could not be prepared: { $detail }
signin-demo-lost = The demo organization exists, but its admin password was kept in another keyring. Sign in as { $email } with the password you set.
signin-local-failed = The platform on this computer could not start: { $detail }
org-choose = Choose an organization
offline-copy-saved = Offline copy: { $members } members.
offline-copy-discarded = The offline copy was damaged or changed and was replaced ({ $members } members).
offline-copy-failed = The offline copy could not be updated: { $detail }
offline-copy-tampered = The offline copy was damaged or changed and has been discarded.
offline-retry = Try again
offline-unavailable = This is not available offline. Reconnect to the platform to use it.

## Change password
password-title = Choose a new password
password-why = An administrator asked you to choose a new password. Until you do, nothing else can be done with this account.
password-current = Current password
password-new = New password
password-repeat = New password again
password-submit = Change password
password-need-current = Enter your current password.
password-too-short = The new password needs at least { $min } characters.
password-mismatch = The two new passwords differ.
password-same = The new password must differ from the current one.

## Activity pane
activity-title = Activity
activity-show = Activity
activity-hide = Hide activity
activity-clear = Clear
activity-empty = The requests Orgdesk makes appear here.
activity-no-answer = —
activity-copied = Copied
activity-copy-curl = Copy as curl
activity-duration = { $ms } ms

## Settings
settings-title = Settings
settings-language = Language
settings-language-system = As the system
settings-theme = Appearance
settings-theme-system = As the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-places = Where Orgdesk keeps things
settings-file = Settings file
settings-cache = Offline copies
settings-keyring = Session tokens
settings-keyring-ok = In the system keyring.
settings-keyring-missing = In memory only, until Orgdesk closes: { $detail }
settings-none = —

## Organization section
org-status-active = Active
org-status-pending-payment = Waiting for payment
org-status-suspended = Suspended
org-subdomain = Subdomain
org-status = Status
org-country = Country
org-address = Address
org-billing-email = Billing email
org-vat = VAT ID
org-none = none
org-products = Products
org-seats = Seats
org-created = Created
org-create = Create new organization
org-yours = Your organizations
org-none-yet = You are not a member of any organization yet. Create one to start.
org-membership-suspended = Your membership here is suspended.
org-your-groups = Your groups: { $groups }
org-in-view = In view
org-open = Open
