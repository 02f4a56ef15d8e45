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

## Groups
groups-tab-list = Groups
groups-tab-matrix = Permission matrix
groups-new = New group
groups-loading = Loading groups…
groups-reload = Reload
groups-count = { $count ->
    [one] one group
   *[other] { $count } groups
}
groups-col-name = Name
groups-col-product = Product
groups-col-members = Members
groups-col-description = Description
groups-builtin = Built-in
groups-product-platform = Organization
groups-need-manage = You can look, but changing groups needs the permission org.groups.manage.
groups-not-held = you don't hold this
groups-field-name = Name
groups-field-name-hint = e.g. Sales EMEA
groups-field-description = Description
groups-field-description-hint = What the group is for
groups-field-permissions = Permissions
groups-create-title = New group
groups-escalation = The platform refused: you no longer hold { $missing }, so you cannot grant it. Untick it, or ask an administrator to give it to you first.
groups-create-held-only = You can grant only permissions you hold yourself.
groups-create = Create group
groups-creating = Creating…
groups-create-name-missing = Give the group a name.
groups-create-name-long = A group's name has 1 to { $max } characters.
groups-created = Created the group “{ $name }”.
groups-delete = Delete
groups-delete-title = Delete the group “{ $name }”?
groups-delete-body = { $members ->
    [0] Nobody is in “{ $name }”, so nobody loses a permission. Deleting a group cannot be undone.
    [one] Its one member loses the permissions “{ $name }” grants, unless another of their groups grants them too. Deleting a group cannot be undone.
   *[other] Its { $members } members lose the permissions “{ $name }” grants, unless another of their groups grants them too. Deleting a group cannot be undone.
}
groups-deleted = Deleted the group “{ $name }”.
groups-delete-failed = “{ $name }” was not deleted: { $reason }
groups-builtin-no-delete = Built-in groups cannot be deleted.
groups-builtin-name-fixed = A built-in group's name is fixed; its description and permissions can change.
groups-tab-permissions = Permissions
groups-tab-members = Members ({ $count })
groups-save = Save
groups-saving = Saving…
groups-saved = Saved.
groups-revert = Revert
groups-conflict = Someone else changed “{ $group }” while you were editing. It now shows what they saved:
groups-conflict-kept = Your edits are kept on top of it: check them and save again.
groups-change-renamed = renamed to “{ $name }”.
groups-change-description = its description changed.
groups-change-granted = now grants { $permissions }.
groups-change-revoked = no longer grants { $permissions }.
groups-change-other = its permissions are the same (something else about it changed).
groups-members-add = Add members…
groups-members-loading = Loading members…
groups-members-empty = Nobody is in this group yet.
groups-members-count = { $total ->
    [one] One member
   *[other] { $shown } of { $total } members
}
groups-members-more = Load more
groups-members-need-all = To change this group's members you must hold every permission it grants. You don't hold: { $missing }.
groups-members-added = { $count ->
    [0] Nobody was added to “{ $group }”: they were all in it already.
    [one] Added one member to “{ $group }”.
   *[other] Added { $count } members to “{ $group }”.
}
groups-members-removed = Removed { $name } from “{ $group }”.
groups-remove = Remove
groups-remove-title = Remove { $name } from the group?
groups-remove-body = { $name } loses the permissions “{ $group }” grants, unless another of their groups grants them too. Their account and other groups stay as they are.
groups-picker-title = Add members to “{ $group }”
groups-picker-search = Search name or email
groups-picker-searching = Searching…
groups-picker-none = Nobody matches.
groups-picker-count = { $total ->
    [one] One match
   *[other] { $shown } of { $total } matches
}
groups-picker-already = already in the group
groups-picker-hint = Tick the people to add to “{ $group }”.
groups-picker-effect = { $count ->
    [one] One person gains the permissions of “{ $group }”.
   *[other] { $count } people gain the permissions of “{ $group }”.
}
groups-picker-add = { $count ->
    [0] Add
    [one] Add one member
   *[other] Add { $count } members
}
groups-export-csv = Export CSV…
groups-exporting = Exporting…
groups-exported-members = { $count ->
    [one] Saved one member to { $path }.
   *[other] Saved { $count } members to { $path }.
}
groups-exported-matrix = { $count ->
    [one] Saved the permissions of one group to { $path }.
   *[other] Saved the permissions of { $count } groups to { $path }.
}
groups-exported-matrix-pending = The file holds what the platform has saved; your unsaved changes are not in it.
groups-export-file-failed = The file could not be written: { $detail }
groups-matrix-loading = Loading permissions…
groups-matrix-corner = Group
groups-matrix-legend = Click a cell to grant or revoke; changes stay highlighted until you save them. Built-in groups' permissions can change too; cells of permissions you don't hold are locked.
groups-matrix-save = Save changes
groups-matrix-discard = Discard
groups-matrix-no-pending = No unsaved changes.
groups-matrix-pending = { $count ->
    [one] One unsaved change
   *[other] { $count } unsaved changes
} in { $groups ->
    [one] one group
   *[other] { $groups } groups
}
groups-matrix-saved = { $count ->
    [one] Saved the changes to one group.
   *[other] Saved the changes to { $count } groups.
}
groups-matrix-group-failed = “{ $group }” was not saved: { $reason }
groups-matrix-conflict = Someone else saved some of these groups while you were editing, so they were not saved. The matrix now shows what the platform holds:
groups-matrix-conflict-group = “{ $group }”: { $changes }
groups-matrix-conflict-deleted = “{ $group }” was deleted.
groups-matrix-conflict-kept = Your unsaved changes that still apply are kept and highlighted: check them and save again.
groups-mm-title = { $count ->
    [one] Permissions of one member
   *[other] Permissions of { $count } members
}
groups-mm-hint = Each row is what a member holds: the union of their groups' permissions. Point at or click a cell to see which groups grant it.
groups-mm-left-out = Showing the first { $shown }; { $left } more selected members are left out.
groups-mm-corner = Member
groups-mm-count = { $count ->
    [one] one permission
   *[other] { $count } permissions
}
groups-mm-failed = not loaded
groups-mm-pick = Point at or click a cell to see which groups grant it.
groups-mm-granted = { $name } holds { $permission } through: { $groups }.
groups-mm-not-granted = { $name } doesn't hold { $permission }: none of their groups grants it.
