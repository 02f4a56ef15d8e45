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

## Bulk group edits
bulk-title-add = { $count ->
    [one] Add one member to groups
   *[other] Add { $count } members to groups
}
bulk-title-remove = { $count ->
    [one] Remove one member from groups
   *[other] Remove { $count } members from groups
}
bulk-title-import = Import group changes
bulk-title-import-file = Import group changes from { $file }
bulk-title-preview = Review the changes
bulk-title-undo = Review the undo
bulk-title-done = Changes applied
bulk-title-undone = Changes undone
bulk-loading = Loading the groups…
bulk-choose-add = Choose the groups to add them to.
bulk-choose-remove = Choose the groups to remove them from.
bulk-people-more = { $names } and { $more } more
bulk-filter = Filter groups
bulk-group-builtin = built-in
bulk-group-info = { $permissions ->
    [one] one permission
   *[other] { $permissions } permissions
} · { $members ->
    [one] one member
   *[other] { $members } members
} · { $selected } of the selection in it
bulk-no-groups = No group matches.
bulk-preview = Preview changes
bulk-csv-dialog-title = Import group changes from a CSV file
bulk-csv-picking = Choose a CSV file in the file dialog…
bulk-csv-format = Columns: email, group and optionally action (add or remove; add when left out). A header row is optional.
bulk-csv-reading = Reading { $file } and looking up its addresses and groups…
bulk-csv-summary = { $rows } rows: { $ready } ready, { $flagged } with problems (left out)
bulk-csv-another = Choose another file
bulk-csv-empty = The file has no rows.
bulk-csv-unreadable = The file cannot be read: { $detail }
bulk-csv-not-utf8 = The file is not UTF-8 text. Save it as "CSV UTF-8" and choose it again.
bulk-csv-malformed = The file is not valid CSV: { $detail }
bulk-col-line = Line
bulk-col-member = Member
bulk-col-email = Email
bulk-col-group = Group
bulk-col-action = Action
bulk-col-check = Check
bulk-col-change = Change
bulk-col-gains = Gains
bulk-col-loses = Loses
bulk-row-ready = ready
bulk-problem-missing-email = No email address
bulk-problem-missing-group = No group
bulk-problem-invalid-email = Not an email address
bulk-problem-unknown-email = No member has this email address
bulk-problem-unknown-group = No group has this name
bulk-problem-bad-action = Unknown action "{ $action }": use add or remove
bulk-problem-duplicate = Repeats line { $line }
bulk-problem-conflict = Contradicts line { $line }
bulk-previewing = Asking the platform what { $count } changes would do…
bulk-summary = { $added ->
    [one] One membership
   *[other] { $added } memberships
} will be added and { $removed } removed; { $unchanged ->
    [one] one change is
   *[other] { $unchanged } changes are
} in place already.
bulk-impact-count = { $count ->
    [0] No member gains or loses a permission.
    [one] The permissions of one member change.
   *[other] The permissions of { $count } members change.
}
bulk-tab-memberships = Memberships ({ $count })
bulk-tab-impact = Permission impact ({ $count })
bulk-change-add = + add
bulk-change-remove = − remove
bulk-tally = { $permission } ({ $description }): { $gained } gain, { $lost } lose
bulk-suspended = suspended
bulk-suspended-note = Suspended members hold no permissions: theirs change when they are reactivated.
bulk-nothing-yet = Nothing has changed yet. Apply makes all of these changes in one step, or none of them.
bulk-nothing-changes = These changes are all in place already: there is nothing to apply.
bulk-back = Back
bulk-apply = Apply
bulk-apply-undo = Apply the undo
bulk-applying = Applying { $count } changes…
bulk-done = { $added ->
    [one] One membership
   *[other] { $added } memberships
} added and { $removed } removed.
bulk-undone = Undone: { $removed } memberships removed again and { $added } restored.
bulk-impact-done = { $count ->
    [0] No member's permissions changed.
    [one] The permissions of one member changed.
   *[other] The permissions of { $count } members changed.
}
bulk-undo = Undo
bulk-undo-hint = Undo puts these memberships back as they were, after showing you what that changes.
bulk-refused = { $reason } Nothing was changed.
