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

## Invitations
invitations-filter-all = All
invitations-status-pending = Pending
invitations-status-accepted = Accepted
invitations-status-revoked = Revoked
invitations-status-expired = Expired
invitations-seats = Seats: { $used } of { $limit }
invitations-invite = Invite people…
invitations-col-email = Email
invitations-col-groups = Groups
invitations-col-status = Status
invitations-col-sent = Sent
invitations-col-expires = Expires
invitations-accepted-at = accepted { $time }
invitations-loading = Loading invitations…
invitations-empty = No invitation here.
invitations-count = { $total ->
    [one] { $shown } of 1 invitation
   *[other] { $shown } of { $total } invitations
}
invitations-resend = Resend
invitations-renew = Renew
invitations-revoke = Revoke
invitations-working = Working…
invitations-resend-title = Resend the invitation?
invitations-resend-body = A new link goes to { $email }, valid for 7 days. The link sent on { $sent } stops working at once.
invitations-renew-title = Renew the expired invitation?
invitations-renew-body = The invitation to { $email } ran out on { $expired }. Renewing mails a new link, valid for 7 days, and takes a seat again until it is accepted or revoked.
invitations-revoke-title = Revoke the invitation?
invitations-revoke-body = The link sent to { $email } stops working at once and the seat it holds is freed. You can invite the address again later.
invitations-resent = A new link went to { $email }; the old one no longer works.
invitations-revoked = The invitation to { $email } is revoked; its seat is free again.
invitations-change-failed = Nothing changed for { $email }: { $reason }
invitations-invite-title = Invite people
invitations-addresses-label = Email addresses: paste a list (separated by commas, spaces or lines), or add a CSV file with an email column.
invitations-addresses-placeholder = ada@example.com, bob@example.com
invitations-choose-csv = Add from a CSV file…
invitations-csv-read = { $count ->
    [one] One address
   *[other] { $count } addresses
} added from { $file }.
invitations-csv-empty = { $file } holds no email addresses.
invitations-csv-unreadable = { $file } cannot be read: { $reason }
invitations-count-addresses = { $count ->
    [0] No address yet
    [one] One address
   *[other] { $count } addresses
}
invitations-count-malformed = { $count ->
    [one] one is not an email address
   *[other] { $count } are not email addresses
}
invitations-count-repeated = { $count ->
    [one] one is listed twice
   *[other] { $count } are repeats
}
invitations-seats-would-use = Would take up to { $count ->
    [one] one seat
   *[other] { $count } seats
}; { $free } of { $limit } are free.
invitations-seats-short = { $free ->
    [0] No seat is free
    [one] Only one seat is free
   *[other] Only { $free } seats are free
}: { $refused ->
    [one] one new address
   *[other] { $refused } new addresses
} would be refused. Revoke pending invitations or buy more seats first.
invitations-groups-label = They join these groups:
invitations-groups-default = They join the User group (the groups could not be read).
invitations-need-addresses = Add at least one address.
invitations-too-many = At most { $max } addresses at a time.
invitations-need-group = Choose at least one group.
invitations-send = Send { $count ->
    [one] one invitation
   *[other] { $count } invitations
}
invitations-sending = Sending…
invitations-results-title = Invitations sent
invitations-results-summary = { $invited } invited · { $added } given access at once · { $failed } not invited
invitations-invite-more = Invite more
invitations-done = Done
invitations-result-invited = Invited: a link valid for 7 days is on its way.
invitations-result-added = Has an account already: access granted at once, and a notice was mailed.
invitations-result-invalid-email = Not invited: this is not an email address.
invitations-result-duplicate = Not invited again: the address is in the list more than once.
invitations-result-already-member = Not invited: already a member of this organization.
invitations-result-member-suspended = Not invited: a suspended member. Reactivate them in Members instead.
invitations-result-pending = Not invited: an invitation is already waiting. Resend it instead.
invitations-result-seat-limit = Not invited: no seat left in the plan.
invitations-result-escalation = Not invited: the chosen groups grant permissions you don't hold yourself.
invitations-result-unknown-group = Not invited: a chosen group no longer exists.
invitations-result-other = Not invited: { $reason }

## Audit log
audit-actor-placeholder = Actor: email, name or id
audit-target-placeholder = Target: email, name or id
audit-days = Days (UTC):
audit-from-placeholder = from YYYY-MM-DD
audit-to-placeholder = to YYYY-MM-DD
audit-apply = Apply
audit-clear = Clear filters
audit-export = Export CSV…
audit-exporting = Exporting…
audit-export-title = Export the audit log
audit-exported = { $count ->
    [one] One entry
   *[other] { $count } entries
} exported to { $path }.
audit-export-failed = The export failed: { $reason }
audit-file-failed = the file could not be written ({ $reason })
audit-date-invalid = “{ $text }” is not a day: write it as YYYY-MM-DD, e.g. 2025-11-07.
audit-range-reversed = The first day comes after the last.
audit-nobody = Nobody in this organization matches “{ $who }”.
audit-several = “{ $who }” matches several members: type the whole email address.
audit-loading = Loading the audit log…
audit-empty = No entry matches these filters.
audit-count = { $total ->
    [one] { $shown } of 1 entry
   *[other] { $shown } of { $total } entries
}
audit-col-time = Time (UTC)
audit-col-actor = Actor
audit-col-action = Action
audit-col-target = Target
audit-col-details = Details
audit-col-from = From
audit-actor-platform = The platform
audit-former-member = a former member
audit-target-group = group { $name }
audit-target-invitation = invitation for { $email }
audit-target-org = the organization
audit-actions-any = All actions
audit-actions-invitations = All invitation actions
audit-actions-members = All member actions
audit-actions-groups = All group actions
audit-actions-org = All organization actions
audit-action-invitation-create = Invitation sent
audit-action-invitation-resend = Invitation resent
audit-action-invitation-revoke = Invitation revoked
audit-action-invitation-accept = Invitation accepted
audit-action-member-add = Member added
audit-action-member-suspend = Member suspended
audit-action-member-reactivate = Member reactivated
audit-action-member-force-password-reset = Password reset forced
audit-action-group-create = Group created
audit-action-group-update = Group changed
audit-action-group-delete = Group deleted
audit-action-group-members-change = Group members changed
audit-action-org-create = Organization created
audit-action-org-update = Organization details changed
audit-action-org-paid = Payment received
audit-detail-default-group = the User group
audit-detail-invited = { $email }, to join { $groups }
audit-detail-added = { $email } had an account and joined { $groups } at once
audit-detail-accepted-new = { $email }, with a new account
audit-detail-accepted-existing = { $email }, with their existing account
audit-detail-group-created = “{ $name }” with { $count ->
    [one] one permission
   *[other] { $count } permissions
}
audit-detail-group-deleted = “{ $name }”
audit-detail-renamed = renamed to “{ $name }”
audit-detail-description = description changed
audit-detail-permissions = { $count ->
    [0] no permissions left
    [one] now one permission: { $list }
   *[other] now { $count } permissions: { $list }
}
audit-detail-and-more = { $list } and { $more } more
audit-detail-members-changed = { $added } added, { $removed } removed
audit-detail-org-created = “{ $name }” at { $subdomain }
audit-detail-changed = changed: { $fields }
audit-detail-paid = { $amount } { $currency }
