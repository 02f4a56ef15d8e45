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
